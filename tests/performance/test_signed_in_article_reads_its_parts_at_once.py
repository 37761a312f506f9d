"""A signed-in member's article asks the shared cache for all its parts at once: the parts
the address asked for last time are read ahead in one round trip (``vakgenoten.cache``), so
the member's page costs a few round trips and queries whatever the length of its thread, and
what is read ahead is never another member's and never older than the last change.
"""

import pytest

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import data as bench_data
from comments.actions import moderate, post_comment
from comments.models import Comment

pytestmark = pytest.mark.django_db

CACHE_CALLS = ("get", "get_many", "set", "set_many", "add", "incr", "delete", "delete_many")


class RoundTrips:
    """Counts every call on the shared page cache: one call, one round trip to Redis. (The
    tests' in-memory cache answers ``get_many`` with ``get``: only the outer call counts.)"""

    def __init__(self, monkeypatch, cache):
        self.calls = []
        self.depth = 0
        for name in CACHE_CALLS:
            monkeypatch.setattr(cache, name, self._counting(name, getattr(cache, name)))

    def _counting(self, name, method):
        def counted(*args, **kwargs):
            if not self.depth:
                self.calls.append((name, str(args[0])[:60] if args else ""))
            self.depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                self.depth -= 1

        return counted


@pytest.fixture
def round_trips(monkeypatch, page_cache_on):
    return RoundTrips(monkeypatch, caches[page_cache_on.PAGE_CACHE_ALIAS])


def signed_in_costs(client, url, round_trips):
    """(queries, cache round trips) of a warm render: the parts kept, the address known."""
    for _ in range(3):
        assert client.get(url).status_code == 200
    round_trips.calls.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), len(round_trips.calls)


def test_a_members_article_costs_the_same_few_round_trips_with_3_or_40_comments(
    client, round_trips, blog_index, members, text
):
    quiet, busy = bench_data.create_articles(blog_index, 2, text)
    bench_data.create_comments([quiet], 3, members[1:], text)
    bench_data.create_comments([busy], 40, members[1:], text)
    client.force_login(members[0])

    quiet_costs = signed_in_costs(client, quiet.url, round_trips)
    busy_costs = signed_in_costs(client, busy.url, round_trips)

    assert busy_costs == quiet_costs
    queries, trips = busy_costs
    # The site and the page's generations, then every shared part; the member's generation,
    # then their own parts; the unread count; the editing bar. (Without reading ahead: 21.)
    assert trips <= 7, round_trips.calls
    assert queries <= 6


def test_a_thread_read_ahead_shows_a_new_comment_and_loses_a_removed_one(
    client, page_cache_on, blog_index, members, text, django_capture_on_commit_callbacks
):
    article = bench_data.create_articles(blog_index, 1, text)[0]
    bench_data.create_comments([article], 5, members[2:], text)
    client.force_login(members[0])
    for _ in range(3):  # the thread kept, the address's parts known: read ahead from now on
        client.get(article.url)

    with django_capture_on_commit_callbacks(execute=True):
        new = post_comment(members[1], article, "Wij openen het loket voortaan om acht uur.")
    assert (
        "Wij openen het loket voortaan om acht uur." not in client.get(article.url).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderate(new, Comment.Status.PUBLISHED)  # a first comment waits for the editors
    html = client.get(article.url).content.decode()
    assert "Wij openen het loket voortaan om acht uur." in html
    assert f'id="reactie-{new.pk}"' in html

    with django_capture_on_commit_callbacks(execute=True):
        moderate(new, Comment.Status.SPAM)
    html = client.get(article.url).content.decode()
    assert "Wij openen het loket voortaan om acht uur." not in html
    assert f'id="reactie-{new.pk}"' not in html


def test_a_member_never_gets_the_own_comment_links_read_ahead_for_another(
    client, page_cache_on, blog_index, members, text, django_capture_on_commit_callbacks
):
    article = bench_data.create_articles(blog_index, 1, text)[0]
    writer, reader = members[1], members[0]
    with django_capture_on_commit_callbacks(execute=True):
        own = post_comment(writer, article, "Mijn eigen ervaring met het spreekuur.")
        moderate(own, Comment.Status.PUBLISHED)
    own_links = (f"/reacties/{own.pk}/verwijderen/", f"/reacties/{own.pk}/bewerken/")

    # The writer's visits teach this process that the address asks for a thread of its own.
    client.force_login(writer)
    for _ in range(3):
        html = client.get(article.url).content.decode()
        assert all(link in html for link in own_links)

    client.force_login(reader)
    for _ in range(3):
        html = client.get(article.url).content.decode()
        assert "Mijn eigen ervaring met het spreekuur." in html
        assert not any(link in html for link in own_links)
        assert f"/reacties/{own.pk}/melden/" in html

    client.force_login(writer)  # and back: the writer's own thread, not the reader's
    html = client.get(article.url).content.decode()
    assert all(link in html for link in own_links)
