"""Sessions with seats of their own, grouped in time slots, as the event page and forms show them.

Sessions that start at the same moment form one time slot (parallel tracks): a registration
holds at most one session per slot. The seats are counted in one query per event and kept on
the event object for the rest of the request, so the page, the registration form and the
"change your sessions" form share the same figures.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from .models import SessionChoice

CACHE_ATTRIBUTE = "_vk_sessions_with_seats"


@dataclass
class Slot:
    """The sessions that start at one moment; ``ends_at`` is the latest end among them."""

    starts_at: datetime
    ends_at: datetime
    sessions: list = field(default_factory=list)
    show_day: bool = False

    @property
    def key(self):
        """The name of the slot's form field: stable while the start time stays the same."""
        return "sessie_" + timezone.localtime(self.starts_at).strftime("%Y%m%d%H%M")

    @property
    def label(self):
        return slot_label(self.starts_at, self.ends_at, with_day=self.show_day)


def slot_label(starts_at, ends_at, *, with_day=False):
    """ "10.00–11.00 uur"; "dinsdag 3 maart, 10.00–11.00 uur" when the sessions span days."""
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    hours = _("%(start)s–%(end)s uur") % {
        "start": dateformat.format(start, "G.i"),
        "end": dateformat.format(end, "G.i"),
    }
    if with_day:
        return f"{dateformat.format(start, 'l j F')}, {hours}"
    return hours


def sessions_with_seats(event, *, refresh=False):
    """The event's sessions in time order, each with ``taken`` and ``seats_left`` (None when
    there is no maximum) and ``is_full``. Two queries, whatever the number of sessions and
    choices; none for an event that is not saved yet."""
    cached = getattr(event, CACHE_ATTRIBUTE, None)
    if cached is not None and not refresh:
        return cached
    sessions = list(event.sessions.all()) if event.pk else []
    taken = {}
    if any(session.pk for session in sessions):
        taken = dict(
            SessionChoice.objects.filter(session__event_id=event.pk)
            .values("session_id")
            .annotate(count=Count("pk"))
            .values_list("session_id", "count")
        )
    for session in sessions:
        session.taken = taken.get(session.pk, 0)
        session.seats_left = (
            None if session.capacity is None else max(session.capacity - session.taken, 0)
        )
        session.is_full = session.seats_left == 0
    sessions.sort(key=lambda session: (session.starts_at, session.sort_order or 0, session.pk or 0))
    setattr(event, CACHE_ATTRIBUTE, sessions)
    return sessions


def forget_seats(event):
    """Count again next time: the seats changed in this request."""
    if hasattr(event, CACHE_ATTRIBUTE):
        delattr(event, CACHE_ATTRIBUTE)


def slots_of(sessions):
    """Group sessions (in time order) by their start: [Slot, ...]."""
    slots = []
    for session in sessions:
        if slots and slots[-1].starts_at == session.starts_at:
            slots[-1].sessions.append(session)
            slots[-1].ends_at = max(slots[-1].ends_at, session.ends_at)
        else:
            slots.append(Slot(session.starts_at, session.ends_at, [session]))
    days = {timezone.localdate(slot.starts_at) for slot in slots}
    for slot in slots:
        slot.show_day = len(days) > 1
    return slots


def event_slots(event):
    return slots_of(sessions_with_seats(event))
