"""Comment e-mail opt-outs move into the member's notification preferences.

Until now a member who switched off the editors' decision about their comment, or (moderators)
the moderation queue's e-mail, got a ``CommentEmailOptOut`` row; the members app now keeps
those switches with all the others. Each row becomes the same switch, off; going back turns
each switch that is off into a row again.
"""

from django.db import migrations

KINDS = ("comment_moderation_outcome", "comment_moderation_queue")


def rows_to_preferences(apps, schema_editor):
    OptOut = apps.get_model("comments", "CommentEmailOptOut")
    Preferences = apps.get_model("members", "NotificationPreferences")
    for opt_out in OptOut.objects.filter(kind__in=KINDS).order_by("pk"):
        preferences, _created = Preferences.objects.get_or_create(user_id=opt_out.user_id)
        setattr(preferences, opt_out.kind, False)
        preferences.save(update_fields=[opt_out.kind])


def preferences_to_rows(apps, schema_editor):
    OptOut = apps.get_model("comments", "CommentEmailOptOut")
    Preferences = apps.get_model("members", "NotificationPreferences")
    for kind in KINDS:
        for user_id in Preferences.objects.filter(**{kind: False}).values_list("user_id", flat=True):
            OptOut.objects.get_or_create(user_id=user_id, kind=kind)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_moderator_permissions"),
        ("members", "0008_comment_email_kinds"),
    ]

    operations = [migrations.RunPython(rows_to_preferences, preferences_to_rows)]
