"""Reasons stored before the plurals were fixed read as plain Dutch after the migration."""

import importlib

import pytest

from django.apps import apps

from comments.models import ModerationDecision
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db

migration = importlib.import_module("comments.migrations.0005_plain_dutch_in_stored_reasons")


def test_old_plural_mistakes_in_stored_reasons_are_rewritten(article, member):
    held = make_comment(
        article,
        member,
        "Mijn eerste reactie",
        status="pending",
        hold_reasons=["Een van de eerste 1 reacties van dit lid.", "Bevat 3 links (meer dan 2)."],
    )
    decision = ModerationDecision.objects.create(
        comment=held,
        moderator=None,
        from_status="published",
        to_status="pending",
        reason="Verborgen na 1 meldingen van leden.",
    )

    migration.forwards(apps, None)
    held.refresh_from_db()
    decision.refresh_from_db()
    assert held.hold_reasons == ["De eerste reactie van dit lid.", "Bevat 3 links (meer dan 2)."]
    assert decision.reason == "Verborgen na 1 melding van een lid."

    migration.backwards(apps, None)
    held.refresh_from_db()
    assert held.hold_reasons[0] == "Een van de eerste 1 reacties van dit lid."
