"""With the page cache on, lists leave out closed-network content by the kept list of the ids
it hides (``members.visibility.visible``): no subquery per link table in the list's statement.
Every committed change reaches the next list; inside a transaction that changed something not
yet committed, the exact rule answers. Committed for real, as on a running site."""

import pytest

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from blog.listing import article_listing_queryset
from blog.models import BlogPostPage
from members.models import NetworkMembership
from members.visibility import visible
from tests.blog.factories import make_article
from tests.factories import NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

INSIDE, OPEN = "Armoede in de kring", "Armoede voor iedereen"


@pytest.fixture
def kept(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def circle(blog_index):
    circle = NetworkFactory(name="Kring Armoede", slug="kring-armoede")
    make_article(blog_index, BlogPostPage, title=INSIDE, networks=[circle])
    make_article(blog_index, BlogPostPage, title=OPEN)
    return circle


def listed(user=None):
    """The titles of the articles ``user`` may see, and whether the list's statement asked
    the networks' link tables itself."""
    with CaptureQueriesContext(connection) as queries:
        titles = sorted(article.title for article in article_listing_queryset(viewer=user))
    subqueries = [q for q in queries if "EXISTS" in q["sql"] and "_networks" in q["sql"]]
    return [title for title in titles if title.startswith("Armoede")], bool(subqueries)


def test_lists_follow_each_committed_change_without_asking_the_link_tables(kept, circle):
    insider = UserFactory()
    NetworkMembership.objects.create(
        user=insider, network=circle, status=NetworkMembership.Status.APPROVED
    )
    assert listed() == ([INSIDE, OPEN], False)

    circle.is_closed = True
    circle.save()
    assert listed() == ([OPEN], False)
    assert listed(insider) == ([INSIDE, OPEN], False)

    NetworkMembership.objects.filter(user=insider).delete()
    assert listed(insider) == ([OPEN], False)


def test_a_change_not_yet_committed_is_seen_by_the_exact_rule(kept, circle):
    assert listed() == ([INSIDE, OPEN], False)
    with transaction.atomic():
        circle.is_closed = True
        circle.save()  # its purge waits for the commit
        assert listed() == ([OPEN], True)
    assert listed() == ([OPEN], False)


def test_without_the_page_cache_the_rule_is_asked_in_the_statement(settings, circle):
    settings.PAGE_CACHE_SECONDS = 0
    circle.is_closed = True
    circle.save()
    assert listed() == ([OPEN], True)


def test_a_long_list_of_hidden_ids_gives_way_to_the_subqueries(kept, circle, monkeypatch):
    import members.visibility

    circle.is_closed = True
    circle.save()
    monkeypatch.setattr(members.visibility, "KEPT_IDS_LIMIT", 0)
    assert listed() == ([OPEN], True)


def test_other_lists_take_the_kept_ids_too(kept, circle):
    """Comments point at their page (``outer="page_id"``): the same ids, by that field."""
    from comments.models import Comment

    circle.is_closed = True
    circle.save()
    with CaptureQueriesContext(connection) as queries:
        list(visible(Comment.objects.all(), None, outer="page_id"))
    assert not [q for q in queries if "EXISTS" in q["sql"]]
