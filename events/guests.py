"""Guests: people without an account who register for an event that is open to them.

A guest fills in the form on the event page; that makes a ``GuestRequest`` and sends a link to
the address given. Only opening that link and pressing the button (a POST: mail scanners open
links, they do not press buttons) registers the guest, so nobody can register someone else's
address. Every registration of a guest, also one an organiser added by hand, has a private
link (``Registration.access_token``) to see and cancel it; every e-mail to the guest carries it.

What the site tells a visitor never says whether an address is known: the page after the form
is the same for a new address, a registered guest and a member. The difference goes to the
mailbox, which only its owner reads: a member gets "sign in to register" instead of a link.

Privacy: a request (name, address, organisation, remark, answers) is deleted after
``GUEST_REQUEST_RETENTION_DAYS``, confirmed or not (``forget_old_requests``, a scheduled job).
A confirmed registration is kept like a member's: for the organiser's list and the history.
"""

import datetime
import decimal
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vakgenoten import links
from vakgenoten.mail import queue_email

from .models import GuestRequest, Registration
from .registration import RegistrationRefused, register


def confirm_url(guest_request):
    return links.absolute_url(reverse("events:guest_confirm", args=[guest_request.token]))


def json_safe(value):
    """``value`` as data a JSON field keeps: objects become their primary key, dates ISO text.

    The details of a request (``RegistrationForm.extras()``) wait in the database until the
    guest confirms; ``register`` gets them back as stored (ids, not objects).
    """
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet):
        return list(value.values_list("pk", flat=True))
    if isinstance(value, dict):
        return {
            str(key.pk if isinstance(key, models.Model) else key): json_safe(item)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(item) for item in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    return value


def is_member_address(email):
    """True when ``email`` belongs to an account (its main or any other known address)."""
    users = get_user_model().objects.filter(email__iexact=email)
    if users.exists():
        return True
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(email__iexact=email).exists()


def link_is_expired(guest_request, now=None):
    age = (now or timezone.now()) - guest_request.created_at
    return age > timedelta(hours=settings.GUEST_REQUEST_LINK_HOURS)


def active_registration_for_address(event, email):
    return (
        Registration.objects.filter(event_id=event.pk, user__isnull=True, guest_email__iexact=email)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )


def _mail(key, to, subject, template, context):
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
        return queue_email(key, to, subject, body)


def request_registration(event, form):
    """Store what a guest filled in and send the link to confirm it, or, for a member's
    address, a note to sign in instead. Returns the request, or None for a member."""
    data = form.cleaned_data
    email = data["email"]
    event_url = links.page_url(event)
    if is_member_address(email):
        stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
        _mail(
            f"events:guest-member:{event.pk}:{stamp}",
            email,
            _("Aanmelden voor %(title)s: log in met je account") % {"title": event.title},
            "events/email/guest_is_member.txt",
            {
                "event": event,
                "event_url": event_url,
                "login_url": links.absolute_url(reverse("account_login")),
            },
        )
        return None
    with transaction.atomic():
        guest_request = GuestRequest.objects.create(
            event=event,
            name=data["name"],
            email=email,
            organisation=data.get("organisation", ""),
            remark=data.get("remark", ""),
            details=json_safe(form.extras()),
        )
        _mail(
            f"events:guest-request:{guest_request.pk}",
            email,
            _("Bevestig je aanmelding voor %(title)s") % {"title": event.title},
            "events/email/guest_confirm.txt",
            {
                "event": event,
                "event_url": event_url,
                "name": guest_request.name,
                "confirm_url": confirm_url(guest_request),
                "hours": settings.GUEST_REQUEST_LINK_HOURS,
            },
        )
    return guest_request


class ConfirmRefused(Exception):
    """The request cannot become a registration; ``message`` says why, in Dutch."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def confirm(guest_request_id):
    """Turn a request into a registration, once. Returns the guest's registration: the new one,
    the one made by an earlier confirmation, or the one this address already had."""
    with transaction.atomic():
        guest_request = (
            GuestRequest.objects.select_for_update(of=("self",))
            .select_related("event")
            .get(pk=guest_request_id)
        )
        event = guest_request.event
        if guest_request.confirmed_at is not None:
            registration = guest_request.registration or active_registration_for_address(
                event, guest_request.email
            )
            if registration is None:
                raise ConfirmRefused(_("Deze link is al gebruikt."))
            return registration
        if link_is_expired(guest_request):
            raise ConfirmRefused(_("Deze link is verlopen."))
        existing = active_registration_for_address(event, guest_request.email)
        if existing is None:
            reason = event.registration_closed_reason()
            if reason is not None or not event.guests_may_register or not event.live:
                raise ConfirmRefused(
                    reason or _("Gasten kunnen zich voor dit evenement niet meer aanmelden.")
                )
            try:
                registration = register(
                    event,
                    guest_name=guest_request.name,
                    guest_email=guest_request.email,
                    guest_organisation=guest_request.organisation,
                    remark=guest_request.remark,
                    **guest_request.details,
                ).registration
            except RegistrationRefused as refused:
                registration = active_registration_for_address(event, guest_request.email)
                if registration is None:
                    raise ConfirmRefused(refused.message) from None
        else:
            registration = existing
        guest_request.confirmed_at = timezone.now()
        if existing is None:
            guest_request.registration = registration
        guest_request.save(update_fields=["confirmed_at", "registration"])
        return registration


def forget_old_requests(now=None):
    """Delete guests' requests older than the retention period; returns how many. Idempotent."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.GUEST_REQUEST_RETENTION_DAYS)
    deleted, _per_model = GuestRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted
