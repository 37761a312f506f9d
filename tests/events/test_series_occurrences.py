"""'Data aanmaken': each date of a series becomes an event of its own, copied from the model
event, made once however often it is asked, with registrations of its own."""

from datetime import date, datetime, time, timedelta

import pytest

from django.utils import timezone

from events.models import (
    EventPage,
    EventSeries,
    EventSession,
    Frequency,
    Registration,
    SeriesException,
    Weekday,
    WeekOfMonth,
)
from events.registration import register
from events.series import SeriesProblem, generate_occurrences
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FIRST_TUESDAYS = [date(2027, 1, 5), date(2027, 2, 2), date(2027, 3, 2), date(2027, 4, 6)]


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def model_event(make_event):
    event = make_event(
        title="Webinar Digitaal Werken",
        slug="webinar-digitaal-werken",
        kind="webinar",
        start=at(date(2027, 1, 5), 10),
        end=at(date(2027, 1, 5), 11),
        capacity=2,
        registration_deadline=at(date(2027, 1, 4), 17),
    )
    EventSession.objects.create(
        event=event,
        title="Vragenronde",
        starts_at=at(date(2027, 1, 5), 10, 30),
        ends_at=at(date(2027, 1, 5), 11),
    )
    return event


@pytest.fixture
def webinars(model_event):
    series = EventSeries.objects.create(
        title="Webinar Digitaal Werken",
        slug="webinar-digitaal-werken",
        frequency=Frequency.MONTHLY_WEEKDAY,
        week_of_month=WeekOfMonth.FIRST,
        weekday=Weekday.TUESDAY,
        first_date=date(2027, 1, 1),
        start_time=time(10),
        end_time=time(11),
        count=5,
        model_event=model_event,
    )
    SeriesException.objects.create(series=series, date=date(2027, 5, 4), reason="Meireces")
    return series


def occurrence_days(series):
    return [timezone.localdate(event.start) for event in series.occurrences.order_by("start")]


def test_each_date_becomes_an_event_and_the_model_event_is_the_first(webinars, model_event):
    result = generate_occurrences(webinars, today=date(2026, 12, 1))
    assert len(result.created) == 3
    assert result.published
    assert occurrence_days(webinars) == FIRST_TUESDAYS
    model_event.refresh_from_db()
    assert model_event.series == webinars
    copy = EventPage.objects.get(slug="webinar-digitaal-werken-2027-03-02")
    assert copy.title == "Webinar Digitaal Werken"
    assert copy.live
    assert copy.get_parent().pk == model_event.get_parent().pk
    assert (timezone.localtime(copy.start).hour, timezone.localtime(copy.end).hour) == (10, 11)
    assert copy.capacity == 2
    assert copy.organiser_network == model_event.organiser_network
    # The deadline and the sessions keep their place relative to the date.
    assert copy.registration_deadline == at(date(2027, 3, 1), 17)
    [session] = copy.sessions.all()
    assert session.starts_at == at(date(2027, 3, 2), 10, 30)


def test_making_the_dates_twice_makes_nothing_new(webinars):
    generate_occurrences(webinars, today=date(2026, 12, 1))
    again = generate_occurrences(webinars, today=date(2026, 12, 1))
    assert again.created == []
    assert again.existing == 4
    assert webinars.occurrences.count() == 4


def test_a_date_moved_to_another_day_is_not_made_again(webinars):
    """An organiser moves one webinar a day later; the next "Data aanmaken" leaves it."""
    made = generate_occurrences(webinars, today=date(2026, 12, 1)).created
    moved = EventPage.objects.get(pk=made[-1].pk)
    original = moved.series_date
    moved.start += timedelta(days=1)
    moved.end += timedelta(days=1)
    moved.save()
    again = generate_occurrences(webinars, today=date(2026, 12, 1))
    assert again.created == []
    assert webinars.occurrences.count() == 4
    assert EventPage.objects.get(pk=moved.pk).series_date == original


def test_a_longer_rule_adds_only_the_missing_dates(webinars):
    generate_occurrences(webinars, today=date(2026, 12, 1))
    first_ids = set(webinars.occurrences.values_list("pk", flat=True))
    webinars.count = 6
    webinars.save()
    result = generate_occurrences(webinars, today=date(2026, 12, 1))
    assert [timezone.localdate(event.start) for event in result.created] == [date(2027, 6, 1)]
    assert first_ids < set(webinars.occurrences.values_list("pk", flat=True))


def test_dates_already_past_are_not_made(webinars):
    result = generate_occurrences(webinars, today=date(2027, 2, 10))
    assert result.past == 1  # 2 February
    assert occurrence_days(webinars) == [date(2027, 1, 5), date(2027, 3, 2), date(2027, 4, 6)]


def test_each_date_has_its_own_registrations_and_seats(webinars, model_event):
    generate_occurrences(webinars, today=date(2026, 12, 1))
    january, february, *_rest = webinars.occurrences.order_by("start")
    register(january, user=UserFactory())
    register(january, user=UserFactory())
    late = register(january, user=UserFactory()).registration
    assert late.status == Registration.Status.WAITING
    assert february.registrations.count() == 0
    assert register(february, user=UserFactory()).registration.status == "registered"
    assert january.registration_counts()["registered"] == 2


def test_registrations_of_the_model_event_are_not_copied(webinars, model_event):
    register(model_event, user=UserFactory())
    generate_occurrences(webinars, today=date(2026, 12, 1))
    assert Registration.objects.count() == 1


def test_a_draft_model_event_gives_draft_dates(webinars, model_event):
    model_event.unpublish()
    result = generate_occurrences(webinars, today=date(2026, 12, 1))
    assert not result.published
    assert not any(event.live for event in result.created)


def test_without_a_model_event_nothing_can_be_made(webinars):
    webinars.model_event = None
    webinars.save()
    EventPage.objects.update(series=None)
    with pytest.raises(SeriesProblem) as problem:
        generate_occurrences(webinars, today=date(2026, 12, 1))
    assert "voorbeeldevenement" in problem.value.message


def test_the_first_date_serves_as_model_when_none_is_chosen(webinars, model_event):
    generate_occurrences(webinars, today=date(2026, 12, 1))
    webinars.model_event = None
    webinars.count = 6
    webinars.save()
    [june] = generate_occurrences(webinars, today=date(2026, 12, 1)).created
    assert june.title == model_event.title
    assert june.start - model_event.start > timedelta(days=140)


def test_the_management_command_makes_the_dates(webinars):
    from django.core.management import call_command

    call_command("make_series_dates", "webinar-digitaal-werken", verbosity=0)
    assert webinars.occurrences.count() == 4


def test_the_demo_has_a_monthly_webinar_with_a_summer_break_and_a_yearly_assembly(home_page):
    from events import demo as events_demo
    from members import demo as members_demo
    from taxonomy import demo as taxonomy_demo

    taxonomy_demo.load()
    members_demo.load_organisations_and_networks()
    events_demo.load(home_page)
    events_demo.load(home_page)  # twice: nothing doubles
    webinar = EventSeries.objects.get(slug="webinar-slim-samenwerken")
    assembly = EventSeries.objects.get(slug="alv-netwerk-bedrijfsvoering")
    assert webinar.description == "Elke eerste dinsdag van de maand, 10.00–11.00 uur"
    [summer] = webinar.exceptions.all()
    assert summer.date.month in (7, 8)
    today = timezone.localdate()
    days = set(occurrence_days(webinar))
    assert {day for day in webinar.dates() if day >= today} <= days
    assert summer.date not in days
    assert webinar.occurrences.filter(end__lt=timezone.now()).count() >= 1  # the first one
    assert assembly.occurrences.count() == 3
    assert all(event.live for event in EventPage.objects.filter(series__isnull=False))
