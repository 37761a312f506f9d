"""Give the "Redactie" group what moderators need: the moderation queue, trusted members,
closed pages and the comment rules (idempotent; creates the group when it is missing)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Redactie"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("comments", "moderate_comment"),
    ("comments", "view_comment"),
    ("comments", "change_comment"),
    ("comments", "view_trustedcommenter"),
    ("comments", "add_trustedcommenter"),
    ("comments", "change_trustedcommenter"),
    ("comments", "delete_trustedcommenter"),
    ("comments", "view_commentclosure"),
    ("comments", "add_commentclosure"),
    ("comments", "change_commentclosure"),
    ("comments", "delete_commentclosure"),
    ("comments", "change_commentsettings"),
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
