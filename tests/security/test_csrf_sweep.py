"""Every address of the site refuses a POST without a CSRF token, signed in or not.

The sweep walks Django's URL resolver (the site's own views, allauth, the Wagtail admin and its
documents), builds an address for each pattern and POSTs to it without a token. It also POSTs
to a page of each type in the Wagtail page tree and to the knowledge base's routable routes,
which Wagtail serves through one catch-all pattern. The answer must be 403: Django's CSRF
check runs before any view, so this holds whether the view would take a POST or not.

The views that skip the check are listed below with the reason; the sweep checks that the
views marked ``csrf_exempt`` are exactly these, so a new exempt view fails this test until
someone writes down why it is safe.
"""

import pytest

from django.test import Client
from django.urls import resolve

from tests.factories import UserFactory
from tests.security.url_map import SHADOWED, url_patterns

pytestmark = pytest.mark.django_db

EXEMPT = {
    # Django's language switch: a forged request can only change the interface language, and
    # the footer form carries no token so anonymous pages stay cacheable (vakgenoten.views).
    "django.views.i18n.set_language": "language switch",
    # RFC 8058 one-click unsubscribe: mail programs POST without a token; the signed token in
    # the address is the authorisation, and it can only switch e-mail off.
    # Also serves the old comment links (/reacties/afmelden/).
    "members.views.notifications.unsubscribe": "one-click unsubscribe",
    # navigator.sendBeacon sends no token; counting a view changes nothing a visitor owns.
    "blog.views.view_beacon": "view-count beacon",
    # Wagtail's read-only admin API (Django REST framework marks its views exempt and checks
    # the token itself for session-authenticated writes; these viewsets accept no writes).
    "wagtail.admin.api.views.PagesAdminAPIViewSet": "admin API (read-only)",
    "wagtail.documents.api.admin.views.DocumentsAdminAPIViewSet": "admin API (read-only)",
    "wagtail.images.api.admin.views.ImagesAdminAPIViewSet": "admin API (read-only)",
}
READ_ONLY_API = {name for name, reason in EXEMPT.items() if reason == "admin API (read-only)"}
# Views a POST never reaches: members.middleware sends it to allauth's login first.
REDIRECTED = {"wagtail.admin.views.account.LoginView"}


def exempt_views():
    return {name for _url, name, view in url_patterns() if getattr(view, "csrf_exempt", False)}


@pytest.fixture
def tree(home_page):
    """A page of each type: home, standard page, knowledge base, article, agenda, event."""
    from tests.factories import (
        BlogIndexPageFactory,
        BlogPostPageFactory,
        EventIndexPageFactory,
        EventPageFactory,
    )

    index = BlogIndexPageFactory(parent=home_page)
    article = BlogPostPageFactory(parent=index, title="Samen inkopen")
    agenda = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, title="Ledendag", slug="ledendag")
    return [home_page, index, article, agenda, event]


def page_addresses(tree):
    from wagtail.models import Page

    addresses = [page.url for page in Page.objects.live().specific() if page.url]
    index = tree[1]
    addresses += [
        index.url + route for route in ["auteur/x/", "feed/rss/", "feed/atom/", "thema/x/feed/rss/"]
    ]
    return addresses


def test_the_exempt_views_are_exactly_the_justified_ones():
    assert exempt_views() == set(EXEMPT)


def test_every_sample_address_reaches_its_own_view():
    """Guard the sweep: each address it builds resolves to the pattern it was built from."""
    wrong = []
    for url, name, _view in url_patterns():
        match = resolve(url)
        if match._func_path != name and match.func is not _view and name not in SHADOWED:
            wrong.append((url, name, match._func_path))
    assert wrong == []


def refused(response):
    """403 (no token), 405 (no POST here) or, for the admin API, off to the login page."""
    if response.status_code in (403, 405):
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and ("/login/" in location)


@pytest.mark.parametrize("who", ["anonymous", "member", "editor"])
def test_every_address_refuses_a_post_without_a_csrf_token(tree, who):
    from tests.blog.factories import with_second_factor

    client = Client(enforce_csrf_checks=True)
    if who == "member":
        client.force_login(UserFactory())
    elif who == "editor":
        client.force_login(with_second_factor(UserFactory(is_staff=True, is_superuser=True)))
    addresses = [(url, name) for url, name, _view in url_patterns()]
    addresses += [(url, "wagtail page") for url in page_addresses(tree)]
    assert len(addresses) > 300
    accepted = []
    for url, name in addresses:
        response = client.post(url, {"naam": "waarde"})
        if name in READ_ONLY_API or name in REDIRECTED:
            # The API is exempt from Django's check but refuses writes itself (DRF checks the
            # token for signed-in editors); others are sent to the login page first.
            if not refused(response):
                accepted.append((url, name, response.status_code))
        elif name not in EXEMPT and response.status_code != 403:
            accepted.append((url, name, response.status_code))
    assert accepted == []


def test_the_sweep_reaches_wagtail_pages_and_their_routes(tree):
    addresses = page_addresses(tree)
    for page in tree:
        assert page.url in addresses
    assert tree[1].url + "feed/rss/" in addresses
