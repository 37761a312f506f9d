"""The agenda listing: upcoming or past events, filtered and paginated in constant queries."""

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from members.models import Network
from members.visibility import visible
from taxonomy.models import Theme
from vakgenoten.queries import exclude_private

from .models import EVENTS_PER_PAGE, EventIndexPage, EventKind, EventPage, Registration


def events_with_counts(queryset):
    """Events with what a card shows, and their registered count, without a query per card.

    The count is a correlated subquery, not a join with GROUP BY: grouped, every matching
    event had to be counted before the soonest few could be picked; now the events are read
    in date order from their index and the list stops after a page."""
    counts = (
        Registration.objects.filter(event_id=OuterRef("pk"), status=Registration.Status.REGISTERED)
        .order_by()
        .values("event_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        queryset.select_related("image", "organiser_network", "organiser_organisation")
        .prefetch_related("image__renditions")
        .annotate(
            registered_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
        )
    )


def upcoming_events(limit=None, now=None, viewer=None):
    """Live events that have not ended yet, soonest first; with ``viewer`` only those they may
    see (``members.visibility``: a closed network's events are for its members; the home page
    passes a visitor, its list being the same for every reader)."""
    now = now or timezone.now()
    events = exclude_private(EventPage.objects.live()).filter(end__gte=now)
    if viewer is not None:
        events = visible(events, viewer)
    events = events_with_counts(events).order_by("start", "pk")
    return events[:limit] if limit else events


def agenda_page():
    """The agenda: the first live agenda page in the tree, whatever its slug (an editor may
    rename it); None when there is none."""
    return EventIndexPage.objects.live().order_by("path").first()


def agenda_url():
    """The address of the agenda, for a link to it from elsewhere; "" when there is none."""
    agenda = agenda_page()
    return (agenda.url or "") if agenda else ""


def event_listing_context(index_page, request):
    now = timezone.now()
    archive = request.GET.get("archief") == "1"
    # A closed network's events are for its approved members (``members.visibility``).
    events = visible(exclude_private(EventPage.objects.live()).child_of(index_page), request.user)
    if archive:
        events = events.filter(end__lt=now).order_by("-start", "-pk")
    else:
        events = events.filter(end__gte=now).order_by("start", "pk")

    themes = list(Theme.objects.order_by("name"))
    networks = list(Network.objects.order_by("name"))
    selected = {
        "thema": request.GET.get("thema", ""),
        "netwerk": request.GET.get("netwerk", ""),
        "soort": request.GET.get("soort", ""),
    }
    if selected["thema"] in {theme.slug for theme in themes}:
        events = events.filter(themes__slug=selected["thema"])
    else:
        selected["thema"] = ""
    by_slug = {network.slug: network for network in networks}
    if selected["netwerk"] in by_slug:
        events = events.filter(of_network(by_slug[selected["netwerk"]]))
    else:
        selected["netwerk"] = ""
    if selected["soort"] in EventKind.values:
        events = events.filter(kind=selected["soort"])
    else:
        selected["soort"] = ""

    paginator = Paginator(events_with_counts(events), EVENTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "events": page_obj.object_list,
        "page_obj": page_obj,
        "archive": archive,
        "themes": themes,
        "networks": networks,
        "kinds": EventKind.choices,
        "selected": selected,
        "is_filtered": any(selected.values()),
        "now": now,
    }


def of_network(network):
    """The condition "organised by ``network`` or belonging to it", without a join that would
    repeat an event (or multiply its registration count) once per network."""
    field = EventPage._meta.get_field("networks")
    belongs = field.remote_field.through.objects.filter(network=network).values(
        field.m2m_field_name()
    )
    return Q(organiser_network=network) | Q(pk__in=belongs)
