"""Wagtail's migrations create the staff groups "Editors" and "Moderators"; the admin showed
them in English beside "Redactie" and "Organisatoren". Renamed in place, so every member and
permission stays with its group; a group that already has the Dutch name is left alone."""

from django.db import migrations

DUTCH_NAMES = {
    "Editors": "Schrijvers",  # write and edit pages; publishing goes through a review
    "Moderators": "Eindredactie",  # publish, lock and approve pages
}


def rename(apps, names):
    Group = apps.get_model("auth", "Group")
    for old, new in names.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)


def to_dutch(apps, schema_editor):
    rename(apps, DUTCH_NAMES)


def to_english(apps, schema_editor):
    rename(apps, {new: old for old, new in DUTCH_NAMES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("vakgenoten", "0007_lease"),
        # The Wagtail migrations that look these groups up by their English names.
        ("wagtailcore", "0005_add_page_lock_permission_to_moderators"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(to_dutch, to_english)]
