"""The scheduler's reminder job: run by two workers at the same moment, one e-mail per seat."""

from datetime import timedelta

import pytest

from django.utils import timezone

from events.models import Registration
from events.registration import register
from tests.concurrency import at_once
from tests.factories import UserFactory
from vakgenoten.scheduler import run_job
from vakgenoten.tasks import run_scheduled_job

pytestmark = pytest.mark.django_db


def test_reminder_job_queues_each_reminder_once(make_event, mailoutbox, run_on_commit):
    tomorrow = make_event(title="Webinar morgen", start=timezone.now() + timedelta(hours=20))
    member = UserFactory()
    register(tomorrow, user=member, notify=False)

    with run_on_commit():
        assert run_scheduled_job.enqueue("event_reminders").return_value == 1
    with run_on_commit():
        assert run_job("event_reminders") == 0

    assert [message.to for message in mailoutbox] == [[member.email]]


@pytest.mark.django_db(transaction=True)
def test_reminders_from_two_workers_at_once_go_out_once(make_event, tmp_path):
    from events.management.commands.send_event_reminders import send_reminders
    from vakgenoten.models import OutgoingEmail

    tomorrow = make_event(title="Webinar morgen", start=timezone.now() + timedelta(hours=20))
    members = [UserFactory() for _ in range(3)]
    for member in members:
        register(tomorrow, user=member, notify=False)

    results = at_once([send_reminders, send_reminders], tmp_path)

    assert sum(results) == 3
    assert OutgoingEmail.objects.filter(key__startswith="events:reminder").count() == 3
    assert Registration.objects.filter(reminder_sent_at__isnull=True).count() == 0
