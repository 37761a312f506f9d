"""No ``next`` (or Referer, or return address) sends anyone off-site, however it is spelled.

tests/members/test_open_redirects.py covers logging in and out; this file covers every other
place that redirects to, or links back to, an address a visitor can choose: sign-up (through
the e-mail code), the language switch (``next`` and Referer), the admin's login, Wagtail's own
login for private pages, re-entering a password, the profile form, cancelling a registration
and the problem report's way back.
"""

import html
import re
from urllib.parse import quote

import pytest

from tests.factories import EventPageFactory, RegistrationFactory
from tests.members.conftest import code_from, signup_data
from tests.members.helpers import stays_on_site
from tests.members.test_open_redirects import OFF_SITE as LOGIN_SPELLINGS

pytestmark = pytest.mark.django_db

OFF_SITE = list(
    dict.fromkeys(
        LOGIN_SPELLINGS
        + [
            "http://evil.example",
            "https://vakgenoten.example@evil.example",
            "https://testserver@evil.example/leden/",
            "https://testserver.evil.example/",
            "https:\\\\evil.example",
            "/\n/evil.example",
            "\n//evil.example",
            "//evil.example%00",
            "%2F%5Cevil.example",
            "/%5Cevil.example",
            "\\/\\/evil.example",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        ]
    )
)
BACK_LINK = re.compile(r'<a class="button" href="([^"]*)">Terug naar de pagina waar je was</a>')
FACTORY_PASSWORD = "geheim-wachtwoord-123"  # tests.factories.UserFactory


def assert_on_site(response):
    assert response.status_code in (301, 302), response.status_code
    assert stays_on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_sign_up_never_leads_off_site_after_the_code(
    client, target, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", {**signup_data(), "next": target})
    assert_on_site(response)
    response = client.post("/accounts/confirm-email/", {"code": code_from(mailoutbox[-1])})
    assert_on_site(response)


@pytest.mark.parametrize("target", OFF_SITE)
def test_signed_in_member_on_the_sign_up_page_is_not_sent_off_site(member_client, target):
    assert_on_site(member_client.get(f"/accounts/signup/?next={quote(target, safe='')}"))


@pytest.mark.parametrize("target", OFF_SITE)
def test_language_switch_never_redirects_off_site(client, target):
    response = client.post("/i18n/setlang/", {"language": "en", "next": target})
    assert_on_site(response)
    response = client.post("/i18n/setlang/", {"language": "nl"}, headers={"referer": target})
    assert_on_site(response)


def test_language_switch_follows_a_next_on_this_site(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/zoeken/?q=wmo"})
    assert response["Location"] == "/zoeken/?q=wmo"


@pytest.mark.parametrize("target", OFF_SITE)
def test_admin_login_hands_on_no_off_site_target(client, target):
    response = client.get(f"/admin/login/?next={quote(target, safe='')}")
    assert_on_site(response)


@pytest.mark.parametrize("target", OFF_SITE)
def test_wagtail_login_for_private_pages_never_redirects_off_site(client, member, target):
    response = client.post(
        f"/_util/login/?next={quote(target, safe='')}",
        {"username": member.email, "password": FACTORY_PASSWORD, "next": target},
    )
    if response.status_code in (301, 302):
        assert stays_on_site(response["Location"]), response["Location"]
    else:
        assert target not in response.content.decode()


@pytest.mark.parametrize("target", OFF_SITE)
def test_entering_the_password_again_never_redirects_off_site(member_client, target):
    response = member_client.post(
        "/accounts/reauthenticate/", {"password": FACTORY_PASSWORD, "next": target}
    )
    assert_on_site(response)


@pytest.mark.parametrize("target", OFF_SITE)
def test_saving_the_profile_never_redirects_off_site(member_client, target):
    data = {"first_name": "Sanne", "last_name": "Jansen", "visibility": "members", "next": target}
    response = member_client.post("/mijn-account/profiel/", data)
    assert_on_site(response)


@pytest.fixture
def registration(agenda, member):
    return RegistrationFactory(event=EventPageFactory(parent=agenda), user=member)


@pytest.mark.parametrize("target", OFF_SITE)
def test_cancelling_a_registration_never_redirects_off_site(member_client, registration, target):
    url = f"/evenementen/aanmeldingen/{registration.pk}/afmelden/"
    assert_on_site(member_client.post(url, {"next": target}))


@pytest.mark.parametrize("target", OFF_SITE)
def test_problem_report_never_links_back_off_site(client, home_page, target):
    data = {
        "page_url": target,
        "message": "De zoekfunctie vindt de Wmo-pagina niet.",
        "email": "melder@gemeente.example",
    }
    response = client.post("/probleem-melden/", data, follow=True)
    assert response.status_code == 200
    back = BACK_LINK.search(response.content.decode())
    if back:  # a relative address such as "%2F%2Fevil.example" stays on this site
        assert stays_on_site(html.unescape(back.group(1))), back.group(1)
