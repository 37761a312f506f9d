"""The "Organisatoren" group: people who announce events and manage who comes.

They may add, edit and publish pages under the agenda (and nowhere else), use images and
documents, and see the registrations of the events they may edit. ``setup_organiser_group`` is
idempotent; the migration, the demo loader and the creation of an agenda page call it.
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group

from vakgenoten.group_permissions import (
    UPLOAD_PERMISSIONS,
    grant_page_permissions_on,
    grant_permissions,
    grant_root_collection_permissions,
)

ORGANISERS = "Organisatoren"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
SERIES_PERMISSIONS = [
    "view_eventseries",
    "add_eventseries",
    "change_eventseries",
    "delete_eventseries",
]


def setup_organiser_group():
    from .models import EventIndexPage

    # Series too (events.series_admin narrows them to the organiser's own).
    grant_permissions(
        global_apps,
        ORGANISERS,
        [("wagtailadmin", "access_admin"), *[("events", name) for name in SERIES_PERMISSIONS]],
    )
    grant_root_collection_permissions(global_apps, ORGANISERS, UPLOAD_PERMISSIONS)
    return grant_page_permissions_on(
        global_apps, ORGANISERS, EventIndexPage.objects.all(), PAGE_PERMISSIONS
    )


def ensure_organiser_group():
    """Baseline check: create the group when a database lacks it; leave an existing one alone."""
    if not Group.objects.filter(name=ORGANISERS).exists():
        setup_organiser_group()


def make_organiser(user, *networks):
    """Everything ``user`` needs to organise the events of ``networks``: the organisers group
    and an approved manager's place in each network (``events.permissions``). Idempotent; the
    demo's organiser account and the tests use it."""
    from django.utils import timezone

    from members.models import NetworkMembership

    user.groups.add(setup_organiser_group())
    for network in networks:
        NetworkMembership.objects.update_or_create(
            user=user,
            network=network,
            defaults={
                "status": NetworkMembership.Status.APPROVED,
                "role": NetworkMembership.Role.MANAGER,
                "decided_at": timezone.now(),
            },
        )
    return user
