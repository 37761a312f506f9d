"""The old one-text venue address is split into street, postal code and place, losing nothing."""

import importlib

import pytest

migration = importlib.import_module("events.migrations.0005_structured_address_and_status")
split_address = migration.split_address


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Werfkade 12\n3511 AB Utrecht", ("Werfkade 12", "3511 AB", "Utrecht")),
        ("Werfkade 12, 3511ab Utrecht", ("Werfkade 12", "3511 AB", "Utrecht")),
        (
            "Gebouw C\nWerfkade 12\n3511 AB  Utrecht",
            ("Gebouw C, Werfkade 12", "3511 AB", "Utrecht"),
        ),
        ("Werfkade 12, Utrecht", ("Werfkade 12", "", "Utrecht")),
        ("Achter het stadhuis", ("Achter het stadhuis", "", "")),
        ("  \n", ("", "", "")),
    ],
)
def test_old_address_is_split_into_parts(text, parts):
    assert split_address(text) == parts


@pytest.mark.django_db
def test_revisions_get_the_address_in_parts_so_the_editor_does_not_lose_it(make_event):
    from django.apps import apps

    event = make_event()
    revision = event.save_revision()
    content = dict(revision.content)
    for field in ("venue_street", "venue_postal_code", "venue_city"):
        content.pop(field)
    content["venue_address"] = "Werfkade 12\n3511 AB Utrecht"
    type(revision).objects.filter(pk=revision.pk).update(content=content)

    migration.revisions_in_parts(apps, None)

    revision.refresh_from_db()
    assert "venue_address" not in revision.content
    draft = revision.as_object()
    assert (draft.venue_street, draft.venue_postal_code, draft.venue_city) == (
        "Werfkade 12",
        "3511 AB",
        "Utrecht",
    )
