"""E-mail subjects and headers are put on one line, so no stored text can keep a message away.

A probe found two kinds of e-mail that never arrived: a problem report with a line break in its
first 50 characters, and every message naming a member whose stored name held a line break.
Django refuses such a subject (BadHeaderError) on every attempt until the outbox gives up.
``vakgenoten.mail`` now cleans subjects and headers when a message is queued and again when it
is sent, so even a message queued before the fix goes out.
"""

import pytest

from vakgenoten.mail import deliver_due_email, queue_email
from vakgenoten.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def test_problem_report_with_a_line_break_at_the_start_reaches_the_editors(
    client, home_page, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/probleem-melden/",
            {"message": "Zoeken\r\nwerkt niet\nmeer sinds gisteren.", "website": ""},
        )
    [message] = mailoutbox
    assert message.subject == "Nieuwe melding: Zoeken werkt niet meer sinds gisteren."
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def test_a_message_queued_with_a_broken_subject_is_still_sent_without_extra_headers(mailoutbox):
    """Stored before subjects were cleaned (or by code that bypasses queue_email)."""
    OutgoingEmail.objects.create(
        key="old-1",
        to="lid@gemeente.example",
        subject="Anouk\r\nBcc: iedereen@example.org\r\nantwoordde",
        body="Hallo",
        headers={"List-Unsubscribe": "<https://vakgenoten.example/uit/>\r\nBcc: x@example.org"},
    )
    assert deliver_due_email() == (1, 0)
    [message] = mailoutbox
    assert message.subject == "Anouk Bcc: iedereen@example.org antwoordde"
    assert message.bcc == []
    assert "\n" not in message.extra_headers["List-Unsubscribe"]
    raw = message.message().as_string()
    assert "\nBcc:" not in raw


@pytest.mark.parametrize(
    "subject, expected",
    [
        ("Welkom\n", "Welkom"),
        ("Jan\u200b\u202e Jansen", "Jan Jansen"),
        ("Regel\u2028twee\x00drie\tvier", "Regel twee drie vier"),
    ],
)
def test_queued_subjects_are_one_line_without_invisible_characters(
    subject, expected, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email("k", "lid@gemeente.example", subject, "Hallo")
    assert mailoutbox[0].subject == expected


def test_a_long_subject_is_cut_and_ends_in_an_ellipsis(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_email("long", "lid@gemeente.example", "Reactie " * 60, "Hallo")
    assert len(message.subject) == 250  # the length of OutgoingEmail.subject
    assert message.subject.endswith("…")
