"""Least privilege for organisers: who may manage which event.

The "Organisatoren" group holds page rights on the agenda (``events.groups``), but an organiser
uses them only on the events of their own: an event whose ``organiser_network`` is a network in
which they are an approved manager (``NetworkMembership``, role manager, status approved), or
whose ``organiser_organisation`` is the organisation on their profile. Rights that come from any
other group (Redactie, with page rights on the whole site) and superusers cover every event.

One rule, used everywhere: the page editor (``EventPage.permissions_for_user`` returns an
``EventPermissionTester``), the explorer listing, the registrations screens, the CSV export and
the dashboard (``manageable_events``), and the organiser fields of the event form
(``EventScope.network_choices`` and ``organisation_choices``). The scope is worked out once per
request and kept on the user object: two queries at most, whatever the number of events.
"""

from functools import cached_property

from django.contrib.auth.models import Group
from django.db.models import Q

from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from members.models import Network, NetworkMembership, Organisation, Profile

from .groups import ORGANISERS

EDIT_CODENAMES = ("change_page", "publish_page")


class EventScope:
    """What one user may do with events, and which events are theirs as an organiser."""

    def __init__(self, user):
        self.user = user

    @classmethod
    def of(cls, user):
        scope = getattr(user, "_vakgenoten_event_scope", None)
        if scope is None:
            scope = cls(user)
            if getattr(user, "is_authenticated", False):
                user._vakgenoten_event_scope = scope
        return scope

    # --- Page rights, split by where they come from -------------------------------------------

    @cached_property
    def page_permissions(self):
        if not getattr(self.user, "is_authenticated", False):
            return []
        return list(PagePermissionPolicy().get_cached_permissions_for_user(self.user))

    @cached_property
    def organisers_group_id(self):
        if not self.page_permissions:
            return None
        return Group.objects.filter(name=ORGANISERS).values_list("pk", flat=True).first()

    def _is_organiser_right(self, permission):
        return permission.group_id == self.organisers_group_id

    @property
    def has_organiser_rights(self):
        """Whether any of their page rights comes from the organisers group."""
        return any(self._is_organiser_right(permission) for permission in self.page_permissions)

    def has_full_rights_over(self, page):
        """Superusers, and rights over ``page`` from a group other than the organisers."""
        if not self.user.is_active:
            return False
        if self.user.is_superuser:
            return True
        return any(
            permission.permission.codename in EDIT_CODENAMES
            and page.path.startswith(permission.page.path)
            and not self._is_organiser_right(permission)
            for permission in self.page_permissions
        )

    def other_group_codenames(self, page):
        """The page actions ``page`` allows through groups other than the organisers."""
        return {
            permission.permission.codename.rsplit("_", maxsplit=1)[0]
            for permission in self.page_permissions
            if page.path.startswith(permission.page.path)
            and not self._is_organiser_right(permission)
        }

    # --- What is theirs as an organiser -------------------------------------------------------

    @cached_property
    def network_ids(self):
        if not getattr(self.user, "is_authenticated", False):
            return frozenset()
        return frozenset(
            NetworkMembership.objects.managers()
            .filter(user=self.user)
            .values_list("network_id", flat=True)
        )

    @cached_property
    def organisation_id(self):
        if not getattr(self.user, "is_authenticated", False):
            return None
        return (
            Profile.objects.filter(user=self.user).values_list("organisation_id", flat=True).first()
        )

    def own_events_q(self, prefix=""):
        """Events organised by one of their networks or by their own organisation."""
        q = Q(**{f"{prefix}organiser_network_id__in": self.network_ids})
        if self.organisation_id:
            q |= Q(**{f"{prefix}organiser_organisation_id": self.organisation_id})
        return q

    def owns(self, event):
        """Whether ``event`` (an EventPage, possibly with its organiser fields deferred) is
        organised by one of their networks or by their own organisation."""
        deferred = event.get_deferred_fields()
        if {"organiser_network", "organiser_organisation"} & deferred or (
            {"organiser_network_id", "organiser_organisation_id"} & deferred
        ):
            return event.pk in self.own_event_ids
        return event.organiser_network_id in self.network_ids or bool(
            self.organisation_id and event.organiser_organisation_id == self.organisation_id
        )

    @cached_property
    def own_event_ids(self):
        from .models import EventPage

        return frozenset(EventPage.objects.filter(self.own_events_q()).values_list("pk", flat=True))

    def is_limited_for(self, page):
        """True when the user's rights over ``page`` (the event, or the agenda for a new one)
        come only from the organisers group: then they may pick only their own organisers."""
        return self.user.is_active and not self.has_full_rights_over(page)

    def network_choices(self, keep=None):
        ids = set(self.network_ids)
        if keep:
            ids.add(keep)
        return Network.objects.filter(pk__in=ids)

    def organisation_choices(self, keep=None):
        ids = {self.organisation_id} - {None}
        if keep:
            ids.add(keep)
        return Organisation.objects.filter(pk__in=ids)


def manageable_events(user, queryset=None):
    """The events ``user`` may edit and whose registrations they may see (as a queryset)."""
    from .models import EventPage

    events = EventPage.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return events.none()
    if user.is_superuser:
        return events
    scope = EventScope.of(user)
    allowed = Q(pk__in=[])
    for permission in scope.page_permissions:
        codename = permission.permission.codename
        under = Q(path__startswith=permission.page.path)
        if scope._is_organiser_right(permission):
            if codename in EDIT_CODENAMES:
                allowed |= under & scope.own_events_q()
            elif codename == "add_page":
                allowed |= under & scope.own_events_q() & Q(owner=user)
        elif codename in EDIT_CODENAMES:
            allowed |= under
        elif codename == "add_page":
            allowed |= under & Q(owner=user)
    return events.filter(allowed)


class EventPermissionTester(PagePermissionTester):
    """Wagtail's page rights, with the organisers' rights counted only on their own events.

    Every action of the page editor asks this tester (edit, publish, unpublish, delete, move,
    copy, lock, revisions, preview), so an organiser of network A gets 403 on network B's event
    wherever they try.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser:
            scope = EventScope.of(user)
            if not scope.owns(page):
                self.permissions = scope.other_group_codenames(page)


def without_others_events(user, pages):
    """``pages`` (a Page queryset) without the events that are not the organiser's own.

    Unchanged for superusers and for whoever has no rights through the organisers group.
    """
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return pages
    if not EventScope.of(user).has_organiser_rights:
        return pages
    from .models import EventPage

    others = EventPage.objects.exclude(pk__in=manageable_events(user).values("pk"))
    return pages.exclude(pk__in=others.values("pk"))


class OrganiserAwarePagePolicy(PagePermissionPolicy):
    """Wagtail's page policy, with the admin's page lists (search, listings by type, reports)
    leaving out the events an organiser may not manage."""

    def explorable_instances(self, user):
        return without_others_events(user, super().explorable_instances(user))

    def instances_user_has_any_permission_for(self, user, actions):
        return without_others_events(
            user, super().instances_user_has_any_permission_for(user, actions)
        )
