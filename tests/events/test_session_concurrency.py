"""Twenty members choosing the same five-seat session in the same second: five get it.

The session's seats are kept as the event's are (``events.registration``): unique per session
in the database, the capacity counted while the event row is locked. A full session refuses
the whole registration, so the fifteen others are not registered at all and may choose again.
Real threads on both databases (``tests.concurrency.at_once``, as test_capacity_concurrency).
"""

from datetime import timedelta

import pytest

from events.models import EventSession, Registration, SessionChoice
from events.registration import RegistrationRefused, register
from tests.concurrency import at_once
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20
SESSION_SEATS = 5


def test_twenty_members_choose_a_five_seat_session_at_once(make_event, tmp_path):
    event = make_event(capacity=None)
    session = EventSession.objects.create(
        event=event,
        title="Workshop Archiveren",
        starts_at=event.start + timedelta(hours=1),
        ends_at=event.start + timedelta(hours=2),
        capacity=SESSION_SEATS,
    )
    users = [UserFactory() for _ in range(THREADS)]

    def attempt(user):
        def call():
            try:
                register(event, user=user, sessions=[session.pk], notify=False)
            except RegistrationRefused as refusal:
                return str(refusal.message)
            return "registered"

        return call

    outcomes = at_once([attempt(user) for user in users], tmp_path)

    refused = [outcome for outcome in outcomes if outcome != "registered"]
    assert outcomes.count("registered") == SESSION_SEATS
    assert len(refused) == THREADS - SESSION_SEATS
    assert all("Workshop Archiveren" in message for message in refused)
    seats = SessionChoice.objects.filter(session=session).values_list("seat", flat=True)
    assert sorted(seats) == list(range(1, SESSION_SEATS + 1))
    assert Registration.objects.filter(event=event).count() == SESSION_SEATS
