"""Anonymous readers get cached pages; a new or moderated comment refreshes the page, its
listings and the home page's latest comments. Profiles show a member's latest comments."""

import pytest

from comments.actions import moderate, post_comment
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_published_comment_refreshes_the_cached_article(
    client, page_cache, member, article, comment_settings, django_capture_on_commit_callbacks
):
    client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(member, article, "Vers van de pers")
    response = client.get(article.url)
    assert "Vers van de pers" in response.content.decode()


def test_moderated_comment_disappears_from_the_cached_article(
    client,
    page_cache,
    member,
    moderator,
    article,
    comment_settings,
    django_capture_on_commit_callbacks,
):
    comment = make_comment(article, member, "Wordt verwijderd")
    assert "Wordt verwijderd" in client.get(article.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        moderate(comment, "spam", moderator=moderator)
    assert "Wordt verwijderd" not in client.get(article.url).content.decode()


def test_home_page_shows_the_latest_comments(client, home_page, member, article, comment_settings):
    make_comment(article, member, "Zo pakten wij de inkoop aan")
    make_comment(article, member, "Wachtend", status="pending")
    html = client.get("/").content.decode()
    assert "Laatste reacties" in html
    assert "Zo pakten wij de inkoop aan" in html
    assert "Wachtend" not in html
    assert member.email not in html


def test_profile_shows_the_members_latest_comments(
    member_client, member, article, comment_settings
):
    make_comment(article, member, "Op mijn profiel")
    html = member_client.get(member.get_absolute_url()).content.decode()
    assert "Laatste reacties" in html
    assert "Op mijn profiel" in html


def test_permalink_leads_to_the_comment_on_the_right_thread_page(
    client, member, article, comment_settings
):
    from comments.threads import THREADS_PER_PAGE

    comments = [make_comment(article, member, f"Nummer {n}") for n in range(THREADS_PER_PAGE + 1)]
    response = client.get(f"/reacties/{comments[-1].pk}/")
    assert response["Location"] == f"{article.url}?reacties=2#reactie-{comments[-1].pk}"
    page_two = client.get(f"{article.url}?reacties=2").content.decode()
    assert f"Nummer {THREADS_PER_PAGE}" in page_two
    assert "Nummer 0<" not in page_two
