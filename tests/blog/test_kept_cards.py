"""A page of article cards is kept with the listing page (``blog.listing.kept_cards``): members
get the knowledge base and an author's page without their list queries, and see every change
to a card on the next request."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.blog.cards import card_titles
from tests.factories import (
    AuthorFactory,
    BlogPostPageFactory,
    NetworkFactory,
    NewsPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _listing_rows(statements):
    """The list's own statement: the articles, newest first."""
    return [sql for sql in statements if '"blog_articlepage"."publication_date" DESC' in sql]


def _read(client, url, **params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return response, [query["sql"] for query in context.captured_queries]


def test_a_member_reads_the_cards_again_without_the_list_queries(client, blog_index, page_cache_on):
    client.force_login(UserFactory())
    for number in range(3):
        NewsPageFactory(parent=blog_index, title=f"Nieuws {number}")
    first, statements = _read(client, blog_index.url)
    assert _listing_rows(statements)
    again, statements = _read(client, blog_index.url)
    assert not _listing_rows(statements)
    assert card_titles(again) == card_titles(first) == ["Nieuws 2", "Nieuws 1", "Nieuws 0"]


def test_a_publish_and_a_comment_show_on_the_kept_cards_at_once(
    client, blog_index, page_cache_on, django_capture_on_commit_callbacks
):
    member = UserFactory()
    client.force_login(member)
    article = NewsPageFactory(parent=blog_index, title="Eerste nieuws")
    assert card_titles(client.get(blog_index.url)) == ["Eerste nieuws"]

    NewsPageFactory(parent=blog_index, title="Tweede nieuws")
    assert card_titles(client.get(blog_index.url)) == ["Tweede nieuws", "Eerste nieuws"]

    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.create(
            page=article,
            user=member,
            body="Goed stuk.",
            body_html="<p>Goed stuk.</p>",
            status=Comment.Status.PUBLISHED,
        )
    assert "1 reactie" in client.get(blog_index.url).content.decode()


def test_each_filter_order_and_page_has_its_own_cards(client, blog_index, page_cache_on):
    client.force_login(UserFactory())
    for number in range(13):
        NewsPageFactory(parent=blog_index, title=f"Nieuws {number:02d}")
    BlogPostPageFactory(parent=blog_index, title="Een blog")
    assert card_titles(client.get(blog_index.url, {"type": "blog"})) == ["Een blog"]
    assert len(card_titles(client.get(blog_index.url))) == 12
    assert card_titles(client.get(blog_index.url, {"page": 2})) == ["Nieuws 01", "Nieuws 00"]
    assert card_titles(client.get(blog_index.url, {"page": "x"}))[0] == "Een blog"


def test_members_of_a_closed_network_and_others_get_their_own_cards(
    client, blog_index, page_cache_on
):
    closed = NetworkFactory(is_closed=True)
    insider, outsider = UserFactory(), UserFactory()
    closed.memberships.create(user=insider, status="approved")
    author = AuthorFactory()
    NewsPageFactory(parent=blog_index, title="Voor iedereen", authors=[author])
    NewsPageFactory(parent=blog_index, title="Uit de kring", authors=[author], networks=[closed])
    author_url = blog_index.url + blog_index.reverse_subpage("author", args=[author.slug])

    for reader, expected in [
        (insider, ["Uit de kring", "Voor iedereen"]),
        (outsider, ["Voor iedereen"]),
        (insider, ["Uit de kring", "Voor iedereen"]),
    ]:
        client.force_login(reader)
        assert card_titles(client.get(blog_index.url)) == expected
        assert card_titles(client.get(author_url)) == expected
    client.logout()
    assert card_titles(client.get(author_url)) == ["Voor iedereen"]


def test_an_empty_list_says_so(client, blog_index, page_cache_on):
    client.force_login(UserFactory())
    html = client.get(blog_index.url, {"type": "interview"}).content.decode()
    assert "Er zijn (nog) geen artikelen die bij deze filters passen." in html
