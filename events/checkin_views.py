"""The organiser's check-in page: type or scan a code, see the person, record attendance.

Whoever may edit the event may check people in (``events.permissions``, as in the admin's
registrations pages). A GET never changes anything: the QR code opens the page with the code
filled in and one big button; only the POST behind that button records attendance. After each
POST the page redirects back (the browser's back button and reloading repeat nothing).
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models.functions import Coalesce, Lower
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from .admin_views import event_for_editing
from .checkin import (
    attendance_counts,
    check_in,
    display_code,
    normalise_code,
    search_by_name,
    time_text,
    undo_check_in,
)
from .exports import organisation_of, with_people
from .models import Registration

PER_PAGE = 100
CHECK_IN = "aanwezig"
UNDO = "ongedaan"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=40,
        help_text=gettext_lazy(
            "De acht tekens onder de QR-code. Hoofdletters, spaties en streepjes maken niet uit."
        ),
        error_messages={"required": gettext_lazy("Vul de code in.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "checkin-form__code",
            }
        ),
    )

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])


@dataclass
class Lookup:
    """What a code stands for on this event's page; ``problem`` says why it cannot be checked
    in (shown as a warning), ``registration`` is None when the person may not be shown."""

    code: str
    registration: Registration | None = None
    organisation: str = ""
    problem: str = ""

    @property
    def can_check_in(self):
        return (
            self.registration is not None
            and not self.problem
            and self.registration.checked_in_at is None
        )

    @property
    def checked_in_text(self):
        if self.registration is None or self.registration.checked_in_at is None:
            return ""
        return _("Al aanwezig gemeld om %(time)s.") % {
            "time": time_text(self.registration.checked_in_at)
        }


def lookup(event, code):
    """Find the registration behind a code and say whether it can be checked in here."""
    registration = (
        with_people(Registration.objects.filter(code=code)).select_related("checked_in_by").first()
    )
    if registration is None:
        return Lookup(
            code,
            problem=_("De code %(code)s is onbekend. Controleer de letters en cijfers.")
            % {"code": display_code(code)},
        )
    if registration.event_id != event.pk:
        # The person is not shown: the organiser may not manage that other event.
        return Lookup(
            code,
            problem=_(
                "Deze code hoort bij een ander evenement. De persoon is niet aangemeld voor dit "
                "evenement en is niet aanwezig gemeld."
            ),
        )
    found = Lookup(code, registration, organisation_of(registration))
    name = registration.display_name
    if registration.status == Registration.Status.WAITING:
        found.problem = _(
            "%(name)s staat op de wachtlijst en heeft geen plaats. Niet aanwezig gemeld."
        ) % {"name": name}
    elif registration.status == Registration.Status.CANCELLED:
        found.problem = _("%(name)s heeft zich afgemeld. Niet aanwezig gemeld.") % {"name": name}
    return found


def _people(event, query):
    registrations = with_people(
        event.registrations.filter(status=Registration.Status.REGISTERED)
    ).order_by(Lower(Coalesce("user__last_name", "guest_name")), "pk")
    if query:
        registrations = search_by_name(registrations, query)
    return registrations


def _page_url(event, **params):
    url = reverse("events:checkin", args=[event.pk])
    params = {key: value for key, value in params.items() if value}
    return f"{url}?{urlencode(params)}" if params else url


@login_required
@never_cache
def checkin_page(request, event_id):
    event = event_for_editing(request, event_id)
    found = None
    status = 200
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["code"]
            found = lookup(event, code)
            if not found.problem:
                return _act(request, event, found, request.POST.get("actie", CHECK_IN))
            status = 409
        else:
            status = 400
    else:
        form = CodeForm()
        code = normalise_code(request.GET.get("code", ""))
        if code:
            found = lookup(event, code)
    query = request.GET.get("zoek", "").strip()[:100]
    page_obj = Paginator(_people(event, query), PER_PAGE).get_page(request.GET.get("page"))
    response = render(
        request,
        "events/checkin.html",
        {
            "event": event,
            "form": form,
            "found": found,
            "counts": attendance_counts(event),
            "query": query,
            "page_obj": page_obj,
            "people": [
                (registration, organisation_of(registration))
                for registration in page_obj.object_list
            ],
            "check_in_action": CHECK_IN,
            "undo_action": UNDO,
        },
        status=status,
    )
    # The site switches the camera off everywhere; this page may use it to read QR codes.
    response["Permissions-Policy"] = settings.PERMISSIONS_POLICY.replace(
        "camera=()", "camera=(self)"
    )
    return response


def _act(request, event, found, action):
    registration = found.registration
    name = registration.display_name
    if action == UNDO:
        if undo_check_in(registration):
            messages.success(
                request, _("De aanwezigheid van %(name)s is ongedaan gemaakt.") % {"name": name}
            )
        else:
            messages.info(request, _("%(name)s was niet aanwezig gemeld.") % {"name": name})
    else:
        result = check_in(registration, request.user)
        if result is None:  # the registration changed since the lookup
            messages.warning(request, _("%(name)s heeft geen plaats meer.") % {"name": name})
        elif result.newly:
            messages.success(request, _("%(name)s is aanwezig gemeld.") % {"name": name})
        else:
            messages.warning(
                request,
                _("%(name)s was al aanwezig gemeld om %(time)s.")
                % {"name": name, "time": time_text(registration.checked_in_at)},
            )
    return redirect(_page_url(event, code=registration.code))
