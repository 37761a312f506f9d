"""A moved event updates in calendars: SEQUENCE rises when a published change moves it.

Calendar programs (RFC 5545) replace the copy they hold only when the new one has a higher
SEQUENCE; with the same number a moved event may stay at its old time in a member's agenda.
"""

from datetime import timedelta

import pytest
from icalendar import Calendar

from events.models import EventPage, EventStatus

pytestmark = pytest.mark.django_db


def publish(event, **changes):
    """Change ``event`` the way the admin does: a new revision, then publish it."""
    page = EventPage.objects.get(pk=event.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def vevent_of(client, event):
    response = client.get(f"/evenementen/{event.pk}/agenda.ics")
    [vevent] = Calendar.from_ical(response.content).walk("VEVENT")
    return vevent


def test_a_new_event_starts_at_sequence_zero_in_its_calendar_file(client, event):
    assert EventPage.objects.get(pk=event.pk).sequence == 0
    assert vevent_of(client, event)["SEQUENCE"] == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start", "earlier"),
        ("end", "later"),
        ("venue_name", "Provinciehuis"),
        ("venue_street", "Plein 2"),
        ("venue_postal_code", "1234 AB"),
        ("venue_city", "Zwolle"),
        ("online_url", "https://webinar.example/nieuw"),
        ("status", EventStatus.MOVED_ONLINE),
    ],
)
def test_publishing_a_moved_event_raises_its_sequence_by_one(client, event, field, value):
    if value == "earlier":
        value = event.start - timedelta(hours=1)
    elif value == "later":
        value = event.end + timedelta(hours=1)
    moved = publish(event, **{field: value})
    assert moved.sequence == 1
    assert vevent_of(client, moved)["SEQUENCE"] == 1


def test_republishing_without_such_a_change_keeps_the_sequence(event):
    event = publish(event, start=event.start - timedelta(hours=1))
    assert event.sequence == 1
    event = publish(event)
    assert event.sequence == 1
    event = publish(event, intro="Een andere introductie, dezelfde dag en plaats.", title="Nieuw")
    assert event.sequence == 1


def test_a_saved_draft_does_not_raise_it_and_publishing_the_draft_does(event):
    page = EventPage.objects.get(pk=event.pk)
    page.start = page.start + timedelta(days=7)
    page.end = page.end + timedelta(days=7)
    revision = page.save_revision()
    assert EventPage.objects.get(pk=event.pk).sequence == 0
    revision.publish()
    assert EventPage.objects.get(pk=event.pk).sequence == 1


def test_publishing_an_older_draft_never_lowers_the_sequence(event):
    """A revision carries the sequence of its own moment; the stored number never goes down."""
    old_draft = EventPage.objects.get(pk=event.pk).save_revision()
    publish(event, venue_city="Zwolle")
    publish(event, venue_city="Deventer")
    assert EventPage.objects.get(pk=event.pk).sequence == 2
    old_draft.publish()  # back to Lindenholt: a move as well
    assert EventPage.objects.get(pk=event.pk).sequence == 3


def test_a_save_of_the_live_page_outside_the_admin_counts_too(event):
    event.start = event.start + timedelta(hours=2)
    event.end = event.end + timedelta(hours=2)
    event.save()
    assert EventPage.objects.get(pk=event.pk).sequence == 1
    event.save(update_fields=["venue_city"])  # nothing changed
    assert EventPage.objects.get(pk=event.pk).sequence == 1
    event.venue_city = "Zwolle"
    event.save(update_fields=["venue_city"])
    assert EventPage.objects.get(pk=event.pk).sequence == 2


def test_unpublished_and_republished_with_a_new_date_raises_it(event):
    """While unpublished, edits go to the page row; the last publication is the reference."""
    publish(event)  # the log now holds a publication of the original date
    page = EventPage.objects.get(pk=event.pk)
    page.unpublish()
    page = EventPage.objects.get(pk=event.pk)
    page.start = page.start + timedelta(days=14)
    page.end = page.end + timedelta(days=14)
    page.save()  # the admin writes a draft of a page that is not live to its row
    assert EventPage.objects.get(pk=event.pk).sequence == 0
    page.save_revision().publish()
    assert EventPage.objects.get(pk=event.pk).sequence == 1


def test_a_cancelled_event_is_cancelled_in_every_feed(client, member, event):
    from events.models import CalendarToken, Registration

    Registration.objects.create(event=event, user=member, seat=1)
    cancelled = publish(event, status=EventStatus.CANCELLED)
    assert cancelled.sequence == 1
    token = CalendarToken.for_user(member).token
    for url in (
        f"/evenementen/{event.pk}/agenda.ics",
        "/evenementen/agenda.ics",
        f"/evenementen/netwerk/{event.organiser_network.slug}/agenda.ics",
        f"/evenementen/mijn-agenda/{token}.ics",
    ):
        [vevent] = Calendar.from_ical(client.get(url).content).walk("VEVENT")
        assert vevent["STATUS"] == "CANCELLED", url
        assert vevent["SEQUENCE"] == 1, url
