"""The knowledge base's total is kept with the listing page (``KeptCountPaginator``): counting
every visible article costs more than the page of cards at scale. Publishing refreshes it."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from taxonomy.models import Theme
from tests.factories import (
    AuthorFactory,
    BlogPostPageFactory,
    NetworkFactory,
    NewsPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _total(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.context["page_obj"].paginator.count


def _counts_rows(statements):
    return [sql for sql in statements if '"__count"' in sql]


def test_the_total_is_counted_once_and_follows_publishing(client, blog_index, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.force_login(UserFactory())  # a member's page is rendered afresh every time
    for number in range(12):
        NewsPageFactory(parent=blog_index, title=f"Nieuws {number}")
    assert _total(client, blog_index.url) == 12
    with CaptureQueriesContext(connection) as second:
        assert _total(client, blog_index.url) == 12
    assert not _counts_rows(query["sql"] for query in second.captured_queries)

    BlogPostPageFactory(parent=blog_index, title="Een blog erbij")
    response = client.get(blog_index.url)
    assert response.context["page_obj"].paginator.count == 13
    assert response.context["page_obj"].paginator.num_pages == 2


def test_each_filter_has_its_own_total_and_an_unknown_value_the_whole_list(
    client, blog_index, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    client.force_login(UserFactory())
    NewsPageFactory(parent=blog_index, title="Nieuws")
    BlogPostPageFactory(parent=blog_index, title="Blog")
    assert _total(client, blog_index.url) == 2
    assert _total(client, blog_index.url, type="nieuws") == 1
    assert _total(client, blog_index.url, type="blog") == 1
    assert _total(client, blog_index.url, thema="bestaat-niet") == 2


def test_the_unfiltered_total_counts_exactly_what_the_reader_may_see(client, blog_index):
    """Unfiltered, the total is counted on Wagtail's page table (``articles_to_count``): it
    leaves out what the list leaves out, for a visitor and for a member of a closed network."""
    theme = Theme.objects.order_by("pk").first()
    closed = NetworkFactory(is_closed=True)
    insider = UserFactory()
    closed.memberships.create(user=insider, status="approved")
    NewsPageFactory(parent=blog_index, title="Openbaar")
    NewsPageFactory(parent=blog_index, title="Concept", draft=True)
    BlogPostPageFactory(parent=blog_index, title="Uit de kring", networks=[closed], themes=[theme])
    private = NewsPageFactory(parent=blog_index, title="Alleen aangemeld")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert _total(client, blog_index.url) == 1
    assert _total(client, blog_index.url, thema=theme.slug) == 0
    client.force_login(insider)
    assert _total(client, blog_index.url) == 2
    assert _total(client, blog_index.url, type="blog") == 1
    assert _total(client, blog_index.url, thema=theme.slug) == 1


def test_the_count_asks_only_the_articles_link_table_of_the_closed_network_rule(client, blog_index):
    """Every row the count reads is an article, so the rule asks whether it is in a closed
    network in the articles' link table only: at 100,000 articles the events' and questions'
    tables each added a pass over every row (23 ms against 18 for the count)."""
    NewsPageFactory(parent=blog_index, title="Openbaar")
    with CaptureQueriesContext(connection) as render:
        assert _total(client, blog_index.url) == 1
    (count,) = _counts_rows(query["sql"] for query in render.captured_queries)
    assert "blog_articlepage_networks" in count
    assert "events_eventpage_networks" not in count
    assert "questions_questionpage_networks" not in count


def test_an_author_pages_total_counts_only_their_articles_the_reader_may_see(client, blog_index):
    closed = NetworkFactory(is_closed=True)
    insider = UserFactory()
    closed.memberships.create(user=insider, status="approved")
    author, other = AuthorFactory(), AuthorFactory()
    NewsPageFactory(parent=blog_index, title="Van haar", authors=[author])
    NewsPageFactory(parent=blog_index, title="Van een ander", authors=[other])
    NewsPageFactory(parent=blog_index, title="Uit de kring", authors=[author], networks=[closed])
    url = blog_index.url + blog_index.reverse_subpage("author", args=[author.slug])

    assert _total(client, url) == 1
    client.force_login(insider)
    assert _total(client, url) == 2
