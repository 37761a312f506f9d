"""What the events app keeps about a member, for the export and the erasure of personal data."""

from django.utils import timezone

from .models import CalendarToken, Registration


def export_registrations(user):
    """The member's registrations, as plain data for "Mijn gegevens"."""
    registrations = Registration.objects.filter(user=user).select_related("event")
    return [
        {
            "evenement": registration.event.title,
            "begint_op": timezone.localtime(registration.event.start).isoformat(),
            "status": registration.get_status_display(),
            "opmerking": registration.remark,
            "aangemeld_op": timezone.localtime(registration.created_at).isoformat(),
            "herinnering_verstuurd_op": (
                timezone.localtime(registration.reminder_sent_at).isoformat()
                if registration.reminder_sent_at
                else None
            ),
        }
        for registration in registrations.order_by("created_at")
    ]


def erase_registrations(user, keep_comments=False):
    """Free the member's seats (the waiting list moves up), then delete their registrations."""
    from .registration import cancel

    now = timezone.now()
    upcoming = Registration.objects.filter(
        user=user, status=Registration.Status.REGISTERED, event__start__gt=now
    )
    for registration in upcoming:
        cancel(registration)
    Registration.objects.filter(user=user).delete()
    CalendarToken.objects.filter(user=user).delete()
