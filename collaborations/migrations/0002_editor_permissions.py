"""Give the "Redactie" group the collaborations in the admin: view, add, change and delete
(idempotent; creates the group when it is missing, as comments 0002 does)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Redactie"
CODENAMES = ["view_collaboration", "add_collaboration", "change_collaboration"]
CODENAMES += ["delete_collaboration"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="collaborations", codename__in=CODENAMES
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("collaborations", "0001_collaborations_and_participants"),
        ("comments", "0002_moderator_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
