"""Every absolute link the site hands out is on its one public address, settings.SITE_URL.

The requests here come in on another name the site answers to (an alias in ALLOWED_HOSTS), and
the Wagtail Site record still says http://testserver: neither may leak into a link.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from django.test import Client
from django.utils import timezone

from wagtail.models import Site

from blog.models import InterviewPage
from comments.actions import post_comment
from comments.models import CommentSettings
from events.emails import queue_reminder
from events.models import Registration
from events.registration import register
from members.models import NetworkMembership
from members.networks import notify_managers_of_request, notify_member_of_decision
from tests.blog.factories import make_article, make_author, make_image
from tests.comments.factories import make_comment
from tests.factories import EventPageFactory, NetworkFactory, UserFactory
from vakgenoten.models import ProblemReport

pytestmark = pytest.mark.django_db

PUBLIC = "https://vakgenoten.example:8443"
ALIAS = "alias.vakgenoten.example"
URL = re.compile(r"https?://[^\s\"'<>\\]+")
# Namespaces and vocabularies in feeds, sitemaps and structured data: names, not links.
VOCABULARIES = (
    "http://www.w3.org/",
    "http://www.sitemaps.org/",
    "http://purl.org/",
    "https://schema.org",
    "http://schema.org",
)


def absolute_urls(text):
    """The absolute http(s) URLs in ``text``, calendar line folding undone first."""
    text = text.replace("\r\n ", "").replace("\\,", ",")
    return [url for url in URL.findall(text) if not url.startswith(VOCABULARIES)]


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def mail_text(message):
    parts = [message.body, *(str(value) for value in message.extra_headers.values())]
    parts += [content for content, _mimetype in getattr(message, "alternatives", [])]
    parts += [attachment[1] for attachment in message.attachments]
    return "\n".join(str(part) for part in parts)


@pytest.fixture
def public_address(settings, home_page):
    settings.SITE_URL = PUBLIC
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ALIAS]
    assert Site.objects.get(is_default_site=True).root_url == "http://testserver"
    return PUBLIC


@pytest.fixture
def visitor(public_address):
    return Client(HTTP_HOST=ALIAS)


@pytest.fixture
def article(blog_index):
    return make_article(
        blog_index,
        InterviewPage,
        title="Samen inkopen met de buurgemeenten",
        authors=[make_author("Linda Hoekstra", role="journalist")],
        hero_image=make_image(size=(1600, 900)),
        hero_image_alt="Een blauw vlak",
    )


@pytest.fixture
def event(agenda):
    return EventPageFactory(
        parent=agenda,
        title="Ledendag",
        slug="ledendag",
        start=timezone.now() + timedelta(hours=20),
        venue_street="",
        venue_postal_code="",
        venue_city="",
        capacity=20,
        image=make_image(size=(1600, 900)),
        image_alt="Een blauw vlak",
    )


def test_every_absolute_link_is_on_the_public_address_whatever_host_was_asked(
    public_address, visitor, article, event, mailoutbox, django_capture_on_commit_callbacks
):
    found = {}

    def collect(kind, text):
        found[kind] = absolute_urls(text)

    def deliver():
        return django_capture_on_commit_callbacks(execute=True)

    # Pages: canonical, Open Graph (with the image) and JSON-LD of an article and an event.
    collect("article page", visitor.get(article.url).content.decode())
    collect("event page", visitor.get(event.url).content.decode())
    # Feeds, sitemap, robots.txt, security.txt.
    index_url = article.get_parent().url
    collect("rss", visitor.get(f"{index_url}feed/rss/").content.decode())
    collect("atom", visitor.get(f"{index_url}feed/atom/").content.decode())
    collect("sitemap", visitor.get("/sitemap.xml").content.decode())
    collect("robots.txt", visitor.get("/robots.txt").content.decode())
    collect("security.txt", visitor.get("/.well-known/security.txt").content.decode())
    # Calendars: one event's file and the agenda feed (URLs, and the UID's domain below).
    collect("event ics", visitor.get(f"/evenementen/{event.pk}/agenda.ics").content.decode())
    collect("agenda ics", visitor.get("/evenementen/agenda.ics").content.decode())

    # The member's personal calendar link, and the e-mails about their registration.
    member = UserFactory()
    visitor.force_login(member)
    with deliver():
        registration = register(event, user=member).registration
    assert registration.status == Registration.Status.REGISTERED
    collect("my events page", visitor.get("/mijn-evenementen/").content.decode())
    with deliver():
        queue_reminder(registration)

    # Comment e-mails with their unsubscribe links (header and text).
    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hold_first_comments = 0
    settings.save()
    question = make_comment(article, member, "Hoe pakten jullie de aanbesteding aan?")
    with deliver():
        post_comment(UserFactory(), article, "Met drie gemeenten samen.", parent=question)

    # Network e-mails: a request to the manager, the decision to the member.
    network = NetworkFactory(requires_approval=True)
    manager = UserFactory()
    NetworkMembership.objects.create(
        user=manager,
        network=network,
        status=NetworkMembership.Status.APPROVED,
        role=NetworkMembership.Role.MANAGER,
    )
    request = visitor.get("/").wsgi_request
    membership = NetworkMembership.objects.create(user=member, network=network)
    with deliver():
        notify_managers_of_request(request, membership)
        notify_member_of_decision(request, membership, approved=True)

    # allauth's e-mails: a password reset link, and the sign-up link for an unknown address.
    visitor.logout()
    with deliver():
        visitor.post("/accounts/password/reset/", {"email": member.email})
        visitor.post("/accounts/password/reset/", {"email": "onbekend@oosterdijk.example"})

    # A problem report to the editors, with the link into the admin.
    with deliver():
        ProblemReport.objects.create(page_url="/agenda/", message="Een fout").notify_editors(
            Site.objects.get(is_default_site=True)
        )

    for number, message in enumerate(mailoutbox):
        collect(f"e-mail {number} {message.subject}", mail_text(message))

    kinds = {kind for kind in found if kind.startswith("e-mail")}
    subjects = " | ".join(sorted(kinds))
    for expected in [
        "Je bent aangemeld",
        "Morgen",
        "antwoordde op je reactie",
        "nieuwe aanvraag",
        "je bent lid",
        "nieuw wachtwoord",
        "onbekend account",
        "nieuwe melding",
    ]:
        assert expected.lower() in subjects.lower(), subjects
    empty = [kind for kind, urls in found.items() if not urls]
    assert not empty, f"no absolute links found in {empty}"
    elsewhere = {
        kind: [url for url in urls if origin(url) != PUBLIC] for kind, urls in found.items()
    }
    assert not any(elsewhere.values()), {kind: urls for kind, urls in elsewhere.items() if urls}
    calendar = visitor.get("/evenementen/agenda.ics").content.decode()
    assert f"UID:event-{event.pk}@vakgenoten.example" in calendar
