"""The venue's address in parts (street, postal code, place) and the event's status.

The old free-text address is split: a line (or comma-separated part) that starts with a Dutch
postal code gives the postal code and the place after it, what comes before it is the street.
Without a postal code the last of several parts is taken as the place. Nothing is dropped:
whatever cannot be placed stays in the street field for an editor to tidy up.

The page revisions are split too: the editor opens a page from its latest revision, and a
revision still holding only the old text would show (and then publish) an empty address.
"""

import re

from django.db import migrations, models

import vakgenoten.text

POSTAL_CODE = re.compile(r"^(\d{4})\s?([A-Za-z]{2})\b\s*(.*)$")


def split_address(text):
    """(street, postal code, place) from an address as one text."""
    parts = [part.strip() for line in text.splitlines() for part in line.split(",")]
    parts = [part for part in parts if part]
    for index, part in enumerate(parts):
        match = POSTAL_CODE.match(part)
        if match:
            digits, letters, place = match.groups()
            place = ", ".join(p for p in [place, *parts[index + 1 :]] if p)
            return ", ".join(parts[:index]), f"{digits} {letters.upper()}", place
    if len(parts) > 1:
        return ", ".join(parts[:-1]), "", parts[-1]
    return ", ".join(parts), "", ""


def address_in_parts(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    for event in EventPage.objects.exclude(venue_address="").only("pk", "venue_address"):
        street, postal_code, city = split_address(event.venue_address)
        EventPage.objects.filter(pk=event.pk).update(
            venue_street=street[:150], venue_postal_code=postal_code[:10], venue_city=city[:100]
        )


def address_in_one_text(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    for event in EventPage.objects.all().only(
        "pk", "venue_street", "venue_postal_code", "venue_city"
    ):
        town = " ".join(p for p in (event.venue_postal_code, event.venue_city) if p)
        address = "\n".join(line for line in (event.venue_street, town) if line)
        EventPage.objects.filter(pk=event.pk).update(venue_address=address)


def event_revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="events", model="eventpage").first()
    if content_type is None:
        return []
    return Revision.objects.filter(content_type=content_type).only("pk", "content")


def revisions_in_parts(apps, schema_editor):
    for revision in event_revisions(apps):
        content = dict(revision.content)
        if "venue_address" not in content:
            continue
        street, postal_code, city = split_address(content.pop("venue_address") or "")
        content.update(
            venue_street=street[:150], venue_postal_code=postal_code[:10], venue_city=city[:100]
        )
        type(revision).objects.filter(pk=revision.pk).update(content=content)


def revisions_in_one_text(apps, schema_editor):
    for revision in event_revisions(apps):
        content = dict(revision.content)
        if "venue_street" not in content:
            continue
        town = " ".join(
            p for p in (content.pop("venue_postal_code", ""), content.pop("venue_city", "")) if p
        )
        street = content.pop("venue_street", "")
        content["venue_address"] = "\n".join(line for line in (street, town) if line)
        type(revision).objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_themes_from_taxonomy"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventpage",
            name="status",
            field=models.CharField(
                choices=[
                    ("gepland", "Gaat door"),
                    ("afgelast", "Afgelast"),
                    ("uitgesteld", "Uitgesteld"),
                    ("online", "Verplaatst naar online"),
                ],
                default="gepland",
                help_text=(
                    "Gaat het evenement niet door, of later? Zet de status om en vertel in de "
                    "introductie wat er verandert. Bij afgelast en uitgesteld sluit het aanmelden."
                ),
                max_length=12,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="venue_city",
            field=models.CharField(
                blank=True,
                max_length=100,
                validators=[vakgenoten.text.validate_single_line],
                verbose_name="plaats",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="venue_postal_code",
            field=models.CharField(
                blank=True,
                max_length=10,
                validators=[vakgenoten.text.validate_single_line],
                verbose_name="postcode",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="venue_street",
            field=models.CharField(
                blank=True,
                max_length=150,
                validators=[vakgenoten.text.validate_single_line],
                verbose_name="straat en huisnummer",
            ),
        ),
        migrations.RunPython(address_in_parts, address_in_one_text),
        migrations.RunPython(revisions_in_parts, revisions_in_one_text),
        migrations.RemoveField(
            model_name="eventpage",
            name="venue_address",
        ),
    ]
