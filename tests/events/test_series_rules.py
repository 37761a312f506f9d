"""A series' rule gives the dates an organiser means, in words they would use, and refuses a
rule that never ends or says too little, in Dutch."""

from datetime import UTC, date, time

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import EventSeries, Frequency, SeriesException, Weekday, WeekOfMonth
from events.series import describe, describe_period, occurrence_dates, starts_and_ends


def series(**fields):
    values = {
        "title": "Webinar Digitaal Werken",
        "slug": "webinar-digitaal-werken",
        "frequency": Frequency.MONTHLY_WEEKDAY,
        "interval": 1,
        "week_of_month": WeekOfMonth.FIRST,
        "weekday": Weekday.TUESDAY,
        "first_date": date(2027, 1, 1),
        "start_time": time(10, 0),
        "end_time": time(11, 0),
        "count": 6,
    }
    values.update(fields)
    return EventSeries(**values)


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.clean()
    return caught.value.message_dict


def test_every_first_tuesday_gives_the_first_tuesday_of_each_month():
    assert occurrence_dates(series()) == [
        date(2027, 1, 5),
        date(2027, 2, 2),
        date(2027, 3, 2),
        date(2027, 4, 6),
        date(2027, 5, 4),
        date(2027, 6, 1),
    ]


def test_the_last_friday_of_the_month_follows_months_of_every_length():
    rule = series(week_of_month=WeekOfMonth.LAST, weekday=Weekday.FRIDAY, count=4)
    assert occurrence_dates(rule) == [
        date(2027, 1, 29),
        date(2027, 2, 26),
        date(2027, 3, 26),
        date(2027, 4, 30),
    ]


def test_an_exception_takes_a_date_out_without_adding_another():
    rule = series()
    rule.exceptions = [SeriesException(date=date(2027, 3, 2), reason="Voorjaarsvakantie")]
    dates = occurrence_dates(rule)
    assert date(2027, 3, 2) not in dates
    assert len(dates) == 5  # "6 keer" counts the rule's dates, as RFC 5545 COUNT with EXDATE


def test_weekly_every_other_week_until_a_date():
    rule = series(
        frequency=Frequency.WEEKLY,
        interval=2,
        week_of_month=None,
        weekday=None,
        first_date=date(2027, 1, 4),
        count=None,
        until=date(2027, 2, 15),
    )
    assert occurrence_dates(rule) == [
        date(2027, 1, 4),
        date(2027, 1, 18),
        date(2027, 2, 1),
        date(2027, 2, 15),
    ]
    assert describe(rule) == "Om de 2 weken op maandag, 10.00–11.00 uur"


def test_monthly_on_a_date_and_yearly_take_the_day_from_the_first_date():
    monthly = series(frequency=Frequency.MONTHLY_DATE, first_date=date(2027, 1, 15), count=3)
    assert occurrence_dates(monthly) == [date(2027, 1, 15), date(2027, 2, 15), date(2027, 3, 15)]
    yearly = series(frequency=Frequency.YEARLY, first_date=date(2027, 4, 15), count=3)
    assert occurrence_dates(yearly) == [date(2027, 4, 15), date(2028, 4, 15), date(2029, 4, 15)]
    assert describe(monthly) == "Elke maand op de 15e, 10.00–11.00 uur"
    assert describe(yearly) == "Elk jaar op 15 april, 10.00–11.00 uur"


def test_the_time_of_day_stays_the_same_across_the_change_to_summer_time():
    # Summer time starts on Sunday 28 March 2027: 10.00 is 09.00 UTC before, 08.00 UTC after.
    rule = series(
        frequency=Frequency.WEEKLY,
        week_of_month=None,
        weekday=Weekday.TUESDAY,
        first_date=date(2027, 3, 16),
        count=3,
    )
    starts = [starts_and_ends(rule, day)[0] for day in occurrence_dates(rule)]
    assert [timezone.localtime(start).hour for start in starts] == [10, 10, 10]
    assert [start.astimezone(UTC).hour for start in starts] == [9, 9, 8]


def test_the_rule_reads_as_an_organiser_would_say_it():
    assert describe(series()) == "Elke eerste dinsdag van de maand, 10.00–11.00 uur"
    assert (
        describe(series(week_of_month=WeekOfMonth.LAST, weekday=Weekday.THURSDAY, interval=2))
        == "Om de 2 maanden op de laatste donderdag, 10.00–11.00 uur"
    )
    assert describe(series(frequency=Frequency.WEEKLY, start_time=time(9, 30))) == (
        "Elke dinsdag, 9.30–11.00 uur"
    )
    assert describe_period(series()) == "Vanaf 1 januari 2027, 6 keer"
    assert describe_period(series(count=None, until=date(2027, 6, 30))) == (
        "Van 1 januari 2027 tot en met 30 juni 2027"
    )


def test_nth_weekday_needs_which_week_and_which_day():
    errors = errors_of(series(week_of_month=None, weekday=None))
    assert errors["week_of_month"] == [
        "Kies welke in de maand: de eerste, tweede, derde, vierde of laatste."
    ]
    assert errors["weekday"] == ["Kies de weekdag, bijvoorbeeld dinsdag."]


def test_a_rule_must_end_by_a_date_or_a_number_of_times_but_not_both():
    assert errors_of(series(count=None))["until"] == [
        "Laat de reeks eindigen: vul een einddatum of een aantal keer in."
    ]
    assert errors_of(series(until=date(2027, 6, 30)))["count"] == [
        "Vul een einddatum óf een aantal keer in, niet allebei."
    ]


def test_at_most_sixty_dates():
    assert errors_of(series(count=61))["count"] == [
        "Hoogstens 60 keer. Maak voor een langere periode later een nieuwe reeks."
    ]
    weekly_for_years = series(
        frequency=Frequency.WEEKLY, count=None, until=date(2029, 12, 31), week_of_month=None
    )
    assert errors_of(weekly_for_years)["until"] == [
        "Deze regel geeft meer dan 60 data. Kies een eerdere einddatum."
    ]


def test_times_and_dates_in_the_wrong_order_are_refused():
    errors = errors_of(series(end_time=time(9, 0), count=None, until=date(2026, 12, 1)))
    assert errors["end_time"] == ["De eindtijd moet na de begintijd liggen."]
    assert errors["until"] == ["De einddatum ligt vóór de eerste datum."]


def test_a_rule_without_any_date_is_refused():
    # Mondays from Tuesday 5 January until Sunday 10 January: none.
    rule = series(
        frequency=Frequency.WEEKLY,
        weekday=Weekday.MONDAY,
        first_date=date(2027, 1, 5),
        count=None,
        until=date(2027, 1, 10),
    )
    assert errors_of(rule)["first_date"] == [
        "Deze regel geeft geen enkele datum. Kijk de eerste datum en de einddatum na."
    ]


def test_a_correct_rule_passes():
    series().clean()
