"""Dutch unless the visitor chooses English with the language switch.

Many Dutch civil servants run an English browser; the browser's ``Accept-Language`` must not
turn the site English around Dutch articles. Only the switch (the language cookie that
Django's ``set_language`` view sets) does, and the switch turns it back.
"""

import pytest

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def switch(client, language, next_url="/over-vakgenoten/"):
    response = client.post("/i18n/setlang/", {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    return response


def interface(response):
    html = response.content.decode()
    assert response.status_code == 200
    return response["Content-Language"], html


def test_an_english_browser_gets_the_dutch_interface(client, home_page):
    language, html = interface(client.get("/over-vakgenoten/", **ENGLISH_BROWSER))
    assert language == "nl"
    assert '<html lang="nl">' in html
    assert "Naar de inhoud" in html
    assert "Skip to content" not in html


def test_the_switch_chooses_english_and_back(client, home_page):
    switch(client, "en")
    language, html = interface(client.get("/over-vakgenoten/", **ENGLISH_BROWSER))
    assert (language, '<html lang="en">' in html, "Skip to content" in html) == ("en", True, True)
    # An English choice holds even when the browser prefers Dutch.
    language, _html = interface(client.get("/over-vakgenoten/", HTTP_ACCEPT_LANGUAGE="nl"))
    assert language == "en"

    switch(client, "nl")
    language, html = interface(client.get("/over-vakgenoten/", **ENGLISH_BROWSER))
    assert (language, '<html lang="nl">' in html, "Naar de inhoud" in html) == ("nl", True, True)


def test_a_signed_in_member_is_not_switched_by_the_browser(member_client, home_page):
    language, html = interface(member_client.get("/leden/", **ENGLISH_BROWSER))
    assert language == "nl"
    assert '<html lang="nl">' in html


def test_an_unknown_language_in_the_cookie_falls_back_to_dutch(client, home_page):
    client.cookies["django_language"] = "fr"
    language, html = interface(client.get("/over-vakgenoten/", **ENGLISH_BROWSER))
    assert language == "nl"
    assert '<html lang="nl">' in html


def test_responses_vary_on_the_cookie_not_on_the_browser_language(client, home_page):
    response = client.get("/over-vakgenoten/", **ENGLISH_BROWSER)
    vary = {value.strip().lower() for value in response["Vary"].split(",")}
    assert "cookie" in vary
    assert "accept-language" not in vary
