"""Event sections on organisation, network and profile pages (see members.sections).

An organisation shows the upcoming events it organises, a network those it organises or that
belong to it (``EventPage.networks``); a profile shows the
member's own upcoming registrations, to that member only: who registers for what is nobody
else's business, not even an editor's on someone else's profile. Each list is one query
(upcoming live, non-private events come from :func:`events.listing.upcoming_events`, so the
sections agree with the agenda). Every list shows only what the viewer may see
(``members.visibility``): an event of a closed network is for that network's approved members.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from members.visibility import visible

from .listing import of_network, upcoming_events
from .models import EventIndexPage, Registration

SECTION_EVENTS = 5


def _short_list(request, queryset):
    """At most one more than shown, so the section knows whether to link to the agenda; only
    what the viewer may see."""
    events = list(visible(queryset, request.user).prefetch_related(None)[: SECTION_EVENTS + 1])
    return events[:SECTION_EVENTS], len(events) > SECTION_EVENTS


def _agenda_url(request, event, query=""):
    """The agenda's address (with ``query``), derived from an event on it.

    A Wagtail page's address is its parent's address plus its own slug, so the event we
    already have gives it without a query; only an unusual URL set-up costs one.
    """
    url = event.get_url(request) or ""
    own_part = f"{event.slug}/"
    if url.endswith(own_part):
        return url[: -len(own_part)] + query
    agenda = EventIndexPage.objects.ancestor_of(event).first()
    url = agenda.get_url(request) if agenda is not None else ""
    return f"{url}{query}" if url else ""


def organisation_events(request, organisation):
    events, has_more = _short_list(
        request, upcoming_events().filter(organiser_organisation=organisation)
    )
    if not events:
        return ""
    return render_to_string(
        "events/includes/organisation_events.html",
        {
            "events": events,
            "organisation": organisation,
            "agenda_url": _agenda_url(request, events[0]) if has_more else "",
        },
        request=request,
    )


def network_events(request, network):
    events, has_more = _short_list(request, upcoming_events().filter(of_network(network)))
    if not events:
        return ""
    return render_to_string(
        "events/includes/network_events.html",
        {
            "events": events,
            "network": network,
            "agenda_url": (
                _agenda_url(request, events[0], f"?netwerk={network.slug}") if has_more else ""
            ),
        },
        request=request,
    )


def my_registrations(request, member):
    """The owner's upcoming registrations; nothing at all for anyone else."""
    if not request.user.is_authenticated or request.user.pk != member.pk:
        return ""
    registrations = list(
        visible(
            Registration.objects.filter(
                user=member, event__live=True, event__end__gte=timezone.now()
            ),
            request.user,
            outer="event_id",
        )
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__start", "pk")[:SECTION_EVENTS]
    )
    if not registrations:
        return ""
    return render_to_string(
        "events/includes/profile_registrations.html",
        {"registrations": registrations},
        request=request,
    )
