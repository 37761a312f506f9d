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
from vakgenoten.cache import NOT_KEPT, cached_page_parts
from vakgenoten.text import single_line

from .models import EventStatus

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Vakgenoten//Agenda//NL"
KEPT_VEVENT = "ical-vevent"  # the cached part: one event's VEVENT in the public feeds


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
    stamp = timezone.now()
    calendar = _calendar_head(name)
    # The zone first, before the events that name it.
    calendar.add_component(_amsterdam([(event.start, event.end) for event, *_ in entries], stamp))
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
    return calendar.to_ical()


def public_calendar(events, *, name, request=None):
    """The calendar of ``events`` (a queryset) for everyone: the agenda and network feeds.

    Building a VEVENT costs about a millisecond of icalendar's work, and loading an event a
    fraction of one: seconds for a feed of thousands of events, and every publish anywhere
    purges the kept feeds. So each event's VEVENT (as a visitor sees it: no online link) is
    kept in the shared cache until that event is published again or anything site-wide
    changes (``cached_page_parts``); a feed is made from the events' ids and dates, the kept
    VEVENTs, and only the events that changed loaded and built. The same calendar as
    ``build_calendar`` writes, except that a kept VEVENT's DTSTAMP is the moment it was made
    (the ETag leaves DTSTAMP out).
    """
    rows = list(events.values_list("pk", "start", "end"))
    vevents = cached_page_parts(KEPT_VEVENT, {pk: lambda: NOT_KEPT for pk, _s, _e in rows})
    missing = [pk for pk, vevent in vevents.items() if vevent is NOT_KEPT]
    stamp = timezone.now()

    def vevent_of(event):
        return lambda: build_event(event, url=links.page_url(event, request), stamp=stamp).to_ical()

    if missing:
        changed = events if len(missing) == len(rows) else events.filter(pk__in=missing)
        built = {event.pk: vevent_of(event) for event in changed}
        vevents.update(cached_page_parts(KEPT_VEVENT, built))
    calendar = _calendar_head(name)
    calendar.add_component(_amsterdam([(start, end) for _pk, start, end in rows], stamp))
    head, tail = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    # An event unpublished between the two reads has no VEVENT: it is left out.
    kept = (vevents[pk] for pk, _s, _e in rows if vevents[pk] is not NOT_KEPT)
    return head + b"".join(kept) + b"END:VCALENDAR" + tail


def _calendar_head(name):
    """A VCALENDAR with the feed's own properties and no components yet."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", single_line(name))
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    return calendar


def _amsterdam(times, stamp):
    """The Europe/Amsterdam VTIMEZONE, with the changes of the year from a year before the
    first event to a year after the last (``times``: their starts and ends; around ``stamp``
    when there are none)."""
    earliest = min((start for start, _end in times), default=stamp)
    latest = max((end for _start, end in times), default=stamp)
    return Timezone.from_tzinfo(
        AMSTERDAM,
        tzid="Europe/Amsterdam",
        first_date=(earliest - timedelta(days=366)).date(),
        last_date=(latest + timedelta(days=366)).date(),
    )


def event_ics(event, *, include_online_link=False, request=None):
    return build_calendar([(event, include_online_link, False)], name=event.title, request=request)
