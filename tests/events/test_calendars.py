"""Calendar files a calendar program accepts: one event, the feeds and a member's own feed."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from django.utils import timezone

from events.models import CalendarToken, Registration
from tests.factories import NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events_in(calendar):
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_event_download_is_a_valid_calendar_in_amsterdam_time(client, event):
    response = client.get(f"/evenementen/{event.pk}/agenda.ics")
    assert "attachment" in response["Content-Disposition"]
    calendar = parse(response)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    vevent = events_in(calendar)[event.title]
    assert str(vevent["uid"]) == f"event-{event.pk}@testserver"  # the host of SITE_URL
    assert vevent["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert vevent.decoded("dtstart") == event.start.replace(microsecond=0)
    assert vevent.decoded("dtend") == event.end.replace(microsecond=0)
    assert "dtstamp" in vevent
    assert "Stadskantoor Lindenholt" in str(vevent["location"])
    assert str(vevent["url"]).endswith(event.url)
    assert str(vevent["url"]).startswith("http")
    assert "collega's" in str(vevent["description"])


def test_the_uid_stays_the_same_between_downloads(client, event):
    first = events_in(parse(client.get(f"/evenementen/{event.pk}/agenda.ics")))
    second = events_in(parse(client.get("/evenementen/agenda.ics")))
    assert first[event.title]["uid"] == second[event.title]["uid"]


def test_online_link_is_only_in_the_calendar_of_members_with_a_seat(
    client, member_client, member, make_event
):
    webinar = make_event(
        venue_name="",
        venue_street="",
        venue_postal_code="",
        venue_city="",
        online_url="https://webinar.example/geheim",
    )
    public = client.get(f"/evenementen/{webinar.pk}/agenda.ics").content.decode()
    assert "webinar.example/geheim" not in public
    Registration.objects.create(event=webinar, user=member, seat=1)
    private = member_client.get(f"/evenementen/{webinar.pk}/agenda.ics").content.decode()
    assert "webinar.example/geheim" in private


def test_feed_has_upcoming_and_recent_events_and_network_feed_only_its_own(
    client, make_event, network
):
    other = NetworkFactory(name="Community Overheid", slug="community-overheid")
    ours = make_event(title="Ledendag van ons netwerk")
    theirs = make_event(title="Webinar van de community", organiser_network=other)
    long_ago = make_event(
        title="Ledendag van lang geleden", start=timezone.now() - timedelta(days=400)
    )

    everything = events_in(parse(client.get("/evenementen/agenda.ics")))
    assert ours.title in everything and theirs.title in everything
    assert long_ago.title not in everything

    only_ours = events_in(parse(client.get(f"/evenementen/netwerk/{network.slug}/agenda.ics")))
    assert list(only_ours) == [ours.title]
    assert client.get("/evenementen/netwerk/bestaat-niet/agenda.ics").status_code == 404


def test_personal_feed_shows_my_seats_without_login_and_renewing_stops_the_old_link(
    client, member_client, member, make_event
):
    mine = make_event(title="Congres waar ik heen ga", online_url="https://webinar.example/x")
    waiting = make_event(title="Vol evenement", capacity=0)
    not_mine = make_event(title="Evenement van een ander")
    Registration.objects.create(event=mine, user=member, seat=1)
    Registration.objects.create(event=waiting, user=member, status="waiting")
    Registration.objects.create(event=not_mine, user=UserFactory(), seat=1)

    html = member_client.get("/mijn-evenementen/").content.decode()
    token = CalendarToken.objects.get(user=member).token
    assert f"/evenementen/mijn-agenda/{token}.ics" in html

    response = client.get(f"/evenementen/mijn-agenda/{token}.ics")  # no login needed
    assert response["Cache-Control"] == "private, no-store"
    feed = events_in(parse(response))
    assert list(feed) == [mine.title]
    assert "webinar.example/x" in str(feed[mine.title]["description"])

    member_client.post("/mijn-evenementen/agendalink-vernieuwen/")
    new_token = CalendarToken.objects.get(user=member).token
    assert new_token != token
    assert client.get(f"/evenementen/mijn-agenda/{token}.ics").status_code == 404
    assert list(events_in(parse(client.get(f"/evenementen/mijn-agenda/{new_token}.ics")))) == [
        mine.title
    ]
