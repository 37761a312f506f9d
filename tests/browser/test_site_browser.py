"""A reader opens the home page, follows the navigation and reports a problem."""

import re

import pytest
from playwright.sync_api import expect

from vakgenoten.models import ProblemReport

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_site():
    from vakgenoten import demo

    return demo.load()


def test_reader_navigates_and_reports_a_problem(page, demo_site, mailoutbox):
    page.goto("/")
    expect(page).to_have_title(re.compile("Vakgenoten"))
    expect(page.locator("main#main")).to_be_visible()

    page.get_by_role("navigation", name=re.compile("Hoofdmenu|Hoofdnavigatie", re.I)).get_by_role(
        "link", name="Over Vakgenoten"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Over Vakgenoten")
    expect(page.get_by_role("navigation", name="Kruimelpad")).to_be_visible()

    page.get_by_role("link", name="Een probleem melden").click()
    expect(page.get_by_label(re.compile("Op welke pagina"))).to_have_value("/over-vakgenoten/")
    page.get_by_label(re.compile("Wat ging er mis")).fill(
        "De tabel loopt buiten beeld op mijn telefoon."
    )
    page.get_by_role("button", name="Melding versturen").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Bedankt")
    assert ProblemReport.objects.filter(message__contains="tabel loopt").exists()
    page.problems.assert_none()


def test_keyboard_user_can_skip_to_the_content(page, demo_site):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    page.problems.assert_none()


def test_site_works_at_320_pixels_without_horizontal_scroll(browser, live_server, demo_site):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/over-vakgenoten/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320
    context.close()
