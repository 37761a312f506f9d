"""Least privilege for organisers and network managers: who may manage which event.

The "Organisatoren" group holds page rights on the agenda (``events.groups``), and so do the
"Netwerkbeheerders" (``members.content_rights``); both use them only on their own events: an
event whose ``organiser_network`` or one of whose ``networks`` is a network in which they are an
approved manager, or whose ``organiser_organisation`` is the organisation on their profile.
Rights that come from any other group (Redactie, with page rights on the whole site) and
superusers cover every event.

One rule, used everywhere: the page editor (``EventPage.permissions_for_user`` returns an
``EventPermissionTester``), the explorer listing, the registrations screens, the CSV export and
the dashboard (``manageable_events``), and the organiser and network fields of the event form
(``EventScope.network_choices`` and ``organisation_choices``). The shared part (where rights
come from, managed networks, lists) is ``members.content_rights``; the scope is worked out once
per request and kept on the user object: a few queries at most, whatever the number of events.
"""

from functools import cached_property

from django.db.models import Q

from members.content_rights import (
    NETWORK_MANAGERS,
    NetworkContentPermissionTester,
    NetworkContentScope,
    register_scope,
)
from members.content_rights import NetworkContentPagePolicy as OrganiserAwarePagePolicy
from members.models import Organisation, Profile

from .groups import ORGANISERS

__all__ = [
    "EventPermissionTester",
    "EventScope",
    "OrganiserAwarePagePolicy",
    "manageable_events",
    "without_others_events",
]


class EventScope(NetworkContentScope):
    """What one user may do with events, and which events are theirs as an organiser."""

    model = "events.EventPage"
    limited_groups = (ORGANISERS, NETWORK_MANAGERS)
    cache_name = "_vakgenoten_event_scope"

    @property
    def has_organiser_rights(self):
        """Whether any of their page rights comes from the organisers' (or managers') group."""
        return self.has_limited_rights

    @cached_property
    def organisation_id(self):
        if not getattr(self.user, "is_authenticated", False):
            return None
        return (
            Profile.objects.filter(user=self.user).values_list("organisation_id", flat=True).first()
        )

    @property
    def has_other_ownership(self):
        return bool(self.organisation_id)

    def own_q(self, prefix=""):
        """Events organised by or belonging to one of their networks, or organised by their
        own organisation."""
        q = Q(**{f"{prefix}organiser_network_id__in": self.network_ids}) | self.networks_q(prefix)
        if self.organisation_id:
            q |= Q(**{f"{prefix}organiser_organisation_id": self.organisation_id})
        return q

    # Kept under the names the rest of the events app uses.
    own_events_q = own_q

    @property
    def own_event_ids(self):
        return self.own_ids

    def owns(self, event):
        """Whether ``event`` (an EventPage, possibly with its organiser fields deferred) is
        organised by one of their networks or by their own organisation, or belongs to one of
        their networks."""
        deferred = event.get_deferred_fields()
        fields_loaded = not (
            {"organiser_network", "organiser_organisation"} & deferred
            or {"organiser_network_id", "organiser_organisation_id"} & deferred
        )
        if fields_loaded:
            if event.organiser_network_id in self.network_ids:
                return True
            organisation_id = event.organiser_organisation_id
            if self.organisation_id and organisation_id == self.organisation_id:
                return True
        return super().owns(event)

    def network_choices(self, keep=None):
        return super().network_choices(keep=[keep] if keep else ())

    def organisation_choices(self, keep=None):
        ids = {self.organisation_id} - {None}
        if keep:
            ids.add(keep)
        return Organisation.objects.filter(pk__in=ids)


register_scope(EventScope)


def manageable_events(user, queryset=None):
    """The events ``user`` may edit and whose registrations they may see (as a queryset)."""
    return EventScope.of(user).manageable(queryset)


class EventPermissionTester(NetworkContentPermissionTester):
    """Wagtail's page rights, with the organisers' rights counted only on their own events."""

    scope_class = EventScope


def without_others_events(user, pages):
    """``pages`` (a Page queryset) without the events that are not the organiser's own."""
    return EventScope.of(user).without_others(pages)
