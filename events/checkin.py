"""Check-in at the door: each registration's code and QR code, and recording who came.

The QR code holds the absolute address of the organiser's check-in page with the code filled
in, so any phone camera opens it; for a signed-in organiser that page shows the person and one
button. Checking in is a single conditional UPDATE: it records the first moment only, so two
organisers scanning the same code at once, or one scanning twice, leave one time and one name.
"""

import io
import re
from dataclasses import dataclass

import segno

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from vakgenoten import links

from .models import CODE_LENGTH, Registration

# What people type around a code: spaces and dashes ("ABCD-2345", "abcd 2345").
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")


def normalise_code(text):
    """The code as stored: upper case, without spaces or dashes. Not checked against the
    alphabet here; an unknown code is simply not found."""
    return _SEPARATORS.sub("", text or "").upper()[: CODE_LENGTH * 2]


def display_code(code):
    """The code in two groups of four, easier to read aloud and to type: ``ABCD 2345``."""
    if len(code) == CODE_LENGTH:
        return f"{code[:4]} {code[4:]}"
    return code


def checkin_url(registration):
    """The absolute address of the check-in page for this registration's code."""
    path = reverse("events:checkin", args=[registration.event_id])
    return links.absolute_url(f"{path}?{urlencode({'code': registration.code})}")


def qr_code(registration):
    # Error correction "M": a slightly damaged or badly lit print still scans.
    return segno.make(checkin_url(registration), error="m", micro=False)


def qr_svg(registration):
    """The QR code as an inline <svg> element: no XML declaration, no style attributes (the
    strict CSP allows none); sized by CSS through its class and the viewBox."""
    return qr_code(registration).svg_inline(
        scale=1,
        border=2,
        omitsize=True,
        svgclass="checkin-code__svg",
        lineclass=None,
        dark="#000",
        light="#fff",
    )


def qr_png(registration, scale=8):
    """The QR code as PNG bytes, for the e-mail attachment (mail programs do not show SVG)."""
    buffer = io.BytesIO()
    qr_code(registration).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def holds_seat(registration):
    return registration.status == Registration.Status.REGISTERED


def time_text(moment):
    """A time as the Dutch write it: "9.12 uur"."""
    return _("%(time)s uur") % {"time": dateformat.format(timezone.localtime(moment), "G.i")}


@dataclass
class CheckinResult:
    registration: Registration
    newly: bool  # False: was checked in before (by whoever, at checked_in_at)


def check_in(registration, by):
    """Record attendance once. Only a registration holding a seat can be checked in; returns
    None otherwise. Idempotent: a second call keeps the first time and organiser."""
    updated = Registration.objects.filter(
        pk=registration.pk, status=Registration.Status.REGISTERED, checked_in_at__isnull=True
    ).update(checked_in_at=timezone.now(), checked_in_by=by)
    fresh = Registration.objects.filter(pk=registration.pk).values(
        "status", "checked_in_at", "checked_in_by"
    )[0]
    registration.status = fresh["status"]
    registration.checked_in_at = fresh["checked_in_at"]
    registration.checked_in_by_id = fresh["checked_in_by"]
    if registration.checked_in_at is None:
        return None
    return CheckinResult(registration, newly=bool(updated))


def undo_check_in(registration):
    """Take back a check-in (scanned the wrong person). Returns True when there was one."""
    updated = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=False).update(
        checked_in_at=None, checked_in_by=None
    )
    registration.checked_in_at = None
    registration.checked_in_by_id = None
    return bool(updated)


def attendance_counts(event):
    """{"registered": n, "present": n} in one query."""
    return event.registrations.aggregate(
        registered=Count("pk", filter=Q(status=Registration.Status.REGISTERED)),
        present=Count(
            "pk",
            filter=Q(status=Registration.Status.REGISTERED, checked_in_at__isnull=False),
        ),
    )


def search_by_name(queryset, query):
    """Registrations whose name (member or guest), or code, contains every word typed."""
    for word in query.split()[:5]:
        queryset = queryset.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(guest_name__icontains=word)
            | Q(code=normalise_code(word))
        )
    return queryset
