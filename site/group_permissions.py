"""Giving a group model permissions from a data migration, the same way in every app.

Django creates the permissions of new models only after all migrations ran (``post_migrate``),
so a migration that grants them has to create them first. ``grant_permissions`` does that,
creates the group when it is missing, and is idempotent::

    from vakgenoten.group_permissions import grant_permissions

    def grant(apps, schema_editor):
        grant_permissions(apps, "Redactie", [("members", "view_network")])

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

With ``create_group=False`` a group that does not exist is left alone (a group made elsewhere
with more than permissions, such as the organisers' page rights, is never made half here).
Only the models of ``apps`` are used, so old migrations keep working as models change. Code that
runs outside migrations (the baseline check, a new agenda page) passes Django's own registry,
``django.apps.apps``, whose permissions exist already.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

# What a group that writes pages needs besides page rights: adding and choosing images and
# documents, on the root collection (so in every collection).
UPLOAD_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def create_permissions_of(apps, app_labels):
    """Make sure the permissions of the models of ``app_labels`` exist now in a migration's
    ``apps`` (the running site's registry has them: ``post_migrate`` made them). Only those
    apps: content types made early for other apps would stand in the way of their own
    migrations (a model moved to another app keeps its content type)."""
    if apps is global_apps:
        return
    for app_label in set(app_labels):
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:  # not installed
            continue
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant_permissions(apps, group_name, permissions, *, create_group=True):
    """Give ``group_name`` each ``(app_label, codename)`` in ``permissions``; missing ones are
    skipped (an app that is not installed)."""
    create_permissions_of(apps, [app_label for app_label, _codename in permissions])
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    if create_group:
        groups = [Group.objects.get_or_create(name=group_name)[0]]
    else:
        groups = list(Group.objects.filter(name=group_name))
    for group in groups:
        for app_label, codename in permissions:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
    return groups[0] if groups else None


def grant_root_collection_permissions(apps, group_name, permissions):
    """Give ``group_name`` each ``(app_label, codename)`` (images, documents) on the root
    collection, so it holds for every collection. Creates the group when it is missing."""
    create_permissions_of(apps, [app_label for app_label, _codename in permissions])
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group, _created = Group.objects.get_or_create(name=group_name)
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is None:
        return group
    for app_label, codename in permissions:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    return group


def grant_page_permissions(apps, group_name, page_type, codenames):
    """Give ``group_name`` the page rights ``codenames`` (``add_page``, ``change_page``...) on
    every page of ``page_type`` (``"app_label.model"``, e.g. the agenda). Creates the group
    when it is missing; a site without such a page yet gets the rights when the page is made."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    app_label, model = page_type.lower().split(".")
    page_content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    pages = Page.objects.filter(content_type=page_content_type) if page_content_type else []
    return grant_page_permissions_on(apps, group_name, pages, codenames)


def grant_page_permissions_on(apps, group_name, pages, codenames):
    """Give ``group_name`` the page rights ``codenames`` on each of ``pages`` (and so on the
    pages below them). Creates the group when it is missing; returns it."""
    create_permissions_of(apps, ["wagtailcore"])
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group, _created = Group.objects.get_or_create(name=group_name)
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore",
            content_type__model="page",
            codename__in=codenames,
        )
    )
    for page in pages:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page.pk, permission=permission
            )
    return group
