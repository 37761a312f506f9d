"""Wagtail admin views for organisers: the registrations of an event, CSV export, add and remove.

Who may see an event's registrations: whoever may edit the event page. Editors and superusers
may edit every event; organisers only the events of their own networks and organisation
(``events.permissions``), so every view here starts from ``_event_for`` or
``manageable_events``.
"""

import csv

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .forms import ManualRegistrationForm
from .models import EventPage, Registration
from .permissions import manageable_events
from .registration import RegistrationRefused, cancel, register

PER_PAGE = 50


def _event_for(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return event


def _with_people(queryset):
    """Registrations with the member, and the member's organisation when profiles have one."""
    queryset = queryset.select_related("user")
    user_model = get_user_model()
    if hasattr(user_model, "profile"):
        queryset = queryset.select_related("user__profile")
        profile_model = user_model.profile.related.related_model
        if any(f.name == "organisation" for f in profile_model._meta.get_fields()):
            queryset = queryset.select_related("user__profile__organisation")
    return queryset


def organisation_of(registration):
    """The organisation shown for a registration: the member's own, or what was entered."""
    if registration.user_id:
        profile = getattr(registration.user, "profile", None)
        organisation = getattr(profile, "organisation", None)
        if organisation:
            return str(organisation)
    return registration.guest_organisation


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


def registrations_index(request, page_id):
    event = _event_for(request, page_id)
    status = request.GET.get("status", "")
    registrations = _with_people(event.registrations.all())
    if status in Registration.Status.values:
        registrations = registrations.filter(status=status)
    else:
        status = ""
        registrations = registrations.exclude(status=Registration.Status.CANCELLED)
    registrations = registrations.order_by("status", "created_at", "pk")
    page_obj = Paginator(registrations, PER_PAGE).get_page(request.GET.get("p"))
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
            "registrations": [
                (registration, organisation_of(registration))
                for registration in page_obj.object_list
            ],
            "status": status,
            "statuses": Registration.Status.choices,
        },
    )


def _csv_safe(value):
    """Keep spreadsheet programs from running a cell as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


CSV_HEADER = [
    "Naam",
    "Organisatie",
    "E-mailadres",
    "Status",
    "Plaats",
    "Opmerking",
    "Aangemeld op",
    "Soort",
]


def registrations_csv(request, page_id):
    """All registrations of one event (cancelled ones included) for a spreadsheet.

    The e-mail address is included because organisers must be able to reach the people who
    come (changes, the online link, the attendance list).
    """
    event = _event_for(request, page_id)
    registrations = _with_people(event.registrations.all()).order_by("status", "created_at", "pk")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"aanmeldingen-{slugify(event.title)[:60] or event.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # so Excel reads the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_HEADER)
    for registration in registrations:
        writer.writerow(
            [
                _csv_safe(value)
                for value in (
                    registration.display_name,
                    organisation_of(registration),
                    registration.email,
                    registration.get_status_display(),
                    registration.seat or "",
                    registration.remark,
                    timezone.localtime(registration.created_at).strftime("%d-%m-%Y %H:%M"),
                    "gast" if registration.is_guest else "lid",
                )
            ]
        )
    return response


def registration_add(request, page_id):
    """Register someone by hand: a member by e-mail address, or a guest by name."""
    event = _event_for(request, page_id)
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
    event = _event_for(request, page_id)
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
