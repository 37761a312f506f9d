"""Remove what Wagtail's reference index held for network memberships.

``NetworkMembership.wagtail_reference_index_ignore`` keeps memberships out of the index from
now on; the rows written before would otherwise stay, and a network's usage in the admin would
go on listing memberships, also deleted ones.
"""

from django.db import migrations


def forget_membership_references(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    membership = ContentType.objects.filter(app_label="members", model="networkmembership").first()
    if membership is not None:
        ReferenceIndex.objects.filter(content_type=membership).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0016_network_invites_and_messages"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [
        migrations.RunPython(forget_membership_references, migrations.RunPython.noop),
    ]
