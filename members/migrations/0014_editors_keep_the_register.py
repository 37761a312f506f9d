"""Give the "Redactie" group the organisation register and the requests for missing
organisations (idempotent; creates the group when it is missing)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Redactie"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("members", "view_organisation"),
    ("members", "add_organisation"),
    ("members", "change_organisation"),
    ("members", "view_organisationrequest"),
    ("members", "change_organisationrequest"),
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
        ("members", "0013_organisation_requests"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
