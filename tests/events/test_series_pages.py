"""The page with all dates of a series, the link to it from each date, its calendar file and
its place in the sitemap."""

from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from django.utils import timezone

from events.models import EventSeries, EventStatus, Frequency, SeriesException, WeekOfMonth
from events.registration import register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGE_MAX_QUERIES = 15  # as every public page (tests/performance/test_query_counts_constant.py)


@pytest.fixture
def series(db):
    today = timezone.localdate()
    return EventSeries.objects.create(
        title="Webinar Digitaal Werken",
        slug="webinar-digitaal-werken",
        intro="Een uur over wat werkt, elke maand.",
        frequency=Frequency.MONTHLY_WEEKDAY,
        week_of_month=WeekOfMonth.FIRST,
        weekday=1,
        first_date=today - timedelta(days=60),
        start_time=time(10),
        end_time=time(11),
        count=12,
    )


@pytest.fixture
def add_date(make_event, series):
    """An occurrence of ``series`` ``days`` from now (negative: in the past)."""

    def add(days, **fields):
        start = timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=days), time(10))
        )
        fields.setdefault("title", series.title)
        return make_event(start=start, end=start + timedelta(hours=1), series=series, **fields)

    return add


def test_series_page_shows_upcoming_dates_with_their_seats_then_the_past(client, add_date):
    past = add_date(-30, slug="voorbij")
    roomy = add_date(5, slug="ruim", capacity=10)
    full = add_date(35, slug="vol", capacity=1)
    register(full, user=UserFactory())
    cancelled = add_date(65, slug="afgelast", status=EventStatus.CANCELLED)
    response = client.get("/evenementen/reeks/webinar-digitaal-werken/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Elke eerste dinsdag van de maand, 10.00–11.00 uur" in html
    assert "Een uur over wat werkt" in html
    assert "Nog 10 plaatsen vrij" in html
    assert "Vol: wachtlijst" in html
    assert "Gaat niet door" in html
    upcoming, earlier = html.split("Eerdere data")
    for event in (roomy, full, cancelled):
        assert event.url in upcoming
    assert upcoming.index(roomy.url) < upcoming.index(full.url) < upcoming.index(cancelled.url)
    assert past.url in earlier and past.url not in upcoming
    assert 'href="/evenementen/reeks/webinar-digitaal-werken/agenda.ics"' in html
    assert "Alle data in je agenda" in html


def test_series_page_lists_the_dates_it_skips(client, series):
    skipped = timezone.localdate() + timedelta(days=40)
    SeriesException.objects.create(series=series, date=skipped, reason="zomerstop")
    SeriesException.objects.create(series=series, date=date(2000, 1, 4))  # long gone: not shown
    html = client.get("/evenementen/reeks/webinar-digitaal-werken/").content.decode()
    weekday = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
    assert f"Geen bijeenkomst op {weekday[skipped.weekday()]} {skipped.day}" in html
    assert "zomerstop" in html
    assert "januari 2000" not in html
    assert "Er zijn nog geen komende data aangekondigd." in html


def test_drafts_are_not_on_the_series_page(client, add_date):
    draft = add_date(5, slug="concept")
    draft.unpublish()
    html = client.get("/evenementen/reeks/webinar-digitaal-werken/").content.decode()
    assert "/concept/" not in html


def test_an_unknown_series_is_not_found(client, db):
    assert client.get("/evenementen/reeks/bestaat-niet/").status_code == 404


def test_each_date_links_to_all_dates_of_its_series(client, add_date, make_event):
    occurrence = add_date(5, slug="een-datum")
    html = client.get(occurrence.url).content.decode()
    assert "Onderdeel van de reeks Webinar Digitaal Werken" in html
    assert 'href="/evenementen/reeks/webinar-digitaal-werken/"' in html
    alone = make_event(slug="los")
    assert "Onderdeel van de reeks" not in client.get(alone.url).content.decode()


def test_series_page_queries_do_not_grow_with_the_number_of_dates(
    client, add_date, django_assert_max_num_queries
):
    url = "/evenementen/reeks/webinar-digitaal-werken/"

    def queries():
        client.get(url)
        with django_assert_max_num_queries(PAGE_MAX_QUERIES) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    for days in (-30, 5):
        add_date(days, capacity=10)
    few = queries()
    for week in range(24):
        add_date(7 * week - 60, capacity=10)
    many = queries()
    assert many == few


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_calendar_has_every_date_as_its_own_event_tied_to_the_series(client, series, add_date):
    dates = [add_date(days, slug=f"datum-{n}") for n, days in enumerate((-30, 5, 35))]
    add_date(65, slug="afgelast", status=EventStatus.CANCELLED)
    response = client.get("/evenementen/reeks/webinar-digitaal-werken/agenda.ics")
    assert "attachment" in response["Content-Disposition"]
    calendar = parse(response)
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 4
    uids = [str(vevent["uid"]) for vevent in vevents]
    assert len(set(uids)) == 4
    assert f"event-{dates[0].pk}@testserver" in uids
    for vevent in vevents:
        assert str(vevent["related-to"]) == f"series-{series.pk}@testserver"
        assert vevent["related-to"].params["RELTYPE"] == "PARENT"
        assert [str(c) for c in vevent["categories"].cats] == ["Webinar Digitaal Werken"]
        assert "rrule" not in vevent
        for required in ("dtstamp", "dtstart", "dtend", "summary"):
            assert required in vevent
    statuses = sorted(str(vevent["status"]) for vevent in vevents)
    assert statuses == ["CANCELLED", "CONFIRMED", "CONFIRMED", "CONFIRMED"]
    # RFC 5545: CRLF line ends and lines folded at 75 octets.
    lines = response.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_calendar_of_a_series_without_dates_is_still_a_calendar(client, series):
    calendar = parse(client.get("/evenementen/reeks/webinar-digitaal-werken/agenda.ics"))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["version"]) == "2.0"


def test_series_are_in_the_sitemap(client, series):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"/evenementen/reeks/webinar-digitaal-werken/" in response.content
