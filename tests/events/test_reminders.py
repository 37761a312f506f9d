"""The day before an event, every registered member gets one reminder, however often it runs."""

from datetime import timedelta

import pytest

from django.core.management import call_command
from django.utils import timezone

from events.models import Registration
from events.registration import register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_reminder_command_run_twice_sends_one_email(make_event, mailoutbox, run_on_commit):
    tomorrow = make_event(title="Webinar morgen", start=timezone.now() + timedelta(hours=20))
    next_month = make_event(title="Congres", start=timezone.now() + timedelta(days=30))
    member, waiting, other = UserFactory(), UserFactory(), UserFactory()
    tomorrow.capacity = 1
    tomorrow.save()
    register(tomorrow, user=member, notify=False)
    register(tomorrow, user=waiting, notify=False)
    register(next_month, user=other, notify=False)

    with run_on_commit():
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with run_on_commit():
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [member.email]
    assert mailoutbox[0].subject == "Morgen: Webinar morgen"
    assert mailoutbox[0].attachments[0][0].endswith(".ics")
    assert Registration.objects.get(user=member).reminder_sent_at is not None
    assert Registration.objects.get(user=other).reminder_sent_at is None


def test_no_reminder_after_the_event_started(make_event, mailoutbox, run_on_commit):
    started = make_event(start=timezone.now() - timedelta(hours=1))
    Registration.objects.create(event=started, user=UserFactory(), seat=1)
    with run_on_commit():
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mailoutbox == []


def test_reminder_carries_one_click_unsubscribe_and_a_confirmation_does_not(
    make_event, mailoutbox, run_on_commit
):
    """The reminder follows a preference, so it says how to switch it off, in the text and in
    the List-Unsubscribe headers; a confirmation answers what the member did."""
    from django.test import Client

    from events.emails import queue_reminder
    from members.notifications import wants_notification

    event = make_event(title="Webinar morgen", start=timezone.now() + timedelta(hours=20))
    member = UserFactory()
    with run_on_commit():
        registration = register(event, user=member).registration
    [confirmation] = mailoutbox
    assert "List-Unsubscribe" not in confirmation.extra_headers
    with run_on_commit():
        queue_reminder(registration)
    reminder = mailoutbox[-1]
    assert reminder.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = reminder.extra_headers["List-Unsubscribe"].strip("<>")
    assert url in reminder.body
    path = url.removeprefix("http://testserver")
    assert path.startswith("/e-mail/afmelden/")
    response = Client(enforce_csrf_checks=True).post(
        path, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not wants_notification(member, "event_updates")
