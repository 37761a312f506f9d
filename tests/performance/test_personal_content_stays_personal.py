"""What a member sees about themselves never reaches another visitor through a cache.

The full-page cache stores only anonymous responses, and the page parts cached for everyone
(related articles, menu, breadcrumbs) hold nothing personal. Checked in both orders: a
member's visit first (nothing may be stored), and an anonymous visit first (the member must
not get the stored anonymous page).
"""

import pytest

from bench import data as bench_data
from events.models import EventPage

pytestmark = pytest.mark.django_db

PERSONAL_MARKERS = ["csrfmiddlewaretoken", "Je bent aangemeld", "Uitloggen"]


def distinct_member(text, first_name, last_name):
    """A member whose name no generated commenter has."""
    member = bench_data.create_members(1, text, prefix=first_name.lower())[0]
    member.first_name, member.last_name = first_name, last_name
    member.save(update_fields=["first_name", "last_name"])
    return member


@pytest.fixture
def reader(db, text):
    return distinct_member(text, "Roosmarijn", "Verhoeven")


@pytest.fixture
def article(blog_index, members, text):
    page = bench_data.create_articles(blog_index, 1, text)[0]
    bench_data.create_comments([page], 6, members[1:], text)
    return page


@pytest.fixture
def event(agenda, members, reader, text):
    page = bench_data.create_events(agenda, 1, text)[0]
    EventPage.objects.filter(pk=page.pk).update(capacity=None)
    bench_data.create_registrations([page], [reader], 1)
    return page


def assert_nothing_personal(html, member):
    assert member.get_full_name() not in html
    for marker in PERSONAL_MARKERS:
        assert marker not in html


@pytest.mark.parametrize("page_name", ["article", "event"])
def test_member_visit_first_leaves_nothing_for_anonymous_readers(
    client, page_cache_on, reader, page_name, request
):
    page = request.getfixturevalue(page_name)
    client.force_login(reader)
    personal = client.get(page.url)
    html = personal.content.decode()
    assert reader.get_full_name() in html
    assert personal.get("X-Page-Cache") is None  # never stored
    client.logout()
    client.cookies.clear()
    for _ in range(2):  # the first anonymous visit stores the page, the second reads it
        response = client.get(page.url)
        assert_nothing_personal(response.content.decode(), reader)
    assert response["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("page_name", ["article", "event"])
def test_anonymous_page_in_the_cache_is_not_served_to_a_member(
    client, page_cache_on, reader, page_name, request
):
    page = request.getfixturevalue(page_name)
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    client.force_login(reader)
    response = client.get(page.url)
    assert response.get("X-Page-Cache") is None
    assert reader.get_full_name() in response.content.decode()
    if page_name == "event":
        assert "Je bent aangemeld" in response.content.decode()
    else:
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_two_members_never_see_each_others_page(client, page_cache_on, article, text):
    first = distinct_member(text, "Hendrika", "Zwartkruis")
    second = distinct_member(text, "Gerbrand", "Oosterwijk")
    client.force_login(first)
    assert first.get_full_name() in client.get(article.url).content.decode()
    client.force_login(second)
    html = client.get(article.url).content.decode()
    assert second.get_full_name() in html
    assert first.get_full_name() not in html
