"""The follow button appears wherever a theme, a colleague, a network or an organisation has a
page of its own, costs one query, and never puts a member's state in a cached page."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.follows import follow
from members.models import Network, Organisation
from taxonomy.models import Theme
from tests.factories import UserFactory
from tests.factories.blog import AuthorFactory

pytestmark = pytest.mark.django_db

LOGIN_LINK = "Log in om te volgen"


@pytest.fixture
def colleague(db):
    return UserFactory(first_name="Lotte", last_name="Peeters", profile__visibility="public")


@pytest.fixture
def pages(blog_index, agenda, colleague):
    """Every page type with a follow button: (address, target, kind in the address)."""
    theme = Theme.objects.get(slug="sociaal-domein")
    network = Network.objects.order_by("name").first()
    organisation = Organisation.objects.order_by("name").first()
    author = AuthorFactory(name="Lotte Peeters", slug="lotte-peeters", user=colleague)
    return {
        "kennisbank-thema": (f"{blog_index.url}?thema={theme.slug}", theme, "thema"),
        "agenda-thema": (f"{agenda.url}?thema={theme.slug}", theme, "thema"),
        "agenda-netwerk": (f"{agenda.url}?netwerk={network.slug}", network, "netwerk"),
        "profiel": (colleague.get_absolute_url(), colleague, "lid"),
        "auteur": (f"{blog_index.url}auteur/{author.slug}/", colleague, "lid"),
        "netwerk": (network.get_absolute_url(), network, "netwerk"),
        "organisatie": (organisation.get_absolute_url(), organisation, "organisatie"),
    }


PAGE_NAMES = [
    "kennisbank-thema",
    "agenda-thema",
    "agenda-netwerk",
    "profiel",
    "auteur",
    "netwerk",
    "organisatie",
]


def follow_queries(queries):
    return [query for query in queries if "members_follow" in query["sql"]]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_member_sees_a_follow_button_that_knows_the_state_in_one_query(client, member, pages, name):
    path, target, kind = pages[name]
    client.force_login(member)
    with CaptureQueriesContext(connection) as context:
        html = client.get(path).content.decode()
    assert len(follow_queries(context.captured_queries)) == 1
    assert f'action="/volgen/{kind}/{target.pk}/"' in html
    assert 'aria-pressed="false"' in html
    assert "data-follow-form" in html

    follow(member, target)
    with CaptureQueriesContext(connection) as context:
        html = client.get(path).content.decode()
    assert len(follow_queries(context.captured_queries)) == 1
    assert f'action="/volgen/{kind}/{target.pk}/stoppen/"' in html
    assert 'aria-pressed="true"' in html


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_visitor_gets_a_login_link_back_to_the_page_and_no_query(client, pages, name):
    path, _target, _kind = pages[name]
    with CaptureQueriesContext(connection) as context:
        html = client.get(path).content.decode()
    assert follow_queries(context.captured_queries) == []
    assert LOGIN_LINK in html
    assert "data-follow-form" not in html
    assert "/accounts/login/?next=" in html


def test_no_button_on_ones_own_profile(client, colleague):
    client.force_login(colleague)
    html = client.get(colleague.get_absolute_url()).content.decode()
    assert "data-follow-form" not in html and LOGIN_LINK not in html


def test_visitors_get_no_button_for_a_member_whose_profile_is_for_members(client, blog_index):
    private = UserFactory(profile__visibility="members")
    author = AuthorFactory(user=private)
    html = client.get(f"{blog_index.url}auteur/{author.slug}/").content.decode()
    assert LOGIN_LINK not in html


def test_author_without_an_account_has_no_button(client, member, blog_index):
    author = AuthorFactory()
    client.force_login(member)
    html = client.get(f"{blog_index.url}auteur/{author.slug}/").content.decode()
    assert "data-follow-form" not in html


def test_without_a_theme_filter_the_knowledge_base_has_no_button(client, member, blog_index):
    client.force_login(member)
    html = client.get(blog_index.url).content.decode()
    assert "data-follow-form" not in html


@pytest.mark.parametrize("name", ["kennisbank-thema", "auteur", "agenda-thema"])
def test_a_members_follow_state_never_reaches_the_cached_anonymous_page(
    client, settings, member, pages, name
):
    settings.PAGE_CACHE_SECONDS = 600
    path, target, _kind = pages[name]
    follow(member, target)
    client.force_login(member)
    personal = client.get(path)
    assert 'aria-pressed="true"' in personal.content.decode()
    assert personal.get("X-Page-Cache") is None  # members' pages are never stored
    client.logout()
    client.cookies.clear()
    first = client.get(path)
    again = client.get(path)
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")  # still cached
    for response in (first, again):
        html = response.content.decode()
        assert LOGIN_LINK in html
        assert "aria-pressed" not in html and "csrfmiddlewaretoken" not in html


def test_an_anonymous_page_in_the_cache_is_not_served_to_a_member(client, settings, member, pages):
    settings.PAGE_CACHE_SECONDS = 600
    path, target, _kind = pages["kennisbank-thema"]
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"
    follow(member, target)
    client.force_login(member)
    response = client.get(path)
    assert response.get("X-Page-Cache") is None
    assert 'aria-pressed="true"' in response.content.decode()
