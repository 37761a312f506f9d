"""Whatever a visitor types into the search box gets an answer, shown back as plain text.

Quotes, brackets and operators once reached SQLite's full-text parser and broke the page (the
script-injection browser suite found it).
"""

import html

import pytest

pytestmark = pytest.mark.django_db

TYPED = [
    '"><script>alert(1)</script>',
    '"wmo',
    "wmo)",
    "(wmo",
    "wmo AND OR NOT",
    "NEAR(wmo jeugd)",
    "wmo*",
    "^wmo",
    "-wmo",
    "wmo:jeugd",
    "{{7*7}}",
    "<>",
    "'",
]


@pytest.mark.parametrize("typed", TYPED)
def test_search_answers_whatever_is_typed_and_shows_it_as_text(client, home_page, typed):
    response = client.get("/zoeken/", {"q": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{html.escape(typed)}"' in page
    assert "<script>alert(1)" not in page


def test_words_around_the_operators_are_still_found(client, home_page):
    response = client.get("/zoeken/", {"q": '"privacy"'})
    assert "Privacyverklaring" in response.content.decode()
