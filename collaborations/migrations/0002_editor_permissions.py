"""Give the "Redactie" group the collaborations in the admin: view, add, change and delete
(idempotent; creates the group when it is missing, as comments 0002 does)."""

from django.db import migrations

from vakgenoten.group_permissions import grant_permissions

EDITORS_GROUP = "Redactie"
CODENAMES = ["view_collaboration", "add_collaboration", "change_collaboration"]
CODENAMES += ["delete_collaboration"]


def grant(apps, schema_editor):
    grant_permissions(apps, EDITORS_GROUP, [("collaborations", name) for name in CODENAMES])


class Migration(migrations.Migration):
    dependencies = [
        ("collaborations", "0001_collaborations_and_participants"),
        ("comments", "0002_moderator_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
