"""``manage.py import_organisations FILE.csv``: fill or update the organisation register.

The format is described in docs/organisations-csv.md. Each row is checked like the admin
checks it (``full_clean``); a row with a problem is reported by its line number and skipped,
the others are saved. ``--dry-run`` does the same work in a transaction that is rolled back.
"""

import csv
import io
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction

from members.models import Organisation, Province
from members.organisations import unique_slug

# CSV column -> model field.
COLUMNS = {
    "naam": "name",
    "soort": "kind",
    "code": "identifier",
    "provincie": "province",
    "website": "website",
    "breedtegraad": "latitude",
    "lengtegraad": "longitude",
    "beschrijving": "description",
}
REQUIRED_COLUMNS = ["naam", "soort"]
PRECISION = Decimal("0.00001")
FIELD_COLUMNS = {field: column for column, field in COLUMNS.items()}
FIELD_COLUMNS["slug"] = "naam"


class RowError(Exception):
    """A problem with one row, in Dutch, for the report."""


def choice_lookup(choices):
    """Accept a choice by its value or its Dutch label, in any case."""
    lookup = {}
    for value, label in choices:
        lookup[value.lower()] = value
        lookup[str(label).lower()] = value
    return lookup


def read_rows(path):
    """The header and the rows of ``path`` as dicts, with the delimiter sniffed."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise CommandError(f"Het bestand {path} bestaat niet.") from None
    except IsADirectoryError:
        raise CommandError(f"{path} is een map, geen bestand.") from None
    except OSError as error:
        raise CommandError(
            f"Het bestand {path} kan niet worden gelezen: {error.strerror}."
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"Het bestand {path} is niet in UTF-8 opgeslagen (fout bij byte {error.start}). "
            "Sla het op als ‘CSV UTF-8’ en probeer het opnieuw."
        ) from None
    if not text.strip():
        raise CommandError(f"Het bestand {path} is leeg.")
    first_line = text.lstrip().splitlines()[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=";,")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise CommandError(
            "De kopregel mist de kolom(men) "
            + ", ".join(missing)
            + ". Verplicht zijn: "
            + ", ".join(REQUIRED_COLUMNS)
            + f". Gevonden: {', '.join(name for name in header if name) or 'niets'}."
        )
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise CommandError(
            "Onbekende kolom(men) in de kopregel: "
            + ", ".join(name or "(leeg)" for name in unknown)
            + ". Toegestaan: "
            + ", ".join(COLUMNS)
            + "."
        )
    return header, reader


def parse_decimal(value, column):
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise RowError(f"{column}: ‘{value}’ is geen getal (bijvoorbeeld 52,37403).")
    return number.quantize(PRECISION)  # five decimals: about a metre, as the model keeps it


def describe(error):
    """A model ValidationError as one Dutch line, naming the CSV columns."""
    parts = []
    for field, messages in error.message_dict.items():
        column = FIELD_COLUMNS.get(field)
        text = " ".join(str(message) for message in messages)
        parts.append(f"{column}: {text}" if column else text)
    return "; ".join(parts)


class Command(BaseCommand):
    help = (
        "Importeer organisaties uit een CSV-bestand (UTF-8, ; of , gescheiden) met de kolommen "
        "naam, soort, code, provincie, website, breedtegraad, lengtegraad, beschrijving. "
        "Bestaande organisaties worden bijgewerkt (gevonden op code, anders op naam). "
        "Zie docs/organisations-csv.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Het CSV-bestand.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Controleer en tel alles, maar sla niets op.",
        )

    def handle(self, *args, file, dry_run, **options):
        header, reader = read_rows(file)
        self.kinds = choice_lookup(Organisation.Kind.choices)
        self.provinces = choice_lookup(Province.choices)
        self.taken_slugs = set()
        counts = {"nieuw": 0, "bijgewerkt": 0, "overgeslagen": 0}
        try:
            with transaction.atomic():
                for row in self.rows(reader):
                    line, values = row
                    label = values.get("naam") or "zonder naam"
                    try:
                        outcome = self.import_row(values)
                    except RowError as problem:
                        counts["overgeslagen"] += 1
                        self.stderr.write(f"Regel {line} ({label}): {problem} Overgeslagen.")
                    else:
                        counts[outcome] += 1
                if dry_run:
                    transaction.set_rollback(True)
        except csv.Error as error:
            raise CommandError(
                f"Het bestand is geen leesbaar CSV-bestand (regel {reader.line_num}): {error}."
            ) from None
        summary = (
            f"Nieuw: {counts['nieuw']}, bijgewerkt: {counts['bijgewerkt']}, "
            f"overgeslagen: {counts['overgeslagen']}."
        )
        if dry_run:
            summary = f"Proefrun, er is niets opgeslagen. {summary}"
        self.stdout.write(self.style.SUCCESS(summary))

    def rows(self, reader):
        for values in reader:
            line = reader.line_num
            if None in values:
                yield line, {"naam": (values.get("naam") or "").strip(), "__extra__": True}
                continue
            cleaned = {column: (value or "").strip() for column, value in values.items()}
            if not any(cleaned.values()):
                continue  # an empty line
            yield line, cleaned

    def import_row(self, values):
        if values.get("__extra__"):
            raise RowError("deze regel heeft meer cellen dan de kopregel kolommen heeft.")
        name = " ".join(values.get("naam", "").split())
        if not name:
            raise RowError("naam: vul de naam van de organisatie in.")
        fields = self.fields_of(values)
        code = fields.get("identifier", "")
        organisation = None
        if code:
            organisation = Organisation.objects.filter(identifier__iexact=code).first()
        if organisation is None:
            organisation = Organisation.objects.filter(name__iexact=name).first()
            if organisation is not None and code and organisation.identifier not in ("", code):
                raise RowError(
                    f"naam: {organisation.name} staat al in het register, met code "
                    f"{organisation.identifier} en niet {code}."
                )
        created = organisation is None
        if created:
            organisation = Organisation()
        organisation.name = name
        for field, value in fields.items():
            if value not in ("", None):  # an empty cell keeps what is there
                setattr(organisation, field, value)
        if created:
            organisation.slug = unique_slug(name, self.taken_slugs)
        try:
            organisation.full_clean()
            with transaction.atomic():
                organisation.save()
        except ValidationError as error:
            raise RowError(describe(error) + ".") from None
        except IntegrityError:
            raise RowError(
                "deze organisatie botst met een andere (naam of code al in gebruik)."
            ) from None
        return "nieuw" if created else "bijgewerkt"

    def fields_of(self, values):
        fields = {}
        kind = values.get("soort", "")
        if not kind:
            raise RowError("soort: vul de soort in, bijvoorbeeld gemeente of waterschap.")
        if kind.lower() not in self.kinds:
            raise RowError(
                f"soort: ‘{kind}’ kennen we niet. Kies uit: "
                + ", ".join(value for value, _label in Organisation.Kind.choices)
                + "."
            )
        fields["kind"] = self.kinds[kind.lower()]
        province = values.get("provincie", "")
        if province:
            if province.lower() not in self.provinces:
                raise RowError(f"provincie: ‘{province}’ is geen provincie.")
            fields["province"] = self.provinces[province.lower()]
        fields["identifier"] = values.get("code", "").upper()
        fields["website"] = values.get("website", "")
        fields["description"] = values.get("beschrijving", "")
        for column in ("breedtegraad", "lengtegraad"):
            if values.get(column):
                fields[COLUMNS[column]] = parse_decimal(values[column], column)
        return fields
