"""``manage.py import_organisations``: the register from a CSV file, with a report per line."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from members.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "organisations-example.csv"


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_organisations", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def csv_file(tmp_path, text, encoding="utf-8", name="organisaties.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_editor_imports_the_example_file():
    out, err = run(EXAMPLE)
    assert err == ""
    assert "Nieuw: 5, bijgewerkt: 0, overgeslagen: 0." in out
    oudewater = Organisation.objects.get(identifier="GM9901")
    assert oudewater.name == "Gemeente Oudewater aan de Vaart"
    assert oudewater.kind == Organisation.Kind.MUNICIPALITY
    assert oudewater.province == "utrecht"
    assert oudewater.latitude == Decimal("52.02500")
    assert oudewater.longitude == Decimal("4.86800")
    assert oudewater.slug == "gemeente-oudewater-aan-de-vaart"
    regeling = Organisation.objects.get(name="Samenwerking Sociaal Domein Zuidrand")
    assert regeling.kind == Organisation.Kind.JOINT_ARRANGEMENT
    assert regeling.province == "noord-brabant"
    assert Organisation.objects.get(name="Vereniging Fictieve Griffiers").kind == "vereniging"


def test_comma_separated_file_with_labels_in_any_case_and_a_bom(tmp_path):
    path = csv_file(
        tmp_path,
        "\ufeffNaam,Soort,Provincie,Breedtegraad,Lengtegraad\n"
        'Waterschap Hoog en Droog,WATERSCHAP,noord-HOLLAND,"52,5","4,75"\n',
    )
    out, _err = run(path)
    assert "Nieuw: 1" in out
    board = Organisation.objects.get(name="Waterschap Hoog en Droog")
    assert board.kind == "waterschap"
    assert board.province == "noord-holland"
    assert board.latitude == Decimal("52.50000")


def test_import_updates_on_code_and_keeps_what_an_empty_cell_leaves_out(tmp_path):
    existing = OrganisationFactory(
        name="Gemeente Oud", slug="gemeente-oud", identifier="GM9999", website="https://oud.example"
    )
    path = csv_file(tmp_path, "naam;soort;code;website\nGemeente Nieuw;gemeente;gm9999;\n")
    out, _err = run(path)
    assert "Nieuw: 0, bijgewerkt: 1, overgeslagen: 0." in out
    existing.refresh_from_db()
    assert existing.name == "Gemeente Nieuw"
    assert existing.slug == "gemeente-oud"  # the address stays
    assert existing.website == "https://oud.example"


def test_import_updates_on_name_when_there_is_no_code(tmp_path):
    existing = OrganisationFactory(name="Provincie Test", slug="provincie-test")
    path = csv_file(tmp_path, "naam;soort;provincie\nprovincie test;Provincie;Zeeland\n")
    out, _err = run(path)
    assert "bijgewerkt: 1" in out
    existing.refresh_from_db()
    assert (existing.kind, existing.province) == ("provincie", "zeeland")
    assert Organisation.objects.filter(name__iexact="provincie test").count() == 1


def test_new_organisations_get_unique_slugs(tmp_path):
    OrganisationFactory(name="Gemeente Dubbel (oud)", slug="gemeente-dubbel")
    path = csv_file(tmp_path, "naam;soort\nGemeente Dubbel;gemeente\nGemeente  Dubbel!;gemeente\n")
    out, err = run(path)
    # Both names make the slug "gemeente-dubbel", which the existing organisation has.
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert {"gemeente-dubbel", "gemeente-dubbel-2", "gemeente-dubbel-3"} <= slugs
    assert "Nieuw: 2" in out, err


def test_bad_rows_are_reported_in_dutch_per_line_and_skipped(tmp_path):
    OrganisationFactory(name="Gemeente Bezet", slug="gemeente-bezet", identifier="GM0001")
    path = csv_file(
        tmp_path,
        "naam;soort;code;provincie;website;breedtegraad;lengtegraad\n"
        "Gemeente Goed;gemeente;;;;;\n"  # line 2
        "Gemeente Kwijt;stadstaat;;;;;\n"  # line 3
        "Gemeente Nergens;gemeente;;Zuid-Limburg;;;\n"  # line 4
        "Gemeente Half;gemeente;;;;52,1;\n"  # line 5
        "Gemeente Tekst;gemeente;;;;noord;5\n"  # line 6
        ";gemeente;;;;;\n"  # line 7
        "Gemeente Link;gemeente;;;geen adres;;\n"  # line 8
        "Gemeente Anders;gemeente;GM0001;;;;\n"  # line 9: found on its code, renamed
        "Gemeente Bezet;gemeente;GM0002;;;;\n",  # line 10: the old name is free again: new
    )
    out, err = run(path)
    assert "Regel 3 (Gemeente Kwijt): soort: ‘stadstaat’ kennen we niet." in err
    assert "Regel 4 (Gemeente Nergens): provincie: ‘Zuid-Limburg’ is geen provincie." in err
    assert "Regel 5 (Gemeente Half):" in err and "allebei" in err
    assert "Regel 6 (Gemeente Tekst): breedtegraad: ‘noord’ is geen getal" in err
    assert "Regel 7 (zonder naam): naam: vul de naam van de organisatie in." in err
    assert "Regel 8 (Gemeente Link): website:" in err
    assert "Traceback" not in err
    assert err.count("Overgeslagen.") == 6
    assert "Nieuw: 2, bijgewerkt: 1, overgeslagen: 6." in out
    assert set(Organisation.objects.values_list("name", flat=True)) == {
        "Gemeente Goed",
        "Gemeente Anders",
        "Gemeente Bezet",
    }


def test_a_name_in_the_register_with_another_code_is_not_overwritten(tmp_path):
    existing = OrganisationFactory(name="Gemeente Een", slug="gemeente-een", identifier="GM0001")
    path = csv_file(tmp_path, "naam;soort;code\nGemeente Een;gemeente;GM0002\n")
    out, err = run(path)
    assert (
        "Regel 2 (Gemeente Een): naam: Gemeente Een staat al in het register, met code GM0001"
        in err
    )
    assert "overgeslagen: 1" in out
    existing.refresh_from_db()
    assert existing.identifier == "GM0001"


def test_a_row_with_more_cells_than_columns_is_skipped(tmp_path):
    path = csv_file(
        tmp_path, "naam;soort\nGemeente Extra;gemeente;te veel\nGemeente Goed;gemeente\n"
    )
    out, err = run(path)
    assert "Regel 2 (Gemeente Extra): deze regel heeft meer cellen" in err
    assert "Nieuw: 1, bijgewerkt: 0, overgeslagen: 1." in out


def test_dry_run_changes_nothing_but_reports_the_same(tmp_path):
    existing = OrganisationFactory(name="Gemeente Blijft", slug="gemeente-blijft")
    path = csv_file(
        tmp_path,
        "naam;soort;provincie\nGemeente Blijft;gemeente;Drenthe\nGemeente Nieuw;gemeente;\n"
        "Gemeente Fout;onzin;\n",
    )
    out, err = run(path, "--dry-run")
    assert "Proefrun, er is niets opgeslagen. Nieuw: 1, bijgewerkt: 1, overgeslagen: 1." in out
    assert "Regel 4 (Gemeente Fout)" in err
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Gemeente Blijft"]
    existing.refresh_from_db()
    assert existing.province == ""


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "bestaat niet"),
        ("naam;soort\nGemeente Één;gemeente\n".encode("latin-1"), "niet in UTF-8"),
        (b"", "is leeg"),
        (b"naam;code\nGemeente X;GM1\n", "De kopregel mist de kolom(men) soort"),
        (b"naam;soort;provinice\nGemeente X;gemeente;Drenthe\n", "Onbekende kolom(men)"),
    ],
)
def test_a_bad_file_stops_with_a_dutch_message_and_no_traceback(tmp_path, content, message):
    path = tmp_path / "organisaties.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(path)
    assert not Organisation.objects.exists()


def test_a_directory_is_not_a_file(tmp_path):
    with pytest.raises(CommandError, match="is een map"):
        run(tmp_path)
