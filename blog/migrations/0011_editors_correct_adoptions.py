"""Give the "Redactie" group the adoptions of best practices ("Overnames" in the admin) on an
existing site too; a new site gets them from blog.editorial (idempotent; creates the group
when it is missing)."""

from django.db import migrations

from vakgenoten.group_permissions import grant_permissions

EDITORS_GROUP = "Redactie"
PERMISSIONS = ["view_adoption", "change_adoption", "delete_adoption"]


def grant(apps, schema_editor):
    grant_permissions(apps, EDITORS_GROUP, [("blog", name) for name in PERMISSIONS])


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0010_adoptions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
