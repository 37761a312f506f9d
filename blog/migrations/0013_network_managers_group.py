"""Create the "Netwerkbeheerders" group with its rights on the knowledge base and put every
approved network manager in it (idempotent; see members.content_rights and blog.permissions)."""

from django.db import migrations

from vakgenoten.group_permissions import (
    grant_page_permissions,
    grant_permissions,
    grant_root_collection_permissions,
)

NETWORK_MANAGERS = "Netwerkbeheerders"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def create_group(apps, schema_editor):
    grant_permissions(apps, NETWORK_MANAGERS, [("wagtailadmin", "access_admin")])
    grant_root_collection_permissions(apps, NETWORK_MANAGERS, COLLECTION_PERMISSIONS)
    grant_page_permissions(apps, NETWORK_MANAGERS, "blog.BlogIndexPage", PAGE_PERMISSIONS)

    Group = apps.get_model("auth", "Group")
    NetworkMembership = apps.get_model("members", "NetworkMembership")
    group = Group.objects.get(name=NETWORK_MANAGERS)
    managers = NetworkMembership.objects.filter(status="approved", role="manager")
    for user_id in set(managers.values_list("user_id", flat=True)):
        group.user_set.add(user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0012_articles_belong_to_networks"),
        ("members", "0015_closed_networks_logo_and_colour"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
