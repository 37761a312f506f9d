"""Public views of a series: all its dates on one page, and all of them as a calendar file."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from members.visibility import visible
from vakgenoten.text import single_line

from . import ical
from .listing import agenda_page
from .models import EventSeries, EventStatus, Registration
from .series import describe_period, occurrence_status
from .views import calendar_response


def _occurrences(series, viewer):
    """The series' live, public dates ``viewer`` may see (``members.visibility``) with their
    number of seats taken, soonest first."""
    return (
        visible(series.occurrences.live().public(), viewer)
        .annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
            )
        )
        .select_related("organiser_network", "organiser_organisation")
        .order_by("start", "pk")
    )


@require_GET
def series_view(request, slug):
    """Upcoming dates first (with seats left, full or cancelled), past ones below, the rule in
    words and the dates the series skips."""
    series = get_object_or_404(EventSeries.objects.prefetch_related("exceptions"), slug=slug)
    now = timezone.now()
    upcoming, past = [], []
    for event in _occurrences(series, request.user):
        key, words = occurrence_status(event, now)
        (past if event.end < now else upcoming).append((event, key, words))
    past.reverse()
    today = timezone.localdate()
    agenda = agenda_page()
    crumbs = [(agenda.title, agenda.get_url(request))] if agenda else []
    crumbs.append((series.title, series.get_absolute_url()))
    return render(
        request,
        "events/event_series.html",
        {
            "series": series,
            "upcoming": upcoming,
            "past": past,
            "exceptions": [
                exception
                for exception in sorted(series.exceptions.all(), key=lambda e: e.date)
                if exception.date >= today
            ],
            "period": describe_period(series),
            "crumbs": crumbs,
        },
    )


@require_GET
def series_ics(request, slug):
    """Every date of the series as its own VEVENT, not one VEVENT with an RRULE.

    Each occurrence is an event of its own on the site: it has its own registrations and
    seats, and an organiser can move it, change its place or cancel it without touching the
    others. One RRULE with EXDATEs and RECURRENCE-ID overrides could say the same only until
    the first such change, and calendar programs treat overrides unevenly. Separate events
    keep each date's own UID (``event-<id>@…``, the same as its own calendar file), so a
    calendar program that already holds a date updates it rather than showing it twice. They
    are tied together by RELATED-TO (the series' UID, which is not itself an event) and by a
    shared CATEGORIES with the series' title.
    """
    series = get_object_or_404(EventSeries, slug=slug)
    # A calendar program fetches without signing in: what a visitor may see.
    occurrences = list(_occurrences(series, AnonymousUser()))
    entries = [(event, False, event.status == EventStatus.CANCELLED) for event in occurrences]
    series_uid = f"series-{series.pk}@{ical.uid_domain()}"
    content = ical.build_calendar(
        entries,
        name=series.title,
        request=request,
        shared_properties=[
            ("related-to", series_uid, {"RELTYPE": "PARENT"}),
            ("categories", [single_line(series.title)], None),
        ],
    )
    return calendar_response(request, content, f"reeks-{series.slug}.ics", download=True)
