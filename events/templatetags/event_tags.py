"""Template tags for events: dates in plain Dutch and the schema.org data for search engines."""

import json

from django import template
from django.utils import dateformat, timezone
from django.utils.html import _json_script_escapes, strip_tags
from django.utils.safestring import mark_safe

from vakgenoten import links

register = template.Library()

TIME = "G.i"


def _day(value, with_month=True, with_year=True):
    fmt = "D j"
    if with_month:
        fmt += " F"
    if with_year:
        fmt += " Y"
    return dateformat.format(value, fmt)


@register.filter
def event_when(event):
    """When an event takes place, in Amsterdam time.

    One day: "do 12 maart 2027, 9.30 – 17.00 uur". More days in one month: "do 12 – vr 13 maart
    2027". Across months or years the month and year are repeated where needed.
    """
    start = timezone.localtime(event.start)
    end = timezone.localtime(event.end)
    if start.date() == end.date():
        start_time, end_time = dateformat.format(start, TIME), dateformat.format(end, TIME)
        return f"{_day(start)}, {start_time} – {end_time} uur"
    if start.year != end.year:
        return f"{_day(start)} – {_day(end)}"
    if start.month != end.month:
        return f"{_day(start, with_year=False)} – {_day(end)}"
    return f"{_day(start, with_month=False, with_year=False)} – {_day(end)}"


@register.filter
def event_short_date(event):
    """A compact date for cards: "12 mrt. 2027" or "12–13 mrt. 2027"."""
    start = timezone.localtime(event.start)
    end = timezone.localtime(event.end)
    if start.date() == end.date():
        return dateformat.format(start, "j N Y")
    if start.month == end.month and start.year == end.year:
        return f"{start.day}–{dateformat.format(end, 'j N Y')}"
    return f"{dateformat.format(start, 'j N Y')} – {dateformat.format(end, 'j N Y')}"


def event_schema(event, request, image_url=""):
    """The schema.org Event for one event page."""
    url = links.page_url(event, request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": strip_tags(event.intro),
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{event.attendance_mode}",
        "url": url,
        "isAccessibleForFree": True,
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "url": url,
            "availability": (
                "https://schema.org/SoldOut"
                if event.capacity is not None and event.seats_left == 0
                else "https://schema.org/InStock"
            ),
        },
    }
    locations = []
    if event.is_on_site:
        place = {"@type": "Place", "name": event.venue_name or event.location_text}
        if event.venue_address:
            place["address"] = ", ".join(
                line.strip() for line in event.venue_address.splitlines() if line.strip()
            )
        locations.append(place)
    if event.is_online:
        # The link itself is for registered members only.
        locations.append({"@type": "VirtualLocation", "url": url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.organiser:
        organiser = {"@type": "Organization", "name": str(event.organiser)}
        website = getattr(event.organiser, "website", "")
        if website:
            organiser["url"] = website
        data["organizer"] = organiser
    if image_url:
        data["image"] = [image_url]
    return data


@register.simple_tag(takes_context=True)
def event_json_ld(context, event, image_url=""):
    """``<script type="application/ld+json">`` with the event, escaped like json_script."""
    data = event_schema(event, context.get("request"), image_url)
    payload = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308  # nosec B308 B703 # JSON escaped like json_script
