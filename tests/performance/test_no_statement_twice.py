"""No SQL statement runs twice in one request on the main pages.

A repeated statement is a query the page could have kept: the same restriction lookup for two
lists, a setting read twice, a relation fetched per template include.
"""

from collections import Counter

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import data as bench_data
from blog.models import ArticlePage
from events.models import EventPage
from members.models import Profile
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db


def repeated_statements(client, url):
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url + ("&" if "?" in url else "?") + "fresh=1")
    assert response.status_code == 200, url
    counts = Counter(query["sql"] for query in context.captured_queries)
    return [sql for sql, times in counts.items() if times > 1]


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_main_pages_run_every_statement_once(
    client, page_cache_on, blog_index, agenda, members, reader, text, signed_in
):
    articles = bench_data.create_articles(blog_index, 30, text)
    bench_data.create_comments(articles[:3], 25, members, text)
    events = bench_data.create_events(agenda, 15, text)
    EventPage.objects.filter(pk=events[0].pk).update(capacity=None)
    bench_data.create_registrations(events[:1], members, 10)
    Profile.objects.filter(user=members[2]).update(visibility=Profile.Visibility.PUBLIC)
    network = NetworkFactory(name="Netwerk Inkoop", slug="netwerk-inkoop")
    links = ArticlePage.networks.through
    links.objects.bulk_create(
        [links(articlepage_id=article.pk, network=network) for article in articles[:3]]
    )
    if signed_in:
        client.force_login(reader)
    urls = [
        "/",
        blog_index.url,
        articles[0].url,
        agenda.url,
        events[0].url,
        "/zoeken/?q=gemeente",
        f"/leden/{members[2].pk}/",
        "/organisaties/",
        "/netwerken/",
        network.get_absolute_url(),
    ]
    if signed_in:
        urls.append("/leden/")
        urls.append("/voor-jou/")
    for url in urls:
        assert repeated_statements(client, url) == [], url
