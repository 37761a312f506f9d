"""Certificates of attendance: a one-page PDF for whoever was checked in at an event.

Professionals need proof of the hours they spent for their accreditation. The certificate
exists only after the event has ended and only for a registration that was checked in at the
door (``events.checkin``). Members download theirs from "Mijn evenementen"; a guest through the
secret link of their own registration. Anyone else gets a 404, as if there were nothing.
"""

import io
from decimal import ROUND_HALF_UP, Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import dateformat, formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .exports import organisation_of
from .models import Registration

DARK = (0.04, 0.21, 0.25)  # the site's dark teal


def certificate_available(registration, now=None):
    """Checked in, still holding a seat, and the event is over."""
    return (
        registration.status == Registration.Status.REGISTERED
        and registration.checked_in_at is not None
        and registration.event.is_past(now)
    )


def certificate_hours(event):
    """The hours on the certificate: the organiser's number, or the event's length rounded to
    half hours (an event spanning days counts from start to end; organisers set the number)."""
    if event.certificate_hours is not None:
        return event.certificate_hours
    hours = Decimal((event.end - event.start).total_seconds()) / Decimal(3600)
    return (hours * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2


def hours_text(hours):
    number = formats.number_format(hours, decimal_pos=1 if hours % 1 else 0)
    return _("%(hours)s uur") % {"hours": number}


def dates_text(event):
    start = timezone.localtime(event.start).date()
    end = timezone.localtime(event.end).date()
    if start == end:
        return dateformat.format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} – {dateformat.format(end, 'j F Y')}"
    return f"{dateformat.format(start, 'j F Y')} – {dateformat.format(end, 'j F Y')}"


def certificate_lines(registration):
    """The facts on the certificate, as (label, value) pairs, in Dutch."""
    event = registration.event
    lines = [
        (_("Naam"), registration.display_name),
        (_("Organisatie"), organisation_of(registration)),
        (_("Evenement"), event.title),
        (_("Soort"), event.get_kind_display()),
        (_("Datum"), dates_text(event)),
        (_("Plaats"), event.location_text),
        (_("Organisator"), " en ".join(event.organiser_names)),
        (_("Aantal uren"), hours_text(certificate_hours(event))),
        (_("Kenmerk"), registration.code),
    ]
    return [(label, str(value)) for label, value in lines if value]


def _fit(text, font, size, width):
    """Lines of ``text`` no wider than ``width`` points, broken between words."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def certificate_pdf(registration, *, compress=True):
    """The certificate as PDF bytes. ``compress=False`` leaves the text readable in the file
    (for tests)."""
    site_name = getattr(settings, "WAGTAIL_SITE_NAME", "Vakgenoten")
    with translation.override(settings.LANGUAGE_CODE):
        lines = certificate_lines(registration)
        title = _("Bewijs van deelname")
        statement = _(
            "Hierbij verklaren wij dat %(name)s aanwezig was bij %(event)s. De deelname is bij "
            "binnenkomst geregistreerd."
        ) % {"name": registration.display_name, "event": registration.event.title}
        footer = _("Uitgegeven door %(site)s op %(date)s.") % {
            "site": site_name,
            "date": dateformat.format(timezone.localdate(), "j F Y"),
        }
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1 if compress else 0, invariant=1)
    pdf.setTitle(f"{title} — {registration.event.title}")
    pdf.setAuthor(site_name)
    pdf.setSubject(title)
    width, height = A4
    left, text_width = 25 * mm, width - 50 * mm
    pdf.setFillColorRGB(*DARK)
    pdf.rect(0, height - 18 * mm, width, 18 * mm, stroke=0, fill=1)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(left, height - 11.5 * mm, site_name)

    pdf.setFillColorRGB(*DARK)
    pdf.setFont("Helvetica-Bold", 26)
    y = height - 50 * mm
    pdf.drawString(left, y, title)
    pdf.setFillColorRGB(0, 0, 0)
    y -= 14 * mm
    pdf.setFont("Helvetica", 12)
    for line in _fit(statement, "Helvetica", 12, text_width):
        pdf.drawString(left, y, line)
        y -= 6 * mm
    y -= 8 * mm
    label_width = 38 * mm
    for label, value in lines:
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(left, y, label)
        pdf.setFont("Helvetica", 11)
        for part in _fit(value, "Helvetica", 11, text_width - label_width) or [""]:
            pdf.drawString(left + label_width, y, part)
            y -= 6 * mm
        y -= 2 * mm
    pdf.setFont("Helvetica", 9)
    pdf.setFillColorRGB(0.3, 0.3, 0.3)
    pdf.drawString(left, 20 * mm, footer)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _pdf_response(registration):
    if not certificate_available(registration):
        raise Http404
    response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
    name = slugify(registration.event.title)[:60] or registration.event_id
    response["Content-Disposition"] = f'attachment; filename="bewijs-van-deelname-{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def member_certificate(request, registration_id):
    """A member's own certificate; someone else's registration is a 404."""
    registration = get_object_or_404(
        Registration.objects.select_related(
            "event", "event__organiser_network", "event__organiser_organisation", "user"
        ),
        pk=registration_id,
        user=request.user,
    )
    return _pdf_response(registration)


def guest_certificate(request, access_token):
    """A guest's certificate through the secret link of their registration."""
    registration = get_object_or_404(
        Registration.objects.select_related(
            "event", "event__organiser_network", "event__organiser_organisation", "user"
        ),
        access_token=access_token,
    )
    return _pdf_response(registration)
