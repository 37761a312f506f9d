"""A line break stored in an event's title, place or organiser never breaks a calendar file.

icalendar escapes line breaks in most properties but refuses them in the calendar's name
(X-WR-CALNAME, the event title for a single download), which was a server error; and a bare
carriage return or other control character went into the file as it was. Titles and places
are now written on one line, and the description keeps its line breaks but nothing else.
"""

import pytest
from icalendar import Calendar

from events.models import CalendarToken, EventPage, Registration
from members.models import Network

pytestmark = pytest.mark.django_db

BROKEN = "Ledendag\r\nATTENDEE:mailto:iedereen@example.org\rEND:VEVENT\x0b"


def parse(response):
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def test_event_with_a_line_break_in_its_title_downloads_as_a_valid_calendar(client, event):
    EventPage.objects.filter(pk=event.pk).update(title=BROKEN, venue_name="Zaal\n3")
    Network.objects.filter(pk=event.organiser_network_id).update(name="Netwerk\r\nX-EVIL:1")

    response = client.get(f"/evenementen/{event.pk}/agenda.ics")

    calendar = parse(response)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Ledendag ATTENDEE:mailto:iedereen@example.org END:VEVENT"
    assert str(calendar["x-wr-calname"]) == str(vevent["summary"])
    assert str(vevent["location"]).startswith("Zaal 3")
    assert "ATTENDEE" not in vevent and "X-EVIL" not in vevent
    content = response.content.decode()
    # Every line of the file ends in CRLF; no bare CR or other control character is left.
    assert "\r" not in content.replace("\r\n", "")
    assert "\x0b" not in content


def test_personal_feed_with_such_an_event_is_valid_too(client, member, event):
    EventPage.objects.filter(pk=event.pk).update(title=BROKEN)
    Registration.objects.create(event=event, user=member, seat=1)
    token = CalendarToken.for_user(member).token

    calendar = parse(client.get(f"/evenementen/mijn-agenda/{token}.ics"))

    assert [str(vevent["summary"]) for vevent in calendar.walk("VEVENT")] == [
        "Ledendag ATTENDEE:mailto:iedereen@example.org END:VEVENT"
    ]


@pytest.mark.parametrize("token", ["%00", "x%00y", "%ED%A0%80", "%FF"])
def test_personal_feed_address_with_a_nul_byte_or_broken_encoding_is_refused(client, token):
    response = client.get(f"/evenementen/mijn-agenda/{token}.ics")
    assert response.status_code == 400
