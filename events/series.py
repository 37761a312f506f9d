"""Series: the dates a rule yields, the rule in Dutch words, and one event page per date.

The rule is worked out with python-dateutil's ``rrule`` (RFC 5545 recurrence semantics); the
series' exceptions are taken out afterwards, as EXDATE would. An occurrence is a copy of the
series' model event (Wagtail's page copy): its own page, registrations, capacity and sessions,
so one date can be moved, filled up or cancelled without touching the others.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import islice

from dateutil import rrule

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import (
    MAX_OCCURRENCES,
    EventPage,
    EventSeries,
    EventSession,
    EventStatus,
    Frequency,
    Weekday,
    WeekOfMonth,
)

RRULE_FREQUENCY = {
    Frequency.WEEKLY: rrule.WEEKLY,
    Frequency.MONTHLY_WEEKDAY: rrule.MONTHLY,
    Frequency.MONTHLY_DATE: rrule.MONTHLY,
    Frequency.YEARLY: rrule.YEARLY,
}


# --- The rule -----------------------------------------------------------------------------------


def _rule(series):
    """The dateutil rule of ``series`` (assumed valid), unbounded when it has no end."""
    options = {
        "dtstart": datetime.combine(series.first_date, time()),
        "interval": series.interval or 1,
    }
    if series.frequency == Frequency.WEEKLY:
        day = series.weekday if series.weekday is not None else series.first_date.weekday()
        options["byweekday"] = rrule.weekdays[day]
    elif series.frequency == Frequency.MONTHLY_WEEKDAY:
        options["byweekday"] = rrule.weekdays[series.weekday](series.week_of_month)
    # Monthly on a date and yearly: dateutil takes the day (and month) from the first date; a
    # month without that day (the 31st, 29 February) is skipped, as RFC 5545 says.
    if series.until:
        options["until"] = datetime.combine(series.until, time())
    if series.count:
        options["count"] = series.count
    return rrule.rrule(RRULE_FREQUENCY[series.frequency], **options)


def rule_dates(series, limit=MAX_OCCURRENCES + 1):
    """The dates of the rule, exceptions included, at most ``limit`` of them."""
    return [moment.date() for moment in islice(_rule(series), limit)]


def exception_dates(series):
    return {exception.date for exception in series.exceptions.all() if exception.date}


def occurrence_dates(series):
    """The dates the series meets: the rule's dates without the exceptions."""
    skipped = exception_dates(series)
    return [day for day in rule_dates(series, MAX_OCCURRENCES) if day not in skipped]


def starts_and_ends(series, day):
    """The moments an occurrence on ``day`` starts and ends, in Dutch time (summer or winter)."""
    zone = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(day, series.start_time), zone)
    end = timezone.make_aware(datetime.combine(day, series.end_time), zone)
    return start, end


def rule_errors(series):
    """What is wrong with the rule, as {field: Dutch message}; empty when it is right.

    Fields left empty that the form requires anyway (first date, times) are the form's to
    report; the rule is not worked out without them.
    """
    errors = {}
    if series.frequency == Frequency.MONTHLY_WEEKDAY:
        if series.week_of_month is None:
            errors["week_of_month"] = _(
                "Kies welke in de maand: de eerste, tweede, derde, vierde of laatste."
            )
        if series.weekday is None:
            errors["weekday"] = _("Kies de weekdag, bijvoorbeeld dinsdag.")
    if series.interval is not None and series.interval < 1:
        errors["interval"] = _("Vul 1 of meer in: 1 is elke keer, 2 is om de keer.")
    if series.start_time and series.end_time and series.end_time <= series.start_time:
        errors["end_time"] = _("De eindtijd moet na de begintijd liggen.")
    if series.until is None and not series.count:
        if series.count == 0:
            errors["count"] = _("Vul 1 of meer in.")
        else:
            errors["until"] = _("Laat de reeks eindigen: vul een einddatum of een aantal keer in.")
    elif series.until is not None and series.count:
        errors["count"] = _("Vul een einddatum óf een aantal keer in, niet allebei.")
    elif series.count and series.count > MAX_OCCURRENCES:
        errors["count"] = _(
            "Hoogstens %(max)d keer. Maak voor een langere periode later een nieuwe reeks."
        ) % {"max": MAX_OCCURRENCES}
    if series.until and series.first_date and series.until < series.first_date:
        errors["until"] = _("De einddatum ligt vóór de eerste datum.")
    if errors or not series.first_date or not series.frequency:
        return errors
    dates = rule_dates(series)
    if len(dates) > MAX_OCCURRENCES:
        errors["until"] = _(
            "Deze regel geeft meer dan %(max)d data. Kies een eerdere einddatum."
        ) % {"max": MAX_OCCURRENCES}
    elif not dates:
        errors["first_date"] = _(
            "Deze regel geeft geen enkele datum. Kijk de eerste datum en de einddatum na."
        )
    return errors


# --- The rule in words --------------------------------------------------------------------------


def _time(moment):
    return dateformat.time_format(moment, "G.i")


def _how_often(series):
    n = series.interval or 1
    weekday = (
        Weekday(series.weekday).label
        if series.weekday is not None
        else Weekday(series.first_date.weekday()).label
    )
    if series.frequency == Frequency.WEEKLY:
        if n == 1:
            return _("Elke %(weekday)s") % {"weekday": weekday}
        return _("Om de %(n)d weken op %(weekday)s") % {"n": n, "weekday": weekday}
    if series.frequency == Frequency.MONTHLY_WEEKDAY:
        words = {"which": WeekOfMonth(series.week_of_month).label, "weekday": weekday, "n": n}
        if n == 1:
            return _("Elke %(which)s %(weekday)s van de maand") % words
        return _("Om de %(n)d maanden op de %(which)s %(weekday)s") % words
    if series.frequency == Frequency.MONTHLY_DATE:
        words = {"day": series.first_date.day, "n": n}
        if n == 1:
            return _("Elke maand op de %(day)de") % words
        return _("Om de %(n)d maanden op de %(day)de") % words
    words = {"date": dateformat.format(series.first_date, "j F"), "n": n}
    if n == 1:
        return _("Elk jaar op %(date)s") % words
    return _("Om de %(n)d jaar op %(date)s") % words


def describe(series):
    """The rule as an organiser would say it: "Elke eerste dinsdag van de maand, 10.00–11.00
    uur"."""
    return _("%(how_often)s, %(start)s–%(end)s uur") % {
        "how_often": _how_often(series),
        "start": _time(series.start_time),
        "end": _time(series.end_time),
    }


def describe_period(series):
    """From when until when: "Van 3 februari 2026 tot en met 7 juli 2026" or "Vanaf 3 februari
    2026, 6 keer"."""
    first = dateformat.format(series.first_date, "j F Y")
    if series.until:
        return _("Van %(first)s tot en met %(until)s") % {
            "first": first,
            "until": dateformat.format(series.until, "j F Y"),
        }
    return ngettext(
        "Vanaf %(first)s, %(count)d keer", "Vanaf %(first)s, %(count)d keer", series.count
    ) % {"first": first, "count": series.count}


# --- Occurrences --------------------------------------------------------------------------------


class SeriesProblem(Exception):
    """Why the occurrences cannot be made, as a Dutch sentence for the organiser."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class PlannedDate:
    day: date
    event: EventPage | None = None  # the occurrence that exists for this date
    past: bool = False


@dataclass
class Generated:
    created: list = field(default_factory=list)
    existing: int = 0
    past: int = 0
    published: bool = False


def model_event_for(series):
    """The event the occurrences are copied from: the chosen one, or else the first date."""
    if series.model_event_id:
        return EventPage.objects.filter(pk=series.model_event_id).first()
    return series.occurrences.order_by("start", "pk").first()


def existing_occurrences(series):
    """{date in the series: occurrence}; the earliest one when a date somehow has two. An
    occurrence moved to another day keeps standing for its own date (``series_date``)."""
    found = {}
    for event in series.occurrences.order_by("-start", "-pk"):
        found[event.series_date or timezone.localdate(event.start)] = event
    return found


def plan(series, today=None):
    """Every date of the series with the occurrence it already has, and whether it is past."""
    today = today or timezone.localdate()
    existing = existing_occurrences(series)
    return [
        PlannedDate(day=day, event=existing.get(day), past=day < today)
        for day in occurrence_dates(series)
    ]


def _unique_slug(parent, base):
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _shifted(moment, shift):
    return moment + shift if moment else moment


def _copy_for(series, model, parent, day, *, user, keep_live):
    start, end = starts_and_ends(series, day)
    shift = start - model.start

    def move_sessions(_page, _copy, _relation, child):
        # Sessions keep their place in the day: they move with the occurrence.
        if isinstance(child, EventSession):
            child.starts_at += shift
            child.ends_at += shift

    update_attrs = {
        "slug": _unique_slug(parent, f"{series.slug}-{day:%Y-%m-%d}"),
        "start": start,
        "end": end,
        "series": series,
        "series_date": day,
        "status": EventStatus.SCHEDULED,
        "sequence": 0,
        # What belongs to the model's own date stays with it.
        "report": [],
        "documents": [],
        "registration_opens_at": _shifted(model.registration_opens_at, shift),
        "registration_deadline": _shifted(model.registration_deadline, shift),
    }
    if update_attrs["registration_deadline"] and update_attrs["registration_deadline"] > end:
        update_attrs["registration_deadline"] = end
    return model.copy(
        to=parent,
        update_attrs=update_attrs,
        copy_revisions=False,
        keep_live=keep_live,
        user=user,
        process_child_object=move_sessions,
    )


def generate_occurrences(series, *, user=None, today=None):
    """Make the occurrences the series lacks, from today on; never a second one for a date.

    Idempotent: a date that has an occurrence of this series (matched by the date it stands
    for, even when it was moved to another day) is left alone, so clicking twice, or after
    changing the rule, only adds what is missing. The copies are published when the model
    event is live (and ``user``, if given, may publish it), as drafts otherwise. Raises
    ``SeriesProblem`` with a Dutch reason.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        # One generation per series at a time: a second click waits, then finds the dates.
        EventSeries.objects.select_for_update().filter(pk=series.pk).first()
        model = model_event_for(series)
        if model is None:
            raise SeriesProblem(
                _(
                    "Kies eerst een voorbeeldevenement. Elke datum wordt een kopie daarvan, "
                    "met eigen aanmeldingen."
                )
            )
        dates = occurrence_dates(series)
        existing = existing_occurrences(series)
        model_day = timezone.localdate(model.start)
        if model.series_id is None and model_day in dates and model_day not in existing:
            # The model event is itself one of the dates: it becomes that occurrence.
            EventPage.objects.filter(pk=model.pk).update(series=series, series_date=model_day)
            model.series, model.series_date = series, model_day
            existing[model_day] = model
        keep_live = model.live and (user is None or model.permissions_for_user(user).can_publish())
        result = Generated(published=keep_live)
        parent = model.get_parent()
        for day in dates:
            if day in existing:
                result.existing += 1
                continue
            if day < today:
                result.past += 1
                continue
            try:
                copy = _copy_for(series, model, parent, day, user=user, keep_live=keep_live)
            except ValidationError as error:
                raise SeriesProblem(
                    _("Het voorbeeldevenement is niet compleet: %(errors)s")
                    % {"errors": " ".join(error.messages)}
                ) from error
            result.created.append(copy)
    return result


def occurrence_status(event, now=None):
    """How a date of the series stands, for its list: (key, Dutch words)."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return "cancelled", _("Gaat niet door")
    if event.status == EventStatus.POSTPONED:
        return "postponed", _("Uitgesteld")
    if event.end < now:
        return "past", _("Geweest")
    if not event.registration_enabled:
        return "open", _("Aanmelden niet nodig")
    if event.capacity is None:
        return "open", _("Plaatsen vrij")
    left = max(event.capacity - event.registered_count, 0)
    if left == 0:
        return "full", _("Vol: wachtlijst")
    return "open", ngettext("Nog %(count)d plaats vrij", "Nog %(count)d plaatsen vrij", left) % {
        "count": left
    }
