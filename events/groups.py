"""The "Organisatoren" group: people who announce events and manage who comes.

They may add, edit and publish pages under the agenda (and nowhere else), use images and
documents, and see the registrations of the events they may edit. ``setup_organiser_group`` is
idempotent; the migration, the demo loader and the creation of an agenda page call it.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

ORGANISERS = "Organisatoren"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
SERIES_PERMISSIONS = [
    "view_eventseries",
    "add_eventseries",
    "change_eventseries",
    "delete_eventseries",
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def setup_organiser_group():
    from .models import EventIndexPage

    group, _created = Group.objects.get_or_create(name=ORGANISERS)
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin:
        group.permissions.add(access_admin)

    # Series (events.series_admin narrows them to the organiser's own).
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="events", codename__in=SERIES_PERMISSIONS
        )
    )

    root_collection = Collection.get_first_root_node()
    if root_collection:
        for app_label, codename in COLLECTION_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    page_permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore",
            content_type__model="page",
            codename__in=PAGE_PERMISSIONS,
        )
    )
    for index_page in EventIndexPage.objects.all():
        page = Page.objects.get(pk=index_page.pk)
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    return group


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
