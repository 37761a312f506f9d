"""There is exactly one way to sign in: allauth's login, with verification, second factor and
rate limits. No other address of the site accepts an e-mail address and password.

The probe that found Wagtail's front-end login (/_util/login/) signed in an editor there without
a second factor, and an account whose address was never verified. The sweep posts credentials
to every URL pattern of the site (tests/security/url_map.py), so a login form added by a new
dependency tomorrow fails this test too.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from django.contrib.auth import SESSION_KEY
from django.test import Client

from tests.factories import UserFactory
from tests.security.url_map import routes

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"
FRONT_DOOR = "/accounts/login/"


def credentials(user):
    """Every field name a login form of Django, Wagtail or allauth reads."""
    return {
        "login": user.email,
        "email": user.email,
        "username": user.email,
        "password": PASSWORD,
        "next": "/admin/",
    }


def signed_in_after_posting(path, user):
    client = Client(raise_request_exception=False)
    client.post(path, credentials(user))
    return client.session.get(SESSION_KEY) == str(user.pk)


@pytest.fixture
def editor_with_totp(db):
    editor = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(editor, "JBSWY3DPEHPK3PXP")
    return editor


@pytest.fixture
def unverified_member(db):
    member = UserFactory(verified=False)
    EmailAddress.objects.create(user=member, email=member.email, verified=False, primary=True)
    return member


def test_every_url_pattern_resolves_to_a_swept_path():
    found, unresolved = routes()
    assert unresolved == []
    assert len(found) > 300  # the admin's patterns are in the sweep too


def test_only_the_front_door_signs_a_member_in(home_page):
    member = UserFactory()
    found, _unresolved = routes()
    doors = [route.path for route in found if signed_in_after_posting(route.path, member)]
    assert doors == [FRONT_DOOR]


def test_no_address_signs_in_an_editor_without_the_second_factor(home_page, editor_with_totp):
    found, _unresolved = routes()
    doors = [route.path for route in found if signed_in_after_posting(route.path, editor_with_totp)]
    assert doors == []


def test_no_address_signs_in_an_unverified_account(home_page, unverified_member):
    found, _unresolved = routes()
    doors = [
        route.path for route in found if signed_in_after_posting(route.path, unverified_member)
    ]
    assert doors == []


def test_wagtails_frontend_login_sends_visitors_to_the_front_door(client, editor_with_totp):
    response = client.post("/_util/login/?next=/leden/", credentials(editor_with_totp))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fleden%2F"
    assert SESSION_KEY not in client.session
    offsite = client.get("/_util/login/", {"next": "https://elders.example/"})
    assert offsite["Location"] == "/accounts/login/"


def test_a_login_restricted_page_sends_visitors_to_the_front_door(client, home_page):
    from wagtail.models import PageViewRestriction

    from vakgenoten.models import StandardPage

    page = StandardPage.objects.get(slug="over-vakgenoten")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
