"""A member finds an upcoming congress, registers, downloads the calendar file and cancels."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from django.test import Client

from events.models import Registration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def signed_in_page(page, live_server, agenda_site):
    member = UserFactory(first_name="Anouk", last_name="de Vries")
    client = Client()
    client.force_login(member)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page.member = member
    return page


def test_member_registers_for_a_congress_adds_it_to_the_calendar_and_cancels(signed_in_page):
    page = signed_in_page
    page.goto("/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")

    page.get_by_label("Soort").select_option("congres")
    page.get_by_role("button", name="Toon evenementen").click()
    page.get_by_role("link", name=re.compile("Congres Samen Digitaal")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Congres Samen Digitaal")
    expect(page.get_by_role("heading", name="Programma")).to_be_visible()

    page.get_by_label("Opmerking").fill("Ik eet vegetarisch.")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_text("Je bent aangemeld. Je krijgt een bevestiging")).to_be_visible()
    registration = Registration.objects.get(user=page.member)
    assert registration.status == Registration.Status.REGISTERED
    assert registration.remark == "Ik eet vegetarisch."

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Zet in je agenda")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    with open(download.path(), "rb") as calendar_file:
        calendar = Calendar.from_ical(calendar_file.read())
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries == ["Congres Samen Digitaal: Common Ground in de praktijk"]

    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_text("Je bent afgemeld voor")).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    page.problems.assert_none()


def test_member_finds_their_events_and_the_personal_calendar_link(signed_in_page):
    page = signed_in_page
    page.goto("/agenda/")
    page.get_by_role("link", name=re.compile("Webinar: de BIO")).click()
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    page.goto("/mijn-evenementen/")
    expect(page.get_by_role("heading", name=re.compile("Webinar: de BIO"))).to_be_visible()
    expect(page.get_by_label("Jouw agendalink")).to_have_value(re.compile(r"/mijn-agenda/.+\.ics$"))
    page.problems.assert_none()
