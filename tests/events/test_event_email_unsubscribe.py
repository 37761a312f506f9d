"""Every event e-mail that is not transactional carries one-click unsubscribe (RFC 8058).

The list below names every ``queue_*`` function of ``events.emails``: a new kind of e-mail
fails this test until someone decides which list it belongs on.
"""

import inspect
from datetime import timedelta

import pytest

from django.utils import timezone

from events import emails
from events.registration import register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Answers to what the member did (registered, moved up from the waiting list): always sent.
TRANSACTIONAL = {"queue_registration_confirmation", "queue_promotion_notice"}
# Sent because the member may want it: they can switch it off with one click.
NOT_TRANSACTIONAL = {"queue_reminder"}


def test_every_event_email_is_classified():
    queued = {
        name
        for name, function in inspect.getmembers(emails, inspect.isfunction)
        if name.startswith("queue_") and function.__module__ == emails.__name__
    }
    assert queued == TRANSACTIONAL | NOT_TRANSACTIONAL


@pytest.mark.parametrize("name", sorted(NOT_TRANSACTIONAL))
def test_a_not_transactional_email_has_one_click_unsubscribe(
    name, make_event, mailoutbox, run_on_commit
):
    event = make_event(start=timezone.now() + timedelta(hours=20))
    with run_on_commit():
        registration = register(event, user=UserFactory(), notify=False).registration
    with run_on_commit():
        getattr(emails, name)(registration)
    [message] = mailoutbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"]
    assert link.startswith("<http") and link.endswith(">")
    assert link.strip("<>") in message.body


@pytest.mark.parametrize("name", sorted(TRANSACTIONAL))
def test_a_transactional_email_has_no_unsubscribe_header(
    name, make_event, mailoutbox, run_on_commit
):
    event = make_event()
    with run_on_commit():
        registration = register(event, user=UserFactory(), notify=False).registration
    with run_on_commit():
        getattr(emails, name)(registration)
    [message] = mailoutbox
    assert "List-Unsubscribe" not in message.extra_headers
