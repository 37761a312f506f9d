"""A guest's pages: the form's answer, the confirmation link and the private registration page.

The links hold secrets, so their pages are personal: never cached (``private, no-store``), never
indexed, and no address with the secret leaves the page as a referrer (``strict-origin``: the
site's origin at most; "no-referrer" would make browsers send "Origin: null" with the forms,
which the CSRF check refuses). Opening them is counted per visitor
(``SITE_RATE_LIMITS["guest_link"]``). A link that is unknown, expired or used gets a Dutch page
that says so, never an error.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members.visibility import closed_network_refusal, hidden_by
from vakgenoten import limits

from . import guests, ical
from .certificates import certificate_available
from .forms import GuestRegistrationForm
from .models import EventPage, GuestRequest, Registration
from .registration import cancel
from .views import calendar_response


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "strict-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _guest_event(event_id):
    return get_object_or_404(EventPage.objects.live().public(), pk=event_id)


def _render_event_with_guest_form(request, event, form, status=400):
    """The event page again, with the guest form as it was sent and why it was refused."""
    context = event.get_context(request)
    context["guest_form"] = form
    return TemplateResponse(request, event.get_template(request), context, status=status)


@require_POST
def guest_register(request, event_id):
    """The guest form on an event page: store the request and mail the link to confirm it."""
    event = _guest_event(event_id)
    if request.user.is_authenticated:
        return redirect(f"{event.url}#aanmelden")
    # Only a closed network's approved members may come; a guest is a visitor.
    refused = closed_network_refusal(request, event, offer_sign_in=False)
    if refused is not None:
        return _private(refused)
    form = GuestRegistrationForm(request.POST, event=event)
    form_ok = form.is_valid()
    if not event.guests_may_register:
        # The page no longer shows the guest form (the organiser closed it meanwhile).
        messages.error(request, _("Voor dit evenement kunnen alleen leden zich aanmelden."))
        return redirect(f"{event.url}#aanmelden")
    problem = event.registration_closed_reason()
    if problem is not None:
        form.add_error(None, problem)
        return _render_event_with_guest_form(request, event, form)
    if not limits.allow(request, "guest_registration"):
        form.add_error(
            None,
            _(
                "Er zijn vanaf dit adres te veel aanmeldingen verstuurd. Probeer het over %(wait)s "
                "opnieuw."
            )
            % {"wait": limits.window_text("guest_registration")},
        )
        return _render_event_with_guest_form(request, event, form, status=429)
    if not form_ok:
        return _render_event_with_guest_form(request, event, form)
    # A filled-in honeypot, or an address that had its share of e-mails this hour: the same
    # answer as always, without an e-mail (so the answer tells nothing about either).
    if not form.is_spam() and limits.allow(
        request, "guest_registration_address", key=form.cleaned_data["email"].lower()
    ):
        guests.request_registration(event, form)
    return redirect("events:guest_requested", event_id=event.pk)


@require_GET
def guest_requested(request, event_id):
    event = _guest_event(event_id)
    return _private(TemplateResponse(request, "events/guests/requested.html", {"event": event}))


def _link_page(request, reason, status, event=None):
    return _private(
        TemplateResponse(
            request,
            "events/guests/link_status.html",
            {
                "reason": reason,
                "event": event,
                "wait": limits.window_text("guest_link"),
                "hours": settings.GUEST_REQUEST_LINK_HOURS,
            },
            status=status,
        )
    )


@require_http_methods(["GET", "POST"])
def guest_confirm(request, token):
    """GET shows the event and a button; only the POST (the button) registers the guest."""
    if not limits.allow(request, "guest_link"):
        return _link_page(request, "limited", 429)
    guest_request = (
        GuestRequest.objects.select_related("event", "registration").filter(token=token).first()
    )
    if guest_request is None:
        return _link_page(request, "invalid", 404)
    event = guest_request.event
    if guest_request.confirmed_at is None and guests.link_is_expired(guest_request):
        return _link_page(request, "expired", 410, event)
    if guest_request.confirmed_at is not None and request.method == "GET":
        registration = guest_request.registration or guests.active_registration_for_address(
            event, guest_request.email
        )
        if registration is None:
            return _link_page(request, "used", 410, event)
        return redirect("events:guest_registration", token=registration.access_token)
    if request.method == "POST":
        if hidden_by(AnonymousUser(), event):
            # The event went to a closed network after the guest asked: members only now.
            return _private(
                TemplateResponse(
                    request,
                    "events/guests/confirm.html",
                    {
                        "guest_request": guest_request,
                        "event": event,
                        "refused": _(
                            "Dit evenement is alleen voor leden van een besloten netwerk. "
                            "Aanmelden als gast kan niet."
                        ),
                    },
                    status=409,
                )
            )
        try:
            registration = guests.confirm(guest_request.pk)
        except guests.ConfirmRefused as refused:
            return _private(
                TemplateResponse(
                    request,
                    "events/guests/confirm.html",
                    {"guest_request": guest_request, "event": event, "refused": refused.message},
                    status=409,
                )
            )
        if registration.status == Registration.Status.REGISTERED:
            messages.success(request, _("Je bent aangemeld. Je krijgt een bevestiging per e-mail."))
        elif registration.status == Registration.Status.WAITING:
            messages.warning(
                request,
                _(
                    "Het evenement is vol. Je staat op de wachtlijst. Komt er een plaats vrij, "
                    "dan krijg je die automatisch en sturen we je een e-mail."
                ),
            )
        return redirect("events:guest_registration", token=registration.access_token)
    return _private(
        TemplateResponse(
            request,
            "events/guests/confirm.html",
            {"guest_request": guest_request, "event": event},
        )
    )


def _guest_registration(token):
    registration = (
        Registration.objects.select_related("event")
        .filter(access_token=token, user__isnull=True)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def _registration_page(request, token):
    if not limits.allow(request, "guest_link"):
        return None
    return _guest_registration(token)


@require_GET
def guest_registration(request, token):
    """The guest's own page: the event, the status, the check-in code, cancel and calendar."""
    registration = _registration_page(request, token)
    if registration is None:
        return _link_page(request, "limited", 429)
    event = registration.event
    return _private(
        TemplateResponse(
            request,
            "events/guests/registration.html",
            {
                "registration": registration,
                "event": event,
                "holds_seat": registration.status == Registration.Status.REGISTERED,
                "can_cancel": registration.is_active and event.start > timezone.now(),
                "show_code": registration.status == Registration.Status.REGISTERED
                and not event.is_past(),
                "certificate_available": certificate_available(registration),
            },
        )
    )


@require_http_methods(["GET", "POST"])
def guest_cancel(request, token):
    """Ask first (GET), then cancel (POST); the freed seat goes to the waiting list."""
    registration = _registration_page(request, token)
    if registration is None:
        return _link_page(request, "limited", 429)
    back = redirect("events:guest_registration", token=registration.access_token)
    if not registration.is_active:
        messages.info(request, _("Je was al afgemeld."))
        return back
    if registration.event.start <= timezone.now():
        messages.error(request, _("Dit evenement is al begonnen. Afmelden kan niet meer."))
        return back
    if request.method == "POST":
        cancel(registration)
        messages.success(
            request, _("Je bent afgemeld voor %(title)s.") % {"title": registration.event.title}
        )
        return back
    return _private(
        TemplateResponse(
            request,
            "events/guests/cancel.html",
            {"registration": registration, "event": registration.event},
        )
    )


@require_GET
def guest_ics(request, token):
    """The event for the guest's calendar; with the online link only while holding a seat."""
    registration = _registration_page(request, token)
    if registration is None:
        return _link_page(request, "limited", 429)
    event = registration.event
    holds_seat = registration.status == Registration.Status.REGISTERED
    content = ical.event_ics(event, include_online_link=holds_seat, request=request)
    return _private(
        calendar_response(request, content, f"{event.slug}.ics", download=True, private=True)
    )
