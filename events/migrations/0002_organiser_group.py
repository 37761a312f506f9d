"""Create the "Organisatoren" group with its permissions (idempotent; see events.groups)."""

from django.db import migrations

from vakgenoten.group_permissions import (
    grant_page_permissions,
    grant_permissions,
    grant_root_collection_permissions,
)

ORGANISERS = "Organisatoren"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def create_group(apps, schema_editor):
    grant_permissions(apps, ORGANISERS, [("wagtailadmin", "access_admin")])
    grant_root_collection_permissions(apps, ORGANISERS, COLLECTION_PERMISSIONS)
    grant_page_permissions(apps, ORGANISERS, "events.EventIndexPage", PAGE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
