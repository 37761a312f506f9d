"""Calendar feeds over HTTP: valid when empty, answered 304 when unchanged, webcal:// links."""

import pytest
from icalendar import Calendar

from events.models import CalendarToken, Registration
from events.registration import cancel

pytestmark = pytest.mark.django_db


def feed_urls(event, member):
    token = CalendarToken.for_user(member).token
    return {
        "event": f"/evenementen/{event.pk}/agenda.ics",
        "agenda": "/evenementen/agenda.ics",
        "network": f"/evenementen/netwerk/{event.organiser_network.slug}/agenda.ics",
        "personal": f"/evenementen/mijn-agenda/{token}.ics",
    }


def test_a_calendar_without_events_is_still_a_valid_calendar(client, agenda, network, member):
    """RFC 5545: a VCALENDAR holds at least one component; the time zone is always there."""
    token = CalendarToken.for_user(member).token
    for url in (
        "/evenementen/agenda.ics",
        f"/evenementen/netwerk/{network.slug}/agenda.ics",
        f"/evenementen/mijn-agenda/{token}.ics",
    ):
        response = client.get(url)
        assert response.status_code == 200
        calendar = Calendar.from_ical(response.content)
        assert calendar.name == "VCALENDAR"
        assert calendar.walk("VEVENT") == []
        assert [component.name for component in calendar.subcomponents] == ["VTIMEZONE"]
        assert calendar.subcomponents[0]["TZID"] == "Europe/Amsterdam"
        # Both changes of the year are described, so a reader can work out local time.
        kinds = {part.name for part in calendar.subcomponents[0].subcomponents}
        assert kinds == {"STANDARD", "DAYLIGHT"}
        assert calendar["VERSION"] == "2.0" and "PRODID" in calendar
        assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
        assert response.content.endswith(b"END:VCALENDAR\r\n")


def test_every_feed_has_an_etag_and_answers_304_when_nothing_changed(client, event, member):
    Registration.objects.create(event=event, user=member, seat=1)
    for name, url in feed_urls(event, member).items():
        first = client.get(url)
        etag = first["ETag"]
        assert etag.startswith('W/"'), name
        # A second download a second later, with a new DTSTAMP, is still the same calendar.
        assert client.get(url)["ETag"] == etag, name
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, name
        assert again.content == b""
        assert again["ETag"] == etag
        assert client.get(url, headers={"If-None-Match": 'W/"iets-anders"'}).status_code == 200


def test_the_etag_changes_when_an_event_moves(client, event, member):
    from datetime import timedelta

    urls = feed_urls(event, member)
    Registration.objects.create(event=event, user=member, seat=1)
    before = {name: client.get(url)["ETag"] for name, url in urls.items()}
    page = event.specific
    page.start = page.start + timedelta(hours=1)
    page.save_revision().publish()
    for name, url in urls.items():
        response = client.get(url, headers={"If-None-Match": before[name]})
        assert response.status_code == 200, name
        assert response["ETag"] != before[name], name


def test_the_personal_feed_etag_changes_when_a_registration_changes(
    client, event, make_event, member
):
    url = feed_urls(event, member)["personal"]
    empty = client.get(url)["ETag"]
    registration = Registration.objects.create(event=event, user=member, seat=1)
    with_seat = client.get(url, headers={"If-None-Match": empty})
    assert with_seat.status_code == 200
    assert with_seat["ETag"] != empty
    cancel(registration, notify=False)
    after = client.get(url, headers={"If-None-Match": with_seat["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] == empty


def test_private_calendars_stay_private_also_when_not_modified(
    client, member_client, event, member
):
    Registration.objects.create(event=event, user=member, seat=1)
    urls = feed_urls(event, member)
    for response in (
        client.get(urls["personal"]),
        client.get(
            urls["personal"], headers={"If-None-Match": client.get(urls["personal"])["ETag"]}
        ),
        member_client.get(urls["event"]),  # holds the online link of a member with a seat
    ):
        assert response["Cache-Control"] == "private, no-store"
    assert "private" not in client.get(urls["agenda"]).get("Cache-Control", "")


def test_agenda_offers_webcal_subscriptions_next_to_the_downloads(client, event, agenda):
    html = client.get(agenda.url).content.decode()
    assert 'href="webcal://testserver/evenementen/agenda.ics"' in html
    assert 'href="/evenementen/agenda.ics"' in html
    slug = event.organiser_network.slug
    assert f'href="webcal://testserver/evenementen/netwerk/{slug}/agenda.ics"' in html


def test_network_page_offers_a_webcal_subscription(member_client, event):
    slug = event.organiser_network.slug
    html = member_client.get(f"/netwerken/{slug}/").content.decode()
    assert f'href="webcal://testserver/evenementen/netwerk/{slug}/agenda.ics"' in html
    assert f'href="/evenementen/netwerk/{slug}/agenda.ics"' in html


def test_my_events_offers_the_personal_link_as_webcal_and_as_download(member_client, member):
    html = member_client.get("/mijn-evenementen/").content.decode()
    token = CalendarToken.objects.get(user=member).token
    assert f'href="webcal://testserver/evenementen/mijn-agenda/{token}.ics"' in html
    assert f'href="http://testserver/evenementen/mijn-agenda/{token}.ics"' in html


def test_webcal_filter_keeps_host_path_and_query_and_refuses_other_schemes(settings):
    from events.templatetags.event_tags import webcal

    settings.SITE_URL = "https://vakgenoten.example"
    assert webcal("/evenementen/agenda.ics") == "webcal://vakgenoten.example/evenementen/agenda.ics"
    assert webcal("https://vakgenoten.example/a.ics?x=1") == "webcal://vakgenoten.example/a.ics?x=1"
    assert webcal("javascript:alert(1)") == ""
    assert webcal("") == ""


def test_the_public_feeds_are_built_once_and_follow_publishing(client, event, network, settings):
    """Every subscriber gets the same file: kept in the shared cache (at 4,879 events a build
    took seconds), until a page is published or unpublished."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 300
    urls = ("/evenementen/agenda.ics", f"/evenementen/netwerk/{network.slug}/agenda.ics")
    first = {url: client.get(url).content for url in urls}
    for url in urls:
        assert b"SUMMARY:Congres Samen Digitaal" in first[url]
        with CaptureQueriesContext(connection) as again:
            response = client.get(url)
        assert response.content == first[url]
        assert not [q for q in again.captured_queries if "events_eventpage" in q["sql"]], url

    page = event.specific
    page.title = "Congres Samen Digitaal 2027"
    page.save_revision().publish()
    for url in urls:
        assert b"SUMMARY:Congres Samen Digitaal 2027" in client.get(url).content, url


def test_after_a_publish_the_feed_builds_only_the_events_that_changed(
    client, event, make_event, settings, monkeypatch
):
    """Every publish purges the kept feeds; each event's VEVENT is kept apart, so the next
    download builds the one that changed, not all of them again (seconds at 5,000 events)."""
    from events import ical

    settings.PAGE_CACHE_SECONDS = 300
    others = [make_event(title=f"Webinar {number}") for number in range(3)]
    built = []
    build_event = ical.build_event
    monkeypatch.setattr(
        ical, "build_event", lambda event, **kw: built.append(event.pk) or build_event(event, **kw)
    )
    first = client.get("/evenementen/agenda.ics")
    assert sorted(built) == sorted([event.pk, *(other.pk for other in others)])

    built.clear()
    page = others[0].specific
    page.title = "Webinar met een nieuwe titel"
    page.save_revision().publish()
    second = client.get("/evenementen/agenda.ics", headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200
    assert built == [page.pk]
    calendar = Calendar.from_ical(second.content)
    summaries = {str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")}
    assert summaries == {event.title, "Webinar met een nieuwe titel", "Webinar 1", "Webinar 2"}
    # The kept VEVENTs sit in a calendar like the one built whole: zone first, then events.
    assert [component.name for component in calendar.subcomponents] == ["VTIMEZONE"] + 4 * [
        "VEVENT"
    ]
    assert second.content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert second.content.endswith(b"END:VCALENDAR\r\n")
    assert b"\r\n\r\n" not in second.content and b"\n" not in second.content.replace(b"\r\n", b"")
