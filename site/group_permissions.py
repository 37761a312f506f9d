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
Only the historical models of ``apps`` are used, so old migrations keep working as models change.
"""

from django.contrib.auth.management import create_permissions


def create_all_permissions(apps):
    """Make sure the permissions of every model known to ``apps`` exist now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant_permissions(apps, group_name, permissions, *, create_group=True):
    """Give ``group_name`` each ``(app_label, codename)`` in ``permissions``; missing ones are
    skipped (an app that is not installed)."""
    create_all_permissions(apps)
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
