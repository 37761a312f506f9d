"""Give the "Netwerkbeheerders" group page rights on the agenda: managers announce their
network's events (events.permissions limits the rights to their own). Idempotent."""

from django.db import migrations

NETWORK_MANAGERS = "Netwerkbeheerders"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def grant_agenda(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")

    group, _created = Group.objects.get_or_create(name=NETWORK_MANAGERS)
    index_type = ContentType.objects.filter(app_label="events", model="eventindexpage").first()
    if index_type is None:
        return
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        content_type__model="page",
        codename__in=PAGE_PERMISSIONS,
    )
    for page in Page.objects.filter(content_type=index_type):
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_events_belong_to_networks"),
        ("blog", "0013_network_managers_group"),
    ]

    operations = [migrations.RunPython(grant_agenda, migrations.RunPython.noop)]
