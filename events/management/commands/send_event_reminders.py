"""Send the reminder e-mail the day before an event. Safe to run as often as you like."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from events.emails import queue_reminder
from events.models import Registration
from events.registration import claim_reminder


def due_registrations(now=None):
    """Seats at live events that start from now until the end of tomorrow (Amsterdam time)."""
    now = now or timezone.now()
    local_now = timezone.localtime(now)
    end_of_tomorrow = (local_now + timedelta(days=2)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return Registration.objects.filter(
        status=Registration.Status.REGISTERED,
        reminder_sent_at__isnull=True,
        event__live=True,
        event__start__gt=now,
        event__start__lt=end_of_tomorrow,
    ).select_related("event", "user")


def send_reminders(now=None):
    """Queue one reminder per seat; a registration that had one is skipped. Returns the count."""
    now = now or timezone.now()
    sent = 0
    for registration in due_registrations(now):
        with transaction.atomic():
            if claim_reminder(registration.pk, now) and queue_reminder(registration):
                sent += 1
    return sent


class Command(BaseCommand):
    help = "Stuurt deelnemers de dag vooraf een herinnering (één keer per aanmelding)."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(
            ngettext(
                "%(count)s herinnering in de wachtrij gezet.",
                "%(count)s herinneringen in de wachtrij gezet.",
                sent,
            )
            % {"count": sent}
        )
