"""A reader opens the collaboration map for a theme, narrows it to a province, follows a
collaboration from the table and sees who takes part, in a real browser under the strict CSP."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def demo_site(transactional_db):
    from collaborations import demo as collaborations_demo
    from home import demo as home_demo
    from vakgenoten import demo

    home = demo.load()
    home_demo.load_shared()
    collaborations_demo.load(home)
    return home


def test_reader_finds_who_works_with_whom_on_a_theme_and_opens_a_collaboration(page, demo_site):
    page.goto("/samenwerkingen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samenwerkingsverbanden")
    page.get_by_role("link", name="Bekijk de samenwerking op de kaart").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kaart van de samenwerking")

    page.get_by_label("Thema").select_option(label="Sociaal domein")
    page.get_by_role("button", name="Toon kaart").click()
    expect(page.get_by_role("heading", level=2, name="Sociaal domein")).to_be_visible()
    expect(page.get_by_role("img", name="Kaart: 3 samenwerkingsverbanden")).to_be_visible()
    table = page.get_by_role("table", name="Wie met wie samenwerkt: Sociaal domein")
    expect(table.get_by_role("rowheader", name="Gemeente Westerveen")).to_be_visible()

    # The province keeps the theme; the map and the table follow the choice.
    page.get_by_label("Provincie van een deelnemer").select_option(label="Groningen")
    page.get_by_role("button", name="Toon kaart").click()
    expect(page.get_by_role("heading", level=2, name="Sociaal domein in Groningen")).to_be_visible()
    expect(page.get_by_label("Thema")).to_have_value("sociaal-domein")

    row = table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Gemeente Westerveen")
    )
    row.get_by_role("link", name="Jeugdhulp Regio Noord").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Jeugdhulp Regio Noord")
    participants = page.get_by_role("table", name="Wie meedoet in Jeugdhulp Regio Noord")
    westerveen = participants.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Gemeente Westerveen")
    )
    expect(westerveen).to_contain_text("Centrumgemeente")
    expect(participants.get_by_role("row")).to_have_count(7)  # a header and six participants
    expect(
        page.get_by_role("img", name="Kaart van de deelnemers aan Jeugdhulp Regio Noord")
    ).to_be_visible()

    page.problems.assert_none()
