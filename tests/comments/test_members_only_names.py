"""What the profile form promises is what visitors see: a member whose profile is for members
only appears to visitors as "Lid van Vakgenoten" under their comments, without photo, initials
or profile link; members see the name. Before posting, a member is told what shows with it.

The anonymous page cache and the shared comment parts are on, as in production: a visitor must
never get the name from a part rendered for a member, nor a member the neutral label.
"""

from html import unescape

import pytest

from blog.models import BlogPostPage
from members.models import Profile
from tests.blog.factories import make_article
from tests.comments.factories import make_comment
from tests.factories import BlogIndexPageFactory, UserFactory

pytestmark = pytest.mark.django_db

PHOTO = "avatars/0123456789abcdef.webp"
NEUTRAL = "Lid van Vakgenoten"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def article(home_page):
    index = BlogIndexPageFactory(parent=home_page)
    return make_article(index, model=BlogPostPage, title="Samen inkopen")


@pytest.fixture
def quiet_writer(db):
    """A members-only member (the default) with a photo."""
    writer = UserFactory(first_name="Mirjam", last_name="Verborgen")
    writer.profile.avatar_thumbnail = PHOTO
    writer.profile.save()
    return writer


@pytest.fixture
def conversation(article, quiet_writer, member):
    top = make_comment(article, quiet_writer, "Wij deden het anders.")
    make_comment(article, member, "Hoe dan?", parent=top)
    return top


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


def assert_hidden(html, writer):
    assert NEUTRAL in html
    assert "Mirjam" not in html
    assert "Verborgen" not in html
    assert PHOTO not in html
    assert ">MV<" not in html  # initials give the name away too
    assert f"/leden/{writer.pk}/" not in html


def assert_named(html, writer):
    assert "Mirjam Verborgen" in html
    assert PHOTO in html
    assert f"/leden/{writer.pk}/" in html


def test_visitor_sees_a_neutral_label_under_a_members_only_members_comment(
    client, article, quiet_writer, conversation
):
    for _ in range(2):  # rendered, then from the page cache
        html = html_of(client, article.url)
        assert_hidden(html, quiet_writer)
        assert "Wij deden het anders." in html
        assert "Antwoorden op Lid van Vakgenoten" in html


def test_member_after_a_visitor_gets_the_name_and_a_visitor_after_a_member_does_not(
    client, article, quiet_writer, member, conversation
):
    # The visitor renders the shared parts first; the member must not get them.
    assert_hidden(html_of(client, article.url), quiet_writer)
    client.force_login(member)
    assert_named(html_of(client, article.url), quiet_writer)
    # And the other way round, past the visitor's whole-page cache.
    client.logout()
    client.cookies.clear()
    client.force_login(member)
    assert_named(html_of(client, article.url + "?reacties=1"), quiet_writer)
    client.logout()
    client.cookies.clear()
    assert_hidden(html_of(client, article.url + "?reacties=1"), quiet_writer)


def test_home_page_shows_visitors_the_neutral_label_and_members_the_name(
    client, article, quiet_writer, member, conversation
):
    html = html_of(client, "/")
    assert "Wij deden het anders." in html
    assert NEUTRAL in html
    assert "Mirjam" not in html
    client.force_login(member)
    assert "Mirjam Verborgen" in html_of(client, "/")


def test_visitor_sees_name_photo_and_link_of_a_member_with_a_public_profile(
    client, article, quiet_writer, conversation
):
    quiet_writer.profile.visibility = Profile.Visibility.PUBLIC
    quiet_writer.profile.save()
    assert_named(html_of(client, article.url), quiet_writer)


def test_making_the_profile_public_shows_the_name_to_visitors_at_once(
    client, article, quiet_writer, conversation, django_capture_on_commit_callbacks
):
    assert_hidden(html_of(client, article.url), quiet_writer)  # now in the page cache
    writer_client = type(client)()
    writer_client.force_login(quiet_writer)
    form = {
        "first_name": "Mirjam",
        "last_name": "Verborgen",
        "visibility": Profile.Visibility.PUBLIC,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = writer_client.post("/mijn-account/profiel/", form)
    assert response.status_code == 302
    assert_named(html_of(client, article.url), quiet_writer)


def test_member_is_told_at_the_comment_form_what_shows_with_their_comment(
    client, article, member, comment_settings, django_capture_on_commit_callbacks
):
    client.force_login(member)
    html = html_of(client, article.url)
    assert "Ingelogde leden zien bij je reactie je naam en foto" in html
    assert "Bezoekers zonder account zien alleen ‘Lid van Vakgenoten’" in html
    assert "Je e-mailadres is nooit te zien." in html
    assert 'href="/mijn-account/profiel/"' in html

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/mijn-account/profiel/",
            {
                "first_name": member.first_name,
                "last_name": member.last_name,
                "visibility": Profile.Visibility.PUBLIC,
            },
        )
    html = html_of(client, article.url)  # the cached reader state is refreshed
    assert "Iedereen ziet bij je reactie je naam en foto" in html
    assert "Bezoekers zonder account" not in html


def test_the_preview_repeats_what_shows_with_the_comment(client, article, member, comment_settings):
    client.force_login(member)
    response = client.post(f"/reacties/pagina/{article.pk}/", {"body": "Eerste keer", "preview": 1})
    html = unescape(response.content.decode())
    assert "Zo ziet je reactie eruit" in html
    assert "Bezoekers zonder account zien alleen ‘Lid van Vakgenoten’" in html
    assert "Je e-mailadres is nooit te zien." in html


def test_profile_form_says_the_visibility_covers_the_name_under_comments(client, member):
    client.force_login(member)
    html = html_of(client, "/mijn-account/profiel/")
    assert "voor je naam en foto bij je reacties" in html
    assert "‘Lid van Vakgenoten’" in html
