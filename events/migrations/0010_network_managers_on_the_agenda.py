"""Give the "Netwerkbeheerders" group page rights on the agenda: managers announce their
network's events (events.permissions limits the rights to their own). Idempotent."""

from django.db import migrations

from vakgenoten.group_permissions import grant_page_permissions

NETWORK_MANAGERS = "Netwerkbeheerders"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def grant_agenda(apps, schema_editor):
    grant_page_permissions(apps, NETWORK_MANAGERS, "events.EventIndexPage", PAGE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_events_belong_to_networks"),
        ("blog", "0013_network_managers_group"),
    ]

    operations = [migrations.RunPython(grant_agenda, migrations.RunPython.noop)]
