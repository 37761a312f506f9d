"""Organisers download the attendee list as CSV or Excel: a column per session slot and per
question, check-in and code, safe against formulas, in a constant number of queries."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from events import exports
from events.models import (
    EventSession,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    SessionChoice,
)
from events.registration import register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
REFUSED = (302, 403, 404)


def at(hour, minute=0, day=12):
    return datetime(2027, 3, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def congress(make_event):
    """A congress with two parallel workshops at 10.00, one at 14.00 and three questions."""
    event = make_event(
        title="Congres Samen Digitaal",
        slug="congres-samen-digitaal",
        capacity=50,
        start=at(9),
        end=at(17),
    )
    sessions = {
        "ai": EventSession.objects.create(
            event=event, title="AI in de publieke dienst", starts_at=at(10), ends_at=at(11),
            room="Zaal 1", capacity=20, sort_order=0,
        ),
        "privacy": EventSession.objects.create(
            event=event, title="Privacy by design", starts_at=at(10), ends_at=at(11),
            room="Zaal 2", capacity=2, sort_order=1,
        ),
        "data": EventSession.objects.create(
            event=event, title="Datagedreven werken", starts_at=at(14), ends_at=at(15),
            sort_order=2,
        ),
    }  # fmt: skip
    questions = {
        "diet": RegistrationQuestion.objects.create(
            event=event, label="Dieetwensen", kind=RegistrationQuestion.Kind.TEXT, sort_order=0
        ),
        "dinner": RegistrationQuestion.objects.create(
            event=event, label="Blijf je eten?", kind=RegistrationQuestion.Kind.YES_NO, sort_order=1
        ),
        "role": RegistrationQuestion.objects.create(
            event=event,
            label="Functie",
            kind=RegistrationQuestion.Kind.CHOICE,
            choices="Beleid\nUitvoering",
            sort_order=2,
        ),
    }
    event.test_sessions, event.test_questions = sessions, questions
    return event


def choose(registration, session):
    seat = SessionChoice.objects.filter(session=session).count() + 1
    return SessionChoice.objects.create(
        registration=registration, session=session, slot=session.starts_at, seat=seat
    )


def answer(registration, question, value):
    return RegistrationAnswer.objects.create(
        registration=registration, question=question, value=value
    )


@pytest.fixture
def koen(congress):
    member = UserFactory(first_name="Koen", last_name="Smit", email="koen@lindenholt.example")
    registration = register(congress, user=member, remark="Graag vooraan", notify=False)
    registration = registration.registration
    choose(registration, congress.test_sessions["privacy"])
    choose(registration, congress.test_sessions["data"])
    answer(registration, congress.test_questions["diet"], "Vegetarisch")
    answer(registration, congress.test_questions["dinner"], "ja")
    answer(registration, congress.test_questions["role"], "Beleid")
    registration.checked_in_at = at(9, 12)
    registration.save(update_fields=["checked_in_at"])
    return registration


@pytest.fixture
def fatima(congress):
    return register(
        congress,
        guest_name="Fatima El Amrani",
        guest_email="fatima@werkbedrijf.example",
        guest_organisation="Werkbedrijf Noorderkwartier",
        notify=False,
    ).registration


def read_xlsx(response):
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


HEADER = [
    "Naam",
    "Organisatie",
    "E-mailadres",
    "Status",
    "Plaats",
    "Opmerking",
    "Aangemeld op",
    "Soort",
    "Sessie 10.00",
    "Sessie 14.00",
    "Dieetwensen",
    "Blijf je eten?",
    "Functie",
    "Aanwezig gemeld op",
    "Code",
]


def test_excel_export_has_a_column_per_session_slot_and_question(
    organiser_client, congress, koen, fatima
):
    response = organiser_client.get(f"/admin/aanmeldingen/{congress.pk}/xlsx/")
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="aanmeldingen-congres-samen-digitaal.xlsx"'
    )
    assert "no-store" in response["Cache-Control"]
    sheet, rows = read_xlsx(response)
    assert sheet.title == "Congres Samen Digitaal"
    assert rows[0] == HEADER
    by_name = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    assert by_name["Koen Smit"] == {
        "Naam": "Koen Smit",
        "Organisatie": by_name["Koen Smit"]["Organisatie"],  # the factory's own organisation
        "E-mailadres": "koen@lindenholt.example",
        "Status": "Aangemeld",
        "Plaats": koen.seat,
        "Opmerking": "Graag vooraan",
        "Aangemeld op": by_name["Koen Smit"]["Aangemeld op"],  # checked below
        "Soort": "lid",
        "Sessie 10.00": "Privacy by design",
        "Sessie 14.00": "Datagedreven werken",
        "Dieetwensen": "Vegetarisch",
        "Blijf je eten?": "ja",
        "Functie": "Beleid",
        "Aanwezig gemeld op": datetime(2027, 3, 12, 9, 12),
        "Code": koen.code,
    }
    assert isinstance(by_name["Koen Smit"]["Plaats"], int)
    registered_at = koen.created_at.astimezone(AMSTERDAM).replace(tzinfo=None)
    assert abs((by_name["Koen Smit"]["Aangemeld op"] - registered_at).total_seconds()) < 1
    fatima_row = by_name["Fatima El Amrani"]
    assert fatima_row["Organisatie"] == "Werkbedrijf Noorderkwartier"
    assert fatima_row["E-mailadres"] == "fatima@werkbedrijf.example"
    assert fatima_row["Soort"] == "gast"
    assert fatima_row["Sessie 10.00"] is None  # nothing chosen: an empty cell
    assert fatima_row["Dieetwensen"] is None
    assert fatima_row["Aanwezig gemeld op"] is None
    assert fatima_row["Code"] == fatima.code


def test_csv_and_excel_have_the_same_columns_and_values(organiser_client, congress, koen, fatima):
    csv_rows = read_csv(organiser_client.get(f"/admin/aanmeldingen/{congress.pk}/csv/"))
    _sheet, xlsx_rows = read_xlsx(organiser_client.get(f"/admin/aanmeldingen/{congress.pk}/xlsx/"))
    assert csv_rows[0] == xlsx_rows[0] == HEADER
    assert len(csv_rows) == len(xlsx_rows) == 3
    for csv_row, xlsx_row in zip(csv_rows[1:], xlsx_rows[1:], strict=True):
        for text, cell in zip(csv_row, xlsx_row, strict=True):
            if isinstance(cell, datetime):
                assert text == cell.strftime("%d-%m-%Y %H:%M")
            else:
                assert text == ("" if cell is None else str(cell))
    koen_row = next(row for row in csv_rows if row[0] == "Koen Smit")
    assert koen_row[HEADER.index("Aanwezig gemeld op")] == "12-03-2027 09:12"
    assert koen_row[HEADER.index("Sessie 10.00")] == "Privacy by design"


def test_csv_is_utf8_with_a_byte_order_mark_for_excel(organiser_client, congress, fatima):
    response = organiser_client.get(f"/admin/aanmeldingen/{congress.pk}/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    assert response["Content-Disposition"] == (
        'attachment; filename="aanmeldingen-congres-samen-digitaal.csv"'
    )
    assert "Fatima El Amrani" in response.content.decode("utf-8-sig")


def test_no_cell_becomes_a_formula_in_csv_or_excel(organiser_client, congress):
    registration = Registration.objects.create(
        event=congress,
        guest_name="@Gast",
        guest_organisation="+31 Gemeente",
        remark='=HYPERLINK("http://kwaad.example","klik")',
        status=Registration.Status.WAITING,
    )
    answer(registration, congress.test_questions["diet"], "-1+1")
    answer(registration, congress.test_questions["role"], "=1+1")
    RegistrationQuestion.objects.filter(pk=congress.test_questions["diet"].pk).update(label="=kop")

    csv_rows = read_csv(organiser_client.get(f"/admin/aanmeldingen/{congress.pk}/csv/"))
    sheet, xlsx_rows = read_xlsx(organiser_client.get(f"/admin/aanmeldingen/{congress.pk}/xlsx/"))
    for rows in (csv_rows, xlsx_rows):
        header, row = rows[0], rows[1]
        assert "'=kop" in header
        assert row[0] == "'@Gast"
        assert row[1] == "'+31 Gemeente"
        assert row[5] == '\'=HYPERLINK("http://kwaad.example","klik")'
        assert row[header.index("'=kop")] == "'-1+1"
        assert row[header.index("Functie")] == "'=1+1"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_control_characters_do_not_break_the_excel_file(organiser_client, congress):
    Registration.objects.create(
        event=congress,
        guest_name="Joost Bakker",
        remark="Bel\x07 even\x0b terug",
        status=Registration.Status.WAITING,
    )
    response = organiser_client.get(f"/admin/aanmeldingen/{congress.pk}/xlsx/")
    assert response.status_code == 200
    _sheet, rows = read_xlsx(response)
    assert rows[1][5] == "Bel even terug"


def test_yes_no_answers_read_as_ja_or_nee(congress, fatima):
    dinner = congress.test_questions["dinner"]
    for stored, shown in [("Ja", "ja"), ("Nee", "nee"), ("", ""), ("misschien", "misschien")]:
        assert exports.answer_text(dinner, stored) == shown
    assert exports.answer_text(congress.test_questions["diet"], "1") == "1"


def test_a_sessions_own_list_holds_only_who_chose_it(organiser_client, congress, koen, fatima):
    ai = congress.test_sessions["ai"]
    privacy = congress.test_sessions["privacy"]
    choose(fatima, ai)
    gone = register(congress, guest_name="Bram Jansen", notify=False).registration
    choose(gone, privacy)
    gone.status, gone.seat = Registration.Status.CANCELLED, None
    gone.save()

    response = organiser_client.get(f"/admin/aanmeldingen/{congress.pk}/xlsx/?sessie={privacy.pk}")
    assert response["Content-Disposition"] == (
        'attachment; filename="aanmeldingen-congres-samen-digitaal-privacy-by-design.xlsx"'
    )
    sheet, rows = read_xlsx(response)
    assert sheet.title == "Privacy by design"
    assert [row[0] for row in rows[1:]] == ["Koen Smit"]  # not Fatima, not who cancelled

    response = organiser_client.get(f"/admin/aanmeldingen/{congress.pk}/csv/?sessie={ai.pk}")
    assert response["Content-Disposition"].endswith('-ai-in-de-publieke-dienst.csv"')
    assert [row[0] for row in read_csv(response)[1:]] == ["Fatima El Amrani"]


def test_an_unknown_session_exports_the_whole_event(
    organiser_client, congress, other_event, koen, fatima
):
    foreign = EventSession.objects.create(
        event=other_event, title="Elders", starts_at=at(10), ends_at=at(11)
    )
    for value in (str(foreign.pk), "abc", "999999", "%C2%B2", ""):
        response = organiser_client.get(f"/admin/aanmeldingen/{congress.pk}/csv/?sessie={value}")
        assert response.status_code == 200
        assert len(read_csv(response)) == 3


def test_the_whole_export_keeps_cancelled_registrations(organiser_client, congress, koen):
    koen.status, koen.seat = Registration.Status.CANCELLED, None
    koen.save()
    _sheet, rows = read_xlsx(organiser_client.get(f"/admin/aanmeldingen/{congress.pk}/xlsx/"))
    assert rows[1][HEADER.index("Status")] == "Afgemeld"
    assert rows[1][HEADER.index("Plaats")] is None


def test_an_event_without_sessions_or_questions_has_the_basic_columns(organiser_client, event):
    register(event, guest_name="Anouk de Vries", notify=False)
    _sheet, rows = read_xlsx(organiser_client.get(f"/admin/aanmeldingen/{event.pk}/xlsx/"))
    assert rows[0] == [*HEADER[:8], "Aanwezig gemeld op", "Code"]
    assert rows[1][0] == "Anouk de Vries"


def test_sessions_on_another_day_name_the_day_in_their_column(organiser_client, make_event):
    event = make_event(slug="tweedaags", start=at(9), end=at(17, day=13))
    EventSession.objects.create(event=event, title="Dag 1", starts_at=at(10), ends_at=at(11))
    EventSession.objects.create(
        event=event, title="Dag 2", starts_at=at(10, day=13), ends_at=at(11, day=13)
    )
    header = read_csv(organiser_client.get(f"/admin/aanmeldingen/{event.pk}/csv/"))[0]
    assert header[8:10] == ["Sessie vr 12 mrt 10.00", "Sessie za 13 mrt 10.00"]


# Who may download -----------------------------------------------------------------------------


def test_organiser_of_another_network_gets_no_excel_or_csv(organiser_client, other_event):
    Registration.objects.create(event=other_event, guest_name="Geheim Persoon", status="waiting")
    for url in (
        f"/admin/aanmeldingen/{other_event.pk}/xlsx/",
        f"/admin/aanmeldingen/{other_event.pk}/csv/",
        f"/admin/aanmeldingen/{other_event.pk}/xlsx/?sessie=1",
    ):
        response = organiser_client.get(url)
        assert response.status_code in REFUSED  # the admin sends them back to its dashboard
        assert b"Geheim Persoon" not in response.content


def test_anonymous_and_members_get_no_excel(client, congress, fatima):
    url = f"/admin/aanmeldingen/{congress.pk}/xlsx/"
    response = client.get(url)
    assert response.status_code in REFUSED
    assert b"Fatima" not in response.content
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code in REFUSED
    assert b"Fatima" not in response.content


def test_an_editor_downloads_any_events_excel(client, editor, other_event):
    client.force_login(editor)
    response = client.get(f"/admin/aanmeldingen/{other_event.pk}/xlsx/")
    assert response.status_code == 200


# Queries ----------------------------------------------------------------------------------------


def fill(event, count):
    """``count`` members and guests, each with two sessions and three answers."""
    sessions, questions = event.test_sessions, event.test_questions
    for number in range(count):
        if number % 2:
            user = UserFactory()
            registration = Registration.objects.create(event=event, user=user, status="waiting")
        else:
            registration = Registration.objects.create(
                event=event, guest_name=f"Gast {number}", status="waiting"
            )
        choose(registration, sessions["ai"])
        choose(registration, sessions["data"])
        answer(registration, questions["diet"], "Geen")
        answer(registration, questions["dinner"], "nee")
        answer(registration, questions["role"], "Uitvoering")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_exports_take_the_same_queries_for_3_and_40_people(
    organiser_client, congress, kind, django_assert_max_num_queries
):
    url = f"/admin/aanmeldingen/{congress.pk}/{kind}/"
    fill(congress, 3)
    organiser_client.get(url)
    with django_assert_max_num_queries(40) as few:
        organiser_client.get(url)
    fill(congress, 37)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = organiser_client.get(url)
    rows = read_csv(response) if kind == "csv" else read_xlsx(response)[1]
    assert len(rows) == 41
    assert all(row[HEADER.index("Sessie 14.00")] == "Datagedreven werken" for row in rows[1:])


def test_large_lists_are_read_in_chunks_with_their_answers(congress, monkeypatch):
    """A congress of thousands is read a few hundred at a time, prefetching per chunk."""
    monkeypatch.setattr(exports, "CHUNK_SIZE", 4)
    fill(congress, 10)
    table = exports.AttendeeTable(congress)
    rows = list(table.rows(congress.registrations.order_by("pk")))
    assert len(rows) == 10
    assert all(row.answers == ["Geen", "nee", "Uitvoering"] for row in rows)
    assert all(
        [session.title for session in row.chosen_sessions]
        == ["AI in de publieke dienst", "Datagedreven werken"]
        for row in rows
    )


def test_check_in_reads_as_a_time_and_names_the_day_after_the_first(congress, koen):
    assert exports.checked_in_text(koen, congress) == "aanwezig om 9.12"
    koen.checked_in_at = at(8, 45, day=13)
    assert exports.checked_in_text(koen, congress) == "aanwezig op 13 mrt om 8.45"
    koen.checked_in_at = None
    assert exports.checked_in_text(koen, congress) == ""
