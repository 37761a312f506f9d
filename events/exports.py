"""An event's attendee list as one table: the rows of the admin page, the CSV and the XLSX file.

Every column is worked out in one place (``AttendeeTable``) so the page and both files always
agree: who, their status and seat, the session they chose in each time slot, their answer to
each registration question, whether they were checked in at the door, and their code.

Queries stay constant whatever the size of the event: the sessions and questions are read once,
and the answers and session choices of the registrations are prefetched (per chunk of
``CHUNK_SIZE`` registrations when a file is written, so a congress of thousands is never held in
memory at once).
"""

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.utils import dateformat, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .forms import NO, YES
from .models import Registration, RegistrationAnswer, RegistrationQuestion, SessionChoice
from .sessions import sessions_with_seats, slots_of

CHUNK_SIZE = 500
TIME = "G.i"  # "9.12", as the event pages write times
DATE_TIME = "%d-%m-%Y %H:%M"  # the CSV's dates, as they always were
XLSX_DATE_TIME = "dd-mm-yyyy hh:mm"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text for a cell that a spreadsheet program will never run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def with_people(queryset):
    """Registrations with the member, their profile and organisation: lists, exports, check-in."""
    return queryset.select_related("user", "user__profile", "user__profile__organisation")


def organisation_of(registration):
    """The organisation shown for a registration: the member's own, or what was entered."""
    if registration.user_id:
        profile = getattr(registration.user, "profile", None)
        organisation = getattr(profile, "organisation", None)
        if organisation:
            return str(organisation)
    return registration.guest_organisation


def with_answers_and_sessions(queryset):
    """Registrations with their answers and session choices: two queries for any number."""
    return with_people(queryset).prefetch_related(
        Prefetch(
            "answers",
            queryset=RegistrationAnswer.objects.only("registration_id", "question_id", "value"),
        ),
        Prefetch(
            "session_choices",
            queryset=SessionChoice.objects.only("registration_id", "session_id", "slot", "seat"),
        ),
    )


def answer_text(question, value):
    """An answer as it reads in the list: a yes/no question says "ja" or "nee" (the form
    stores ``forms.YES`` or ``forms.NO`` whatever the language)."""
    if question.kind == RegistrationQuestion.Kind.YES_NO:
        return {YES: _("ja"), NO: _("nee")}.get(value, value or "")
    return value or ""


def checked_in_text(registration, event):
    """ "aanwezig om 9.12"; with the day when it was not the first day of the event."""
    if registration.checked_in_at is None:
        return ""
    moment = timezone.localtime(registration.checked_in_at)
    time = dateformat.format(moment, TIME)
    if moment.date() == timezone.localtime(event.start).date():
        return _("aanwezig om %(time)s") % {"time": time}
    return _("aanwezig op %(day)s om %(time)s") % {
        "day": dateformat.format(moment, "j N"),
        "time": time,
    }


def slot_header(slot, with_day):
    """A time slot's column: "Sessie 9.12", with the day when the sessions span days."""
    moment = timezone.localtime(slot.starts_at)
    when = dateformat.format(moment, f"D j N {TIME}" if with_day else TIME)
    return _("Sessie %(when)s") % {"when": when}


@dataclass
class AttendeeRow:
    registration: Registration
    organisation: str
    sessions: list  # one entry per slot: the chosen EventSession, or None
    answers: list  # one entry per question: the answer as text ("" when not answered)
    questions_and_answers: list  # (question, answer) for every question
    checked_in: str  # "aanwezig om 9.12", or "" when not (yet) checked in

    @property
    def chosen_sessions(self):
        return [session for session in self.sessions if session is not None]

    @property
    def answered(self):
        """(question, answer) for the questions this person answered: the compact list."""
        return [(question, answer) for question, answer in self.questions_and_answers if answer]


class AttendeeTable:
    """The columns of an event's attendee list, and its rows for any set of registrations."""

    def __init__(self, event):
        self.event = event
        self.sessions = sessions_with_seats(event)
        self.questions = list(event.questions.order_by("sort_order", "pk"))
        self.slots = slots_of(self.sessions)
        self._session_by_pk = {session.pk: session for session in self.sessions}
        self._slot_index = {slot.starts_at: index for index, slot in enumerate(self.slots)}
        start = timezone.localtime(event.start).date()
        self._slots_need_day = any(
            timezone.localtime(slot.starts_at).date() != start for slot in self.slots
        )

    # Columns ---------------------------------------------------------------------------------

    def slot_headers(self):
        return [slot_header(slot, self._slots_need_day) for slot in self.slots]

    def file_header(self):
        """The columns of the CSV and XLSX files. The first eight are the ones the CSV always
        had, in the same order, so spreadsheets built on it keep working."""
        return [
            _("Naam"),
            _("Organisatie"),
            _("E-mailadres"),
            _("Status"),
            _("Plaats"),
            _("Opmerking"),
            _("Aangemeld op"),
            _("Soort"),
            *self.slot_headers(),
            *[question.label for question in self.questions],
            _("Aanwezig gemeld op"),
            _("Code"),
        ]

    # Rows ------------------------------------------------------------------------------------

    def row(self, registration):
        """One person: needs ``with_answers_and_sessions`` (or the same prefetches)."""
        sessions = [None] * len(self.slots)
        for choice in registration.session_choices.all():
            session = self._session_by_pk.get(choice.session_id)
            if session is not None:
                sessions[self._slot_index[session.starts_at]] = session
        by_question = {answer.question_id: answer.value for answer in registration.answers.all()}
        answers = [
            answer_text(question, by_question.get(question.pk, "")) for question in self.questions
        ]
        return AttendeeRow(
            registration=registration,
            organisation=organisation_of(registration),
            sessions=sessions,
            answers=answers,
            questions_and_answers=list(zip(self.questions, answers, strict=True)),
            checked_in=checked_in_text(registration, self.event),
        )

    def rows(self, registrations):
        """Rows for a queryset of registrations, read ``CHUNK_SIZE`` at a time."""
        queryset = with_answers_and_sessions(registrations)
        for registration in queryset.iterator(chunk_size=CHUNK_SIZE):
            yield self.row(registration)

    def file_values(self, row):
        """A row's cells for a file, the dates as datetimes (the CSV writes them as text)."""
        registration = row.registration
        return [
            registration.display_name,
            row.organisation,
            registration.email,
            registration.get_status_display(),
            registration.seat,
            registration.remark,
            _local_naive(registration.created_at),
            _("gast") if registration.is_guest else _("lid"),
            *[session.title if session else "" for session in row.sessions],
            *row.answers,
            _local_naive(registration.checked_in_at),
            registration.code,
        ]


def _local_naive(moment):
    """Amsterdam time without a time zone: spreadsheets know no time zones."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None)


# Files -----------------------------------------------------------------------------------------


def export_filename(event, extension, session=None):
    """ "aanmeldingen-<event slug>.csv", or with "-<session>" for one session's list."""
    name = f"aanmeldingen-{event.slug or event.pk}"
    if session is not None:
        name += f"-{slugify(session.title)[:50] or session.pk}"
    return f"{name[:100]}.{extension}"


def write_csv(table, registrations, out):
    """Semicolons (what Dutch Excel expects), text made safe against formulas."""
    writer = csv.writer(out, delimiter=";")
    writer.writerow([spreadsheet_safe(header) for header in table.file_header()])
    for row in table.rows(registrations):
        writer.writerow([spreadsheet_safe(_csv_text(value)) for value in table.file_values(row)])


def _csv_text(value):
    return value.strftime(DATE_TIME) if isinstance(value, datetime) else value


def xlsx_bytes(table, registrations, title):
    """The workbook as bytes. openpyxl's write-only mode writes rows to disk as they come, so
    a large event is never held in memory as a whole."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_xlsx_sheet_title(title))
    sheet.freeze_panes = "B2"
    header = []
    for text in table.file_header():
        cell = WriteOnlyCell(sheet, value=_xlsx_text(spreadsheet_safe(text), ILLEGAL_CHARACTERS_RE))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in table.rows(registrations):
        cells = []
        for value in table.file_values(row):
            if value is None or value == "":
                cell = WriteOnlyCell(sheet, value=None)
            elif isinstance(value, datetime):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = XLSX_DATE_TIME
            elif isinstance(value, int):
                cell = WriteOnlyCell(sheet, value=value)
            else:
                text = _xlsx_text(spreadsheet_safe(value), ILLEGAL_CHARACTERS_RE)
                cell = WriteOnlyCell(sheet, value=text)
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_text(text, illegal):
    """Without the control characters an XLSX file may not hold (openpyxl refuses them)."""
    return illegal.sub("", text)


def _xlsx_sheet_title(title):
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip(" '")
    return cleaned[:31] or _("Aanmeldingen")
