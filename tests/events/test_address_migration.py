"""The old one-text venue address is split into street, postal code and place, losing nothing."""

import importlib

import pytest

split_address = importlib.import_module(
    "events.migrations.0005_structured_address_and_status"
).split_address


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
