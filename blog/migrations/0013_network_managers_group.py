"""Create the "Netwerkbeheerders" group with its rights on the knowledge base and put every
approved network manager in it (idempotent; see members.content_rights and blog.permissions)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NETWORK_MANAGERS = "Netwerkbeheerders"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    NetworkMembership = apps.get_model("members", "NetworkMembership")

    group, _created = Group.objects.get_or_create(name=NETWORK_MANAGERS)
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin:
        group.permissions.add(access_admin)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection:
        for app_label, codename in COLLECTION_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    index_type = ContentType.objects.filter(app_label="blog", model="blogindexpage").first()
    if index_type:
        page_permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore",
            content_type__model="page",
            codename__in=PAGE_PERMISSIONS,
        )
        for page in Page.objects.filter(content_type=index_type):
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )

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
