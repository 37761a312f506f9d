"""Template tags for events: dates in plain Dutch and the schema.org data for search engines."""

from django import template
from django.utils import dateformat, timezone
from django.utils.html import strip_tags

from vakgenoten import links
from vakgenoten.structured_data import json_ld_script

from ..models import EventStatus

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


STATUS = {
    EventStatus.SCHEDULED: "EventScheduled",
    EventStatus.CANCELLED: "EventCancelled",
    EventStatus.POSTPONED: "EventPostponed",
    EventStatus.MOVED_ONLINE: "EventMovedOnline",
}


def event_locations(event, url):
    """schema.org locations: the venue as a Place with a PostalAddress, the online part as a
    VirtualLocation (its link is for registered members only, so it points at the page)."""
    locations = []
    if event.is_on_site and event.status != EventStatus.MOVED_ONLINE:
        place = {"@type": "Place", "name": event.venue_name or event.location_text}
        address = {
            "@type": "PostalAddress",
            "streetAddress": event.venue_street,
            "postalCode": event.venue_postal_code,
            "addressLocality": event.venue_city,
            "addressCountry": "NL",
        }
        place["address"] = {key: value for key, value in address.items() if value}
        locations.append(place)
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": url})
    return locations


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
        "eventStatus": f"https://schema.org/{STATUS[event.status]}",
        "eventAttendanceMode": f"https://schema.org/{event.attendance_mode}",
        "url": url,
        "inLanguage": "nl",
        "isAccessibleForFree": True,
    }
    if event.registration_enabled:
        data["offers"] = {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "url": url,
            "availability": (
                "https://schema.org/SoldOut"
                if event.capacity is not None and event.seats_left == 0
                else "https://schema.org/InStock"
            ),
        }
        if event.registration_opens_at:
            data["offers"]["validFrom"] = timezone.localtime(
                event.registration_opens_at
            ).isoformat()
    locations = event_locations(event, url)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organisers = [
        {
            "@type": "Organization",
            "name": str(organiser),
            "url": organiser.website or links.absolute_url(organiser.get_absolute_url()),
        }
        for organiser in (event.organiser_network, event.organiser_organisation)
        if organiser
    ]
    if organisers:
        data["organizer"] = organisers[0] if len(organisers) == 1 else organisers
    if image_url:
        data["image"] = [image_url]
    return data


@register.simple_tag(takes_context=True)
def event_json_ld(context, event, image_url=""):
    """``<script type="application/ld+json">`` with the schema.org Event of ``event``."""
    return json_ld_script(event_schema(event, context.get("request"), image_url))


@register.filter
def webcal(url):
    """``webcal://host/path`` for a calendar feed (a path or an absolute URL): the link that
    makes a calendar program subscribe, where the https link downloads the file once."""
    absolute = links.absolute_url(str(url))
    if not absolute:
        return ""
    scheme, _sep, rest = absolute.partition("://")
    if scheme not in ("http", "https"):
        return ""
    return f"webcal://{rest}"
