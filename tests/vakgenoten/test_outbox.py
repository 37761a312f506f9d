"""Queued e-mail survives a mail server outage: retried with back-off, never sent twice."""

from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone

from vakgenoten.mail import deliver_due_email, queue_email, retry_delay
from vakgenoten.models import OutgoingEmail

pytestmark = pytest.mark.django_db


class BrokenMailServer:
    """An e-mail backend whose server refuses every connection, like one that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.vakgenoten.test_outbox.BrokenMailServer"


def test_queued_email_is_sent_once_the_transaction_commits(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email("welcome-1", "anouk@gemeente.example", "Welkom", "Hallo Anouk")
    assert [m.subject for m in mailoutbox] == ["Welkom"]
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def test_same_notification_is_never_queued_twice(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_email("reply-7-to-3", "a@gemeente.example", "Reactie", "Tekst")
        assert queue_email("reply-7-to-3", "a@gemeente.example", "Reactie", "Tekst") is None
    assert len(mailoutbox) == 1
    assert deliver_due_email() == (0, 0)
    assert len(mailoutbox) == 1


def test_mail_server_down_keeps_the_message_and_retries_later(
    mail_server_down, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email("event-1-reminder", "b@gemeente.example", "Herinnering", "Morgen")
    message = OutgoingEmail.objects.get()
    assert message.status == OutgoingEmail.Status.PENDING
    assert message.attempts == 1
    assert "mail server down" in message.last_error
    assert message.next_attempt_at > timezone.now()

    # Not yet due: nothing is tried.
    assert deliver_due_email() == (0, 0)

    # The server is back and the pause has passed: it goes out exactly once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    OutgoingEmail.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert deliver_due_email() == (1, 0)
    assert deliver_due_email() == (0, 0)
    assert [m.subject for m in mail.outbox] == ["Herinnering"]


def test_pauses_between_attempts_grow_and_are_capped():
    delays = [retry_delay(n) for n in range(1, 12)]
    assert delays[0] == timedelta(minutes=1)
    assert delays[1] == timedelta(minutes=2)
    assert delays == sorted(delays)
    assert max(delays) == timedelta(hours=6)


def test_message_keeps_headers_and_attachments(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            "confirm-1",
            "c@gemeente.example",
            "Bevestiging",
            "Je bent aangemeld",
            html_body="<p>Je bent aangemeld</p>",
            headers={"List-Unsubscribe": "<https://vakgenoten.example/afmelden/x/>"},
            attachments=[
                ("evenement.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
            ],
        )
    sent = mailoutbox[0]
    assert sent.extra_headers["List-Unsubscribe"].startswith("<https://")
    assert sent.attachments[0][0] == "evenement.ics"
    assert sent.alternatives[0][1] == "text/html"
