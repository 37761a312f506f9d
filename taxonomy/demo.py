"""The demo themes that articles, events and member profiles are filed under. Safe to run again."""

from .models import Theme

THEMES = [
    ("Sociaal domein", "sociaal-domein", "Wmo, jeugdzorg, schuldhulp, bijstand en participatie."),
    (
        "Omgevingswet",
        "omgevingswet",
        "Werken met de Omgevingswet: vergunningen, plannen, participatie.",
    ),
    (
        "Informatieveiligheid",
        "informatieveiligheid",
        "Informatiebeveiliging en de BIO in gemeenten.",
    ),
    ("Privacy", "privacy", "De AVG in de praktijk van gemeenten."),
    (
        "Common Ground",
        "common-ground",
        "Gegevens bij de bron, standaard componenten, minder koppelingen.",
    ),
    ("Dienstverlening", "dienstverlening", "Digitale en fysieke dienstverlening aan inwoners."),
    ("Bedrijfsvoering", "bedrijfsvoering", "Financiën, HR, inkoop, control en organisatie."),
    ("Samenwerking", "samenwerking", "Samenwerkingsverbanden en gezamenlijke uitvoering."),
]


def load():
    """Create the demo themes; existing ones (found by slug) are left as they are."""
    for name, slug, description in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
