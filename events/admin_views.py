"""Wagtail admin views for organisers: the registrations of an event, CSV and XLSX export, add
and remove.

Who may see an event's registrations: whoever may edit the event page. Editors and superusers
may edit every event; organisers only the events of their own networks and organisation
(``events.permissions``), so every view here starts from ``event_for_editing`` or
``manageable_events``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from vakgenoten.params import int_param

from .exports import (
    XLSX_CONTENT_TYPE,
    AttendeeTable,
    export_filename,
    organisation_of,
    with_answers_and_sessions,
    write_csv,
    xlsx_bytes,
)
from .exports import (
    with_people as _with_people,
)
from .forms import ManualRegistrationForm
from .models import EventPage, Registration
from .permissions import manageable_events
from .registration import RegistrationRefused, cancel, register

PER_PAGE = 50
MAX_QUESTION_COLUMNS = 3


def event_for_editing(request, page_id):
    """The event, when this user may edit it (the organisers' rule included); 404 or 403."""
    event = get_object_or_404(EventPage, pk=page_id)
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return event


def events_overview(request):
    """The events this user may edit, soonest first, with their number of registrations."""
    now = timezone.now()
    show_past = request.GET.get("voorbij") == "1"
    events = manageable_events(request.user)
    events = (
        events.filter(end__lt=now).order_by("-start")
        if show_past
        else events.filter(end__gte=now).order_by("start")
    )
    events = events.annotate(
        registered_count=Count("registrations", filter=Q(registrations__status="registered")),
        waiting_count=Count("registrations", filter=Q(registrations__status="waiting")),
    )
    page_obj = Paginator(events, PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "events/admin/events_overview.html",
        {
            "page_title": _("Aanmeldingen"),
            "header_icon": "group",
            "page_obj": page_obj,
            "events": page_obj.object_list,
            "show_past": show_past,
        },
    )


CHECKED_IN_CHOICES = {"ja": True, "nee": False}


def _filtered(request, event, table):
    """The registrations the filters ask for, and the filters as understood (unknown values
    are ignored, never an error): status, session and checked in yes/no."""
    registrations = event.registrations.all()
    status = request.GET.get("status", "")
    if status in Registration.Status.values:
        registrations = registrations.filter(status=status)
    else:
        status = ""
        registrations = registrations.exclude(status=Registration.Status.CANCELLED)
    session = _session_from(request, table)
    if session is not None:
        registrations = registrations.filter(session_choices__session=session)
    checked_in = request.GET.get("aanwezig", "")
    if checked_in in CHECKED_IN_CHOICES:
        registrations = registrations.filter(
            checked_in_at__isnull=not CHECKED_IN_CHOICES[checked_in]
        )
    else:
        checked_in = ""
    filters = {"status": status, "session": session, "checked_in": checked_in}
    return registrations.order_by("status", "created_at", "pk"), filters


def _session_from(request, table):
    """The session named by ``?sessie=``, if it is one of this event's."""
    number = int_param(request.GET, "sessie")
    return next((session for session in table.sessions if session.pk == number), None)


def registrations_index(request, page_id):
    event = event_for_editing(request, page_id)
    table = AttendeeTable(event)
    registrations, filters = _filtered(request, event, table)
    page_obj = Paginator(with_answers_and_sessions(registrations), PER_PAGE).get_page(
        request.GET.get("p")
    )
    # A column per question while that stays readable; more questions make one compact list.
    answers_in_columns = len(table.questions) <= MAX_QUESTION_COLUMNS
    return render(
        request,
        "events/admin/registrations_index.html",
        {
            "page_title": _("Aanmeldingen"),
            "page_subtitle": event.title,
            "header_icon": "group",
            "event": event,
            "counts": event.registration_counts(),
            "page_obj": page_obj,
            "rows": [table.row(registration) for registration in page_obj.object_list],
            "table": table,
            "answers_in_columns": answers_in_columns,
            "sessions": table.sessions,
            "filters": filters,
            "filtered": any(filters.values()),
            "status": filters["status"],
            "statuses": Registration.Status.choices,
        },
    )


def _file_response(content_type, filename):
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _export_scope(request, event, table):
    """All registrations of the event (cancelled ones included), or with ``?sessie=`` the
    attendee list of that one session (without those who cancelled)."""
    session = _session_from(request, table)
    registrations = event.registrations.all()
    if session is not None:
        registrations = registrations.filter(session_choices__session=session).exclude(
            status=Registration.Status.CANCELLED
        )
    return registrations.order_by("status", "created_at", "pk"), session


def registrations_csv(request, page_id):
    """The attendee list for a spreadsheet: every column of the page, one per session slot and
    one per question, in UTF-8 with a byte-order mark so Excel reads it as such.

    The e-mail address is included because organisers must be able to reach the people who
    come (changes, the online link, the attendance list).
    """
    event = event_for_editing(request, page_id)
    table = AttendeeTable(event)
    registrations, session = _export_scope(request, event, table)
    response = _file_response("text/csv; charset=utf-8", export_filename(event, "csv", session))
    response.write("\ufeff")  # so Excel reads the file as UTF-8
    write_csv(table, registrations, response)
    return response


def registrations_xlsx(request, page_id):
    """The same list as the CSV, as an Excel workbook (dates as dates, seats as numbers)."""
    event = event_for_editing(request, page_id)
    table = AttendeeTable(event)
    registrations, session = _export_scope(request, event, table)
    response = _file_response(XLSX_CONTENT_TYPE, export_filename(event, "xlsx", session))
    response.write(xlsx_bytes(table, registrations, session.title if session else event.title))
    return response


def registration_add(request, page_id):
    """Register someone by hand: a member by e-mail address, or a guest by name."""
    event = event_for_editing(request, page_id)
    if request.method == "POST":
        form = ManualRegistrationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            member = data["member"]
            try:
                outcome = register(
                    event,
                    user=member,
                    guest_name="" if member else data["name"].strip(),
                    guest_email="" if member else data["email"],
                    guest_organisation="" if member else data["organisation"].strip(),
                    remark=data["remark"].strip(),
                    added_by=request.user,
                    notify=data["send_confirmation"],
                )
            except RegistrationRefused:
                form.add_error("email", _("Deze persoon is al aangemeld voor dit evenement."))
            else:
                registration = outcome.registration
                if registration.status == Registration.Status.REGISTERED:
                    messages.success(
                        request,
                        _("%(name)s is aangemeld.") % {"name": registration.display_name},
                    )
                else:
                    messages.warning(
                        request,
                        _("Het evenement is vol. %(name)s staat op de wachtlijst.")
                        % {"name": registration.display_name},
                    )
                return redirect("events_admin:registrations", page_id=event.pk)
    else:
        form = ManualRegistrationForm()
    return render(
        request,
        "events/admin/registration_add.html",
        {
            "page_title": _("Iemand aanmelden"),
            "page_subtitle": event.title,
            "header_icon": "user",
            "event": event,
            "form": form,
        },
    )


def registration_cancel(request, page_id, registration_id):
    """Ask first, then cancel: a GET shows what will happen, only a POST cancels."""
    event = event_for_editing(request, page_id)
    registration = get_object_or_404(_with_people(event.registrations.all()), pk=registration_id)
    back = redirect("events_admin:registrations", page_id=event.pk)
    if registration.status == Registration.Status.CANCELLED:
        messages.info(request, _("%(name)s was al afgemeld.") % {"name": registration.display_name})
        return back
    if request.method == "POST":
        cancel(registration)
        messages.success(
            request,
            _("%(name)s is afgemeld voor %(event)s.")
            % {"name": registration.display_name, "event": event.title},
        )
        return back
    return render(
        request,
        "events/admin/registration_cancel.html",
        {
            "page_title": _("Afmelden"),
            "page_subtitle": event.title,
            "header_icon": "group",
            "event": event,
            "registration": registration,
            "organisation": organisation_of(registration),
            "promotes_waiting": registration.status == Registration.Status.REGISTERED
            and event.registrations.filter(status=Registration.Status.WAITING).exists(),
        },
    )
