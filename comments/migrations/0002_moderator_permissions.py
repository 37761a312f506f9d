"""Give the "Redactie" group what moderators need: the moderation queue, trusted members,
closed pages and the comment rules (idempotent; creates the group when it is missing)."""

from django.db import migrations

from vakgenoten.group_permissions import grant_permissions

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
    grant_permissions(apps, EDITORS_GROUP, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
