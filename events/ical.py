"""iCalendar files: one event, the agenda feed, a network's feed and a member's own feed.

Times are written with TZID Europe/Amsterdam and the matching VTIMEZONE, so Outlook, Google
Calendar and Apple Calendar show them at the right hour. Each event has a stable UID
(``event-<id>@<domain>``), so a calendar program updates an event instead of duplicating it.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

from vakgenoten import links
from vakgenoten.text import single_line

from .models import EventStatus

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Vakgenoten//Agenda//NL"


def uid_domain():
    """settings.EVENTS_CALENDAR_UID_DOMAIN, or else the host of the public address."""
    return settings.EVENTS_CALENDAR_UID_DOMAIN or links.site_hostname()


def uid_for(event):
    return f"event-{event.pk}@{uid_domain()}"


def _description(event, url, include_online_link):
    lines = [event.intro.strip()]
    if event.organiser_names:
        lines.append("Organisatie: " + ", ".join(event.organiser_names))
    if include_online_link and event.online_url:
        lines.append(f"Online deelnemen: {event.online_url}")
    lines.append(f"Meer informatie en aanmelden: {url}")
    text = "\n\n".join(strip_tags(line) for line in lines if line)
    # Line breaks stay (iCalendar escapes them); other control characters go.
    return "\n".join(single_line(line) for line in text.splitlines())


def build_event(event, *, url, include_online_link=False, cancelled=False, stamp=None):
    """One VEVENT. ``include_online_link`` only for people who registered."""
    vevent = Event()
    vevent.add("uid", uid_for(event))
    # Raised whenever the date, time, place or status was published changed
    # (``events.signals.raise_sequence_when_moved``): calendars replace their copy.
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", stamp or timezone.now())
    vevent.add("dtstart", event.start.astimezone(AMSTERDAM))
    vevent.add("dtend", event.end.astimezone(AMSTERDAM))
    # Titles and places on one line: a stored line break must not break the file.
    vevent.add("summary", single_line(event.title))
    vevent.add("description", _description(event, url, include_online_link))
    location = single_line(event.location_text)
    if include_online_link and event.online_url and not event.is_on_site:
        location = event.online_url
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at)
    cancelled = cancelled or event.status == EventStatus.CANCELLED
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    return vevent


def build_calendar(entries, *, name, request=None, shared_properties=()):
    """A calendar of ``entries``: (event, include_online_link, cancelled) triples.

    ``shared_properties``: ``(name, value, parameters)`` added to every VEVENT (a series ties
    its dates together with RELATED-TO and CATEGORIES).

    Always with the Europe/Amsterdam VTIMEZONE, also when there are no events: RFC 5545 wants
    at least one component in a VCALENDAR, and an empty feed must stay a valid calendar.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", single_line(name))
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    stamp = timezone.now()
    earliest = latest = None
    for event, include_online_link, cancelled in entries:
        url = links.page_url(event, request)
        vevent = build_event(
            event,
            url=url,
            include_online_link=include_online_link,
            cancelled=cancelled,
            stamp=stamp,
        )
        for property_name, value, parameters in shared_properties:
            vevent.add(property_name, value, parameters=parameters)
        calendar.add_component(vevent)
        earliest = min(earliest, event.start) if earliest else event.start
        latest = max(latest, event.end) if latest else event.end
    if earliest is None:
        earliest = latest = stamp
    first_date = (earliest - timedelta(days=366)).date()
    last_date = (latest + timedelta(days=366)).date()
    if calendar.walk("VEVENT"):
        calendar.add_missing_timezones(first_date=first_date, last_date=last_date)
    else:
        # No event names the zone, so add it ourselves: the calendar's one component.
        calendar.add_component(
            Timezone.from_tzinfo(
                AMSTERDAM, tzid="Europe/Amsterdam", first_date=first_date, last_date=last_date
            )
        )
    return calendar.to_ical()


def event_ics(event, *, include_online_link=False, request=None):
    return build_calendar([(event, include_online_link, False)], name=event.title, request=request)
