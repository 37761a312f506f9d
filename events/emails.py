"""E-mails about registrations, queued in the site's outbox and delivered by a background task.

Each message is queued inside the transaction that changed the registration, under a key that
names the registration and the occasion, so the same e-mail is never sent twice and a message
is never lost while the mail server is down (see ``vakgenoten.mail``). Every message about a
seat carries the event as an .ics file, so one click puts it in the member's calendar. Only
people who hold a seat get the online link. A member's reminder follows their "event_updates"
preference (``members.notifications``) and carries its one-click unsubscribe link, in the text
and in the List-Unsubscribe headers; confirmations answer what the member did and always go.
A guest has no account: each e-mail to a guest carries the private link to the registration
(``events.guests``) where a member's has "Mijn evenementen".
"""

import base64

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from members.notifications import unsubscribe_headers, unsubscribe_url, wants_notification
from vakgenoten import links
from vakgenoten.mail import queue_email

from .checkin import display_code, qr_png
from .ical import event_ics
from .models import Registration

REMINDER = "event_updates"  # members.notifications kind for e-mail about events


def _guest_url(registration):
    if not registration.is_guest:
        return ""
    return links.absolute_url(
        reverse("events:guest_registration", args=[registration.access_token])
    )


def _queue(registration, *, occasion, subject, template, attach_ics, kind=None, attach_qr=False):
    event = registration.event
    unsubscribe = unsubscribe_url(registration.user, kind) if kind else ""
    holds_seat = registration.status == Registration.Status.REGISTERED
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "event": event,
            "name": registration.display_name,
            "event_url": links.page_url(event),
            "my_events_url": links.absolute_url(reverse("events:my_events")),
            # A guest has no "Mijn evenementen": the private link to see and cancel instead.
            "guest_url": _guest_url(registration),
            "show_online_link": holds_seat and bool(event.online_url),
            "unsubscribe_url": unsubscribe,
            "checkin_code": display_code(registration.code) if attach_qr else "",
        }
        body = render_to_string(template, context)
        attachments = []
        if attach_ics:
            attachments.append(
                (
                    f"{event.slug}.ics",
                    event_ics(event, include_online_link=holds_seat).decode(),
                    "text/calendar",
                )
            )
        if attach_qr:
            attachments.append(
                (
                    f"code-{registration.code}.png",
                    base64.b64encode(qr_png(registration)).decode("ascii"),
                    "image/png",
                    "base64",
                )
            )
        return queue_email(
            f"events:{occasion}:{registration.pk}",
            registration.email,
            subject % {"title": event.title},
            body,
            attachments=attachments,
            headers=unsubscribe_headers(unsubscribe) if unsubscribe else None,
        )


def queue_registration_confirmation(registration):
    """Confirm a registration: a seat (with the .ics file) or a place on the waiting list."""
    if not registration.email:
        return None
    if registration.status == Registration.Status.REGISTERED:
        return _queue(
            registration,
            occasion="confirmed",
            subject=_("Je bent aangemeld: %(title)s"),
            template="events/email/registration_confirmed.txt",
            attach_ics=True,
            attach_qr=True,
        )
    return _queue(
        registration,
        occasion="waiting",
        subject=_("Je staat op de wachtlijst: %(title)s"),
        template="events/email/registration_waiting.txt",
        attach_ics=False,
    )


def queue_promotion_notice(registration):
    """Tell a member on the waiting list that a seat came free and is now theirs."""
    if not registration.email:
        return None
    return _queue(
        registration,
        occasion="promoted",
        subject=_("Er is een plaats vrij: je bent aangemeld voor %(title)s"),
        template="events/email/registration_promoted.txt",
        attach_ics=True,
        attach_qr=True,
    )


def queue_reminder(registration):
    """The reminder the day before; members who turned reminders off do not get it."""
    if not registration.email:
        return None
    if registration.user_id and not wants_notification(registration.user, REMINDER):
        return None
    return _queue(
        registration,
        occasion="reminder",
        subject=_("Morgen: %(title)s"),
        template="events/email/event_reminder.txt",
        attach_ics=True,
        kind=REMINDER if registration.user_id else None,
    )
