"""The accessibility statement is filled in and every page links to it from the footer."""

import re

import pytest

pytestmark = pytest.mark.django_db

STATEMENT = "/toegankelijkheidsverklaring/"


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_reader_finds_the_statement_in_the_footer_of_every_page(client, home_page):
    for path in ["/", "/over-vakgenoten/", "/zoeken/?q=gemeente", "/probleem-melden/"]:
        html = client.get(path).content.decode()
        footer = html[html.index('<footer class="site-footer"') :]
        assert re.search(rf'<a href="{STATEMENT}">\s*Toegankelijkheidsverklaring\s*</a>', footer), (
            path
        )


def test_statement_follows_the_model_statement(client, home_page):
    response = client.get(STATEMENT)
    assert response.status_code == 200
    text = text_of(response.content.decode())
    # Standard, status of compliance, what was tested and how, known limitations, contact with
    # response times, and the date: the parts of the Dutch model statement.
    for expected in [
        "WCAG 2.1",
        "Nalevingsstatus",
        "voldoet gedeeltelijk",
        "WCAG-EM",
        "axe-core",
        "W3C Nu HTML Checker",
        "Toetsenbordtests",
        "320 pixels",
        "Wat nog niet goed gaat",
        "redactie@vakgenoten.example",
        "Binnen vijf werkdagen",
        "Binnen drie weken",
        "Nationale ombudsman",
        "Opgesteld op 24 november 2026",
    ]:
        assert expected in text, expected
    assert 'href="/probleem-melden/"' in response.content.decode()
