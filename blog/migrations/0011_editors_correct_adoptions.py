"""Give the "Redactie" group the adoptions of best practices ("Overnames" in the admin) on an
existing site too; a new site gets them from blog.editorial (idempotent; creates the group
when it is missing)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Redactie"
PERMISSIONS = ["view_adoption", "change_adoption", "delete_adoption"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure these exist now.
    app_config = apps.get_app_config("blog")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="blog", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0010_adoptions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
