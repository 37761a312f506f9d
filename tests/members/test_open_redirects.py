"""A ?next= that points off-site is never followed, however it is spelled."""

from urllib.parse import quote

import pytest

from tests.members.helpers import stays_on_site

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "//evil.example",
    "///evil.example",
    "https://evil.example",
    "http://evil.example/accounts/login/",
    "https://testserver@evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "https:evil.example",
    "https:/evil.example",
    "%2F%2Fevil.example",
    "%2f%2fevil.example",
    "/%2F/evil.example",
    " //evil.example",
    "\t//evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]


def test_the_check_itself_catches_each_spelling():
    """Guard the guard: the helper must call every spelling above off-site when used raw."""
    assert not any(stays_on_site(target) for target in ["//evil.example", "/\\evil.example"])
    assert stays_on_site("/leden/") and stays_on_site("http://testserver/leden/")


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_never_redirects_off_site(client, member, target):
    response = client.post(
        "/accounts/login/",
        {"login": member.email, "password": "geheim-wachtwoord-123", "next": target},
    )
    assert response.status_code == 302
    assert stays_on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", OFF_SITE)
@pytest.mark.parametrize("encode", [True, False], ids=["quoted", "raw"])
def test_login_page_for_a_logged_in_member_never_redirects_off_site(member_client, target, encode):
    value = quote(target, safe="") if encode else target
    response = member_client.get(f"/accounts/login/?next={value}")
    assert response.status_code == 302
    assert stays_on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_logout_never_redirects_off_site(member_client, target):
    response = member_client.post("/accounts/logout/", {"next": target})
    assert response.status_code == 302
    assert stays_on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_form_never_carries_an_off_site_next_as_a_link(client, target):
    response = client.get("/accounts/login/", {"next": target})
    html = response.content.decode()
    assert f'href="{target}"' not in html


def test_a_next_on_this_site_is_followed(client, member):
    response = client.post(
        "/accounts/login/",
        {"login": member.email, "password": "geheim-wachtwoord-123", "next": "/zoeken/?q=wmo"},
    )
    assert response["Location"] == "/zoeken/?q=wmo"
