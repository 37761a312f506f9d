"""Nobody reads a comment on a page they may not open, wherever the comment shows up.

One comment each on a public article, an article for logged-in members, an article for one
group, a password-protected article, an unpublished article, and an event under a members-only
agenda (a restriction on an ancestor). Every surface that shows or links to a comment is swept
as a visitor, as a member and as a member of the allowed group: the page itself, the writer's
profile, the home page, the feeds, the permalink, the report form and the e-mail to followers.
The anonymous page cache is on, as in production.
"""

import re
from html import unescape

import pytest

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

from blog.models import BlogPostPage
from comments import notifications
from comments.models import CommentReport, ConversationSubscription
from members.models import Profile
from tests.blog.factories import make_article, make_author
from tests.comments.factories import make_comment
from tests.comments.pages import make_event
from tests.factories import BlogIndexPageFactory, UserFactory
from vakgenoten.models import OutgoingEmail

pytestmark = pytest.mark.django_db

PASSWORD = "sesam-open-je"
VIEWERS = ["visitor", "member", "insider"]
KINDS = ["public", "login", "group", "password", "unpublished", "ancestor"]
# Who may open each page (and so read its comments on their own): a password is known to a
# browser session, never to an account.
READERS = {
    "public": {"visitor", "member", "insider"},
    "login": {"member", "insider"},
    "group": {"insider"},
    "password": set(),
    "unpublished": set(),
    "ancestor": {"member", "insider"},
}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def people(db):
    group = Group.objects.create(name="Wethouders")
    insider = UserFactory(first_name="Ingrid", last_name="Binnen")
    insider.groups.add(group)
    return {
        "group": group,
        "writer": UserFactory(
            first_name="Pieter",
            last_name="Publiek",
            profile__visibility=Profile.Visibility.PUBLIC,
        ),
        "member": UserFactory(first_name="Otto", last_name="Buiten"),
        "insider": insider,
    }


def restrict(page, kind, group=None):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=PASSWORD if kind == "password" else ""
    )
    if group is not None:
        restriction.groups.add(group)
    return restriction


@pytest.fixture
def scene(home_page, people):
    """kind -> (page, comment, words only that comment holds)."""
    index = BlogIndexPageFactory(parent=home_page)
    author = make_author("Otto Buiten", user=people["member"])
    titles = {
        "public": "Openbaar stuk",
        "login": "Ledenstuk",
        "group": "Groepsstuk",
        "password": "Wachtwoordstuk",
        "unpublished": "Conceptstuk",
    }
    pages = {
        kind: make_article(index, model=BlogPostPage, title=title, authors=[author])
        for kind, title in titles.items()
    }
    restrict(pages["login"], PageViewRestriction.LOGIN)
    restrict(pages["group"], PageViewRestriction.GROUPS, people["group"])
    restrict(pages["password"], PageViewRestriction.PASSWORD)
    pages["unpublished"].unpublish()
    pages["ancestor"] = make_event(home_page, title="Besloten ledendag")
    restrict(pages["ancestor"].get_parent(), PageViewRestriction.LOGIN)
    built = {}
    for kind, page in pages.items():
        page.refresh_from_db()
        words = f"Geheime woorden {kind}zaak"
        built[kind] = (page, make_comment(page, people["writer"], words), words)
    return built


def client_for(client, people, viewer):
    if viewer != "visitor":
        client.force_login(people[viewer])
    return client


def shows(html, page, words):
    """Whether ``html`` gives away the comment or the page it is on."""
    html = unescape(html)
    return words in html or page.title in html or f"/{page.slug}/" in html


# The page itself: Wagtail lets in whom the restrictions allow, and nobody else.


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_page_shows_its_comments_only_to_whom_may_open_it(client, people, scene, viewer):
    client = client_for(client, people, viewer)
    for kind, (page, _comment, words) in scene.items():
        response = client.get(page.url)
        assert (words in response.content.decode()) == (viewer in READERS[kind]), kind


# Lists: the writer's profile, the home page, the feeds.


@pytest.mark.parametrize("viewer", VIEWERS)
def test_profile_lists_only_comments_the_viewer_may_read(client, people, scene, viewer):
    client = client_for(client, people, viewer)
    for _ in range(2):  # and again, in case anything was cached
        response = client.get(people["writer"].get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        for kind, (page, _comment, words) in scene.items():
            assert shows(html, page, words) == (viewer in READERS[kind]), kind


@pytest.mark.parametrize("viewer", VIEWERS)
def test_home_page_lists_only_comments_on_public_pages(client, people, scene, viewer):
    client = client_for(client, people, viewer)
    for _ in range(2):  # rendered, then (for visitors) from the page cache
        html = client.get("/").content.decode()
        for kind, (page, _comment, words) in scene.items():
            assert shows(html, page, words) == (kind == "public"), kind


@pytest.mark.parametrize("viewer", VIEWERS)
def test_feeds_show_no_comments_and_no_private_articles(client, people, scene, viewer):
    client = client_for(client, people, viewer)
    for feed in ("/kennisbank/feed/rss/", "/kennisbank/feed/atom/"):
        response = client.get(feed)
        assert response.status_code == 200
        xml = response.content.decode()
        for kind, (page, _comment, words) in scene.items():
            assert words not in xml
            assert (page.title in xml) == (kind == "public"), (feed, kind)


# One comment: the permalink and the report form.


@pytest.mark.parametrize("viewer", VIEWERS)
def test_permalink_leads_only_readers_to_the_page(client, people, scene, viewer):
    client = client_for(client, people, viewer)
    for kind, (page, comment, words) in scene.items():
        response = client.get(f"/reacties/{comment.pk}/")
        location = response.get("Location", "")
        if viewer in READERS[kind]:
            assert response.status_code == 302
            assert location.startswith(page.url), kind
            continue
        assert not shows(location + response.content.decode(), page, words), kind
        if viewer == "visitor":  # asked to log in, and told nothing else
            assert response.status_code == 302
            assert location == f"/accounts/login/?next=%2Freacties%2F{comment.pk}%2F"
        else:
            assert response.status_code == 404, kind


def test_visitor_cannot_tell_a_private_comment_from_a_missing_one(client, scene):
    _page, comment, _words = scene["group"]
    private = client.get(f"/reacties/{comment.pk}/")
    missing = client.get("/reacties/987654/")
    assert private.status_code == missing.status_code == 302
    assert private["Location"].replace(str(comment.pk), "N") == missing["Location"].replace(
        "987654", "N"
    )


@pytest.mark.parametrize("viewer", VIEWERS)
def test_report_form_shows_only_comments_the_member_may_read(client, people, scene, viewer):
    client = client_for(client, people, viewer)
    for kind, (page, comment, words) in scene.items():
        url = f"/reacties/{comment.pk}/melden/"
        response = client.get(url)
        if viewer != "visitor" and viewer in READERS[kind]:
            assert response.status_code == 200
            assert words in response.content.decode()
            continue
        assert not shows(response.get("Location", "") + response.content.decode(), page, words)
        assert response.status_code == (302 if viewer == "visitor" else 404), kind
        posted = client.post(url, {"reason": "spam", "explanation": ""})
        assert posted.status_code in (302, 404)
        assert not shows(posted.get("Location", "") + posted.content.decode(), page, words)
        assert not CommentReport.objects.filter(comment=comment).exists(), kind


# E-mail: followers, the member answered and the article's author.


def mail_to(user):
    return " ".join(
        f"{message.subject} {message.body}"
        for message in OutgoingEmail.objects.filter(to=user.email)
    )


def test_followers_are_mailed_only_comments_they_may_read(people, scene):
    for page, _comment, _words in scene.values():
        for viewer in ("member", "insider"):
            ConversationSubscription.objects.create(user=people[viewer], page=page)
    for kind, (page, _comment, _words) in scene.items():
        words = f"Nieuw bericht {kind}zaak"
        fresh = make_comment(page, people["writer"], words)
        notifications.notify_published(fresh)
        for viewer in ("member", "insider"):
            mailed = mail_to(people[viewer])
            assert (words in mailed) == (viewer in READERS[kind]), (viewer, kind)
            if viewer not in READERS[kind]:
                assert page.title not in mailed


def test_a_member_is_not_mailed_a_reply_or_a_comment_on_their_article_they_may_not_read(
    people, scene
):
    # Otto (people["member"]) wrote every article and a comment on the group's article.
    page, _comment, _words = scene["group"]
    own = make_comment(page, people["member"], "Oud commentaar van Otto")
    reply = make_comment(page, people["insider"], "Antwoord voor de groep", parent=own)
    notifications.notify_published(reply)
    mailed = mail_to(people["member"])
    assert "Antwoord voor de groep" not in mailed
    assert page.title not in mailed

    public_page = scene["public"][0]
    notifications.notify_published(
        make_comment(public_page, people["insider"], "Openbaar antwoord")
    )
    assert "Openbaar antwoord" in mail_to(
        people["member"]
    )  # the author hears of what they may read


# A visitor who typed the password reads the page, but its comments stay off every list.


def test_password_opens_the_page_and_its_permalink_but_no_list(client, people, scene):
    page, comment, words = scene["password"]
    restriction = PageViewRestriction.objects.get(page=page)
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": PASSWORD, "return_url": page.url},
    )
    assert response.status_code == 302
    assert words in client.get(page.url).content.decode()
    assert client.get(f"/reacties/{comment.pk}/")["Location"].startswith(page.url)
    for url in (people["writer"].get_absolute_url(), "/", "/kennisbank/feed/rss/"):
        assert not shows(client.get(url).content.decode(), page, words), url

    client.force_login(people["insider"])  # a member who typed it: the same
    assert client.get(f"/reacties/{comment.pk}/")["Location"].startswith(page.url)
    assert not shows(client.get(people["writer"].get_absolute_url()).content.decode(), page, words)


def test_a_page_that_loses_its_restriction_shows_its_comments_everywhere_again(
    client, people, scene
):
    page, comment, words = scene["login"]
    PageViewRestriction.objects.filter(page=page).delete()
    assert words in client.get(people["writer"].get_absolute_url()).content.decode()
    assert client.get(f"/reacties/{comment.pk}/")["Location"].startswith(page.url)


def test_superuser_reads_comments_on_group_pages_as_wagtail_lets_them(client, people, scene):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    page, comment, words = scene["group"]
    assert words in client.get(people["writer"].get_absolute_url()).content.decode()
    assert re.search(re.escape(page.url), client.get(f"/reacties/{comment.pk}/")["Location"])
