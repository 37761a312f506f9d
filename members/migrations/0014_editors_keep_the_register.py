"""Give the "Redactie" group the organisation register and the requests for missing
organisations (idempotent; creates the group when it is missing)."""

from django.db import migrations

from vakgenoten.group_permissions import grant_permissions

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
    grant_permissions(apps, EDITORS_GROUP, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0013_organisation_requests"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
