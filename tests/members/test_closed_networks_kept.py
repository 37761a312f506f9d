"""The serve hook's closed-network check reads a page's closed networks from the shared cache
(``members.visibility.kept_closed_networks_of``): a signed-in view of a public page asks the
database nothing about networks. The reader's own membership is still asked each time, and the
page's networks follow every change once it is committed."""

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from blog.models import BlogPostPage
from members.models import NetworkMembership
from tests.blog.factories import make_article
from tests.factories import NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db


def network_queries(queries):
    return [q for q in queries if '"members_network"' in q["sql"]]


@pytest.fixture
def kept(settings):
    settings.PAGE_CACHE_SECONDS = 600


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_public_page_is_served_without_asking_for_its_networks(kept, blog_index, member):
    article = make_article(blog_index, BlogPostPage, title="Open over inburgering")
    client = signed_in(member)
    for warm in ("", "?warm=1"):  # the first request of a test moves the global generation on
        assert client.get(article.url + warm).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url + "?again=1").status_code == 200
    assert network_queries(queries) == []


def test_a_first_render_of_a_page_outside_closed_networks_reads_no_networks_of_its_own(
    kept, blog_index, member
):
    """The site-wide list of closed content says the page is in none: the page's own
    closed networks (with their names, for the refusal page) are not asked."""
    from django.core.cache import caches

    article = make_article(blog_index, BlogPostPage, title="Open over schuldhulp")
    circle = NetworkFactory(name="Kring Schuldhulp", slug="kring-schuldhulp", is_closed=True)
    make_article(blog_index, BlogPostPage, title="Besloten over schuldhulp", networks=[circle])
    client = signed_in(member)
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url + "?first=1").status_code == 200
    own = 'SELECT "members_network"."id", "members_network"."name"'
    assert not [q for q in queries if q["sql"].startswith(own) and "_networks" in q["sql"]]


def test_moving_into_a_closed_network_and_out_is_followed_at_once(
    kept, blog_index, member, django_capture_on_commit_callbacks
):
    article = make_article(blog_index, BlogPostPage, title="Eerst open, dan besloten")
    circle = NetworkFactory(name="Kring Inburgering", slug="kring-inburgering", is_closed=True)
    insider = UserFactory()
    NetworkMembership.objects.create(
        user=insider, network=circle, status=NetworkMembership.Status.APPROVED
    )
    outsider, insider_client = signed_in(member), signed_in(insider)
    for warm in ("", "?warm=1"):
        assert outsider.get(article.url + warm).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        article.networks.set([circle])
        article.save_revision().publish()
    refused = outsider.get(article.url)
    assert refused.status_code == 403
    assert "Kring Inburgering" in refused.content.decode()
    assert insider_client.get(article.url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        circle.is_closed = False
        circle.save()
    assert outsider.get(article.url).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search table is PostgreSQL's")
def test_search_leaves_out_what_the_kept_lists_name_and_follows_each_change(
    kept, blog_index, member, django_capture_on_commit_callbacks
):
    """Search leaves out closed content by lists kept in the shared cache
    (``members.visibility.hidden_content_ids``): the closed content site-wide and the member's
    own closed networks. A network closed, a page moved into one and a membership ended each
    reach the next search."""
    circle = NetworkFactory(name="Kring Wijkbudget", slug="kring-wijkbudget")
    make_article(blog_index, BlogPostPage, title="Wijkbudget in de kring", networks=[circle])
    make_article(blog_index, BlogPostPage, title="Wijkbudget voor iedereen")
    later = make_article(blog_index, BlogPostPage, title="Wijkbudget later besloten")
    everything = ["Wijkbudget in de kring", "Wijkbudget later besloten", "Wijkbudget voor iedereen"]
    visitor, insider = Client(), signed_in(member)

    def found(client):
        response = client.get("/zoeken/", {"q": "wijkbudget"})
        assert response.status_code == 200
        return sorted(item.page.title for item in response.context["search"].items)

    assert found(visitor) == found(insider) == everything
    with django_capture_on_commit_callbacks(execute=True):
        circle.is_closed = True
        circle.save()
        membership = NetworkMembership.objects.create(
            user=member, network=circle, status=NetworkMembership.Status.APPROVED
        )
    assert found(visitor) == ["Wijkbudget later besloten", "Wijkbudget voor iedereen"]
    assert found(insider) == everything

    with django_capture_on_commit_callbacks(execute=True):
        later.networks.set([circle])
        later.save_revision().publish()
    assert found(visitor) == ["Wijkbudget voor iedereen"]
    assert found(insider) == everything

    with django_capture_on_commit_callbacks(execute=True):
        membership.delete()
    assert found(insider) == ["Wijkbudget voor iedereen"]
