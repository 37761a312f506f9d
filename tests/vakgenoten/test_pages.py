"""The public pages of the site layer render, in Dutch, under a strict CSP."""

import re

import pytest

from vakgenoten.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

# Data blocks (JSON-LD) are not executed, so the policy does not apply to them.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.IGNORECASE
)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def assert_csp_clean(response):
    """No inline script, style or event handler; a strict policy in the header."""
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html)
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_home_page_renders_with_the_site_layout(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert home_page.intro[:40] in html
    assert 'href="#main"' in html  # skip link
    assert "Een probleem melden" in html
    assert 'action="/zoeken/"' in html
    assert_csp_clean(response)


def test_each_standard_page_renders_with_breadcrumbs(client, home_page):
    pages = StandardPage.objects.live()
    assert pages.filter(slug="over-vakgenoten").exists()  # the demo's fixed pages, not none
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert page.title in html
        assert "Kruimelpad" in html
        assert_csp_clean(response)


def test_footer_links_to_the_statutory_pages(client, home_page):
    html = client.get("/").content.decode()
    for slug in ["privacyverklaring", "toegankelijkheidsverklaring", "gebruiksvoorwaarden"]:
        assert f"/{slug}/" in html


def test_unknown_page_gets_a_dutch_404_in_the_site_design(client, home_page):
    response = client.get("/bestaat-echt-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert "Traceback" not in html
    assert_csp_clean(response)


def test_server_error_page_is_dutch_and_shows_no_traceback(client, home_page, settings):
    from vakgenoten.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert "Traceback" not in html


def test_security_headers_on_public_pages(client, home_page):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_admin_gets_its_own_policy_and_speaks_dutch(client, home_page):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import UserFactory

    editor = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(editor, generate_totp_secret())  # the admin needs a second factor (members)
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert 'lang="nl"' in response.content.decode()


def test_search_finds_a_standard_page(client, home_page):
    response = client.get("/zoeken/", {"q": "privacy"})
    assert response.status_code == 200
    assert "Privacyverklaring" in response.content.decode()
    assert_csp_clean(response)


def test_search_without_hits_says_so(client, home_page):
    response = client.get("/zoeken/", {"q": "qwertyuiopzxcv"})
    assert response.status_code == 200
    assert "Geen resultaten" in response.content.decode()


def test_only_one_home_page_can_exist(home_page):
    assert HomePage.can_create_at(home_page.get_parent()) is False
