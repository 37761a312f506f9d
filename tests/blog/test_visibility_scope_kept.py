"""Which closed networks a member is in (``blog.listing.visibility_scope``) is kept in the shared
cache as the member's own part, so a signed-in article asks the database one query fewer. Joining
or leaving a closed network purges it once committed: the related articles follow at once."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import BlogPostPage, RelatedArticle
from members.models import NetworkMembership
from tests.blog.factories import make_article
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db

CLOSED_TITLE = "Kringbericht over leerlingenvervoer"


@pytest.fixture
def linking_article(blog_index):
    closed = NetworkFactory(name="Kring Vervoer", slug="kring-vervoer", is_closed=True)
    hidden = make_article(blog_index, BlogPostPage, title=CLOSED_TITLE, networks=[closed])
    linking = make_article(
        blog_index,
        BlogPostPage,
        title="Alles over vervoer",
        related_article_links=[RelatedArticle(article=hidden, sort_order=0)],
    )
    return linking, closed


def membership_queries(queries):
    return [q for q in queries if "members_networkmembership" in q["sql"]]


def test_the_scope_is_kept_and_follows_joining_and_leaving(
    member_client, member, linking_article, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    linking, closed = linking_article
    for warm in ("", "?warm=1"):  # the first request of a test moves the global generation on
        assert CLOSED_TITLE not in member_client.get(linking.url + warm).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert CLOSED_TITLE not in member_client.get(linking.url + "?again=1").content.decode()
    assert membership_queries(queries) == []

    with django_capture_on_commit_callbacks(execute=True):
        membership = NetworkMembership.objects.create(
            user=member, network=closed, status=NetworkMembership.Status.APPROVED
        )
    assert CLOSED_TITLE in member_client.get(linking.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        membership.delete()
    assert CLOSED_TITLE not in member_client.get(linking.url).content.decode()


def test_an_approved_request_counts_and_a_pending_one_does_not(
    member_client, member, linking_article, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    linking, closed = linking_article
    with django_capture_on_commit_callbacks(execute=True):
        membership = NetworkMembership.objects.create(
            user=member, network=closed, status=NetworkMembership.Status.PENDING
        )
    for warm in ("", "?warm=1"):
        assert CLOSED_TITLE not in member_client.get(linking.url + warm).content.decode()

    membership.status = NetworkMembership.Status.APPROVED
    with django_capture_on_commit_callbacks(execute=True):
        membership.save()
    assert CLOSED_TITLE in member_client.get(linking.url).content.decode()
