"""Reasons stored before the plurals were fixed said "Een van de eerste 1 reacties van dit lid."
and "Verborgen na 1 meldingen van leden."; the moderation queue shows them as stored. Only
these exact sentences (the ones with the number one) change."""

from django.db import migrations

HOLD_REASONS = {"Een van de eerste 1 reacties van dit lid.": "De eerste reactie van dit lid."}
DECISION_REASONS = {"Verborgen na 1 meldingen van leden.": "Verborgen na 1 melding van een lid."}


def rewrite(apps, hold_reasons, decision_reasons):
    Comment = apps.get_model("comments", "Comment")
    ModerationDecision = apps.get_model("comments", "ModerationDecision")
    for comment in Comment.objects.exclude(hold_reasons=[]).only("pk", "hold_reasons").iterator():
        reasons = [hold_reasons.get(reason, reason) for reason in comment.hold_reasons or []]
        if reasons != comment.hold_reasons:
            Comment.objects.filter(pk=comment.pk).update(hold_reasons=reasons)
    for old, new in decision_reasons.items():
        ModerationDecision.objects.filter(reason=old).update(reason=new)


def forwards(apps, schema_editor):
    rewrite(apps, HOLD_REASONS, DECISION_REASONS)


def backwards(apps, schema_editor):
    rewrite(
        apps,
        {new: old for old, new in HOLD_REASONS.items()},
        {new: old for old, new in DECISION_REASONS.items()},
    )


class Migration(migrations.Migration):
    dependencies = [("comments", "0004_remove_commentemailoptout")]

    operations = [migrations.RunPython(forwards, backwards)]
