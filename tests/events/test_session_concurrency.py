"""Twenty members choosing the same five-seat session in the same second: five get it.

The session's seats are kept as the event's are (``events.registration``): unique per session
in the database, the capacity counted while the event row is locked. A full session refuses
the whole registration, so the fifteen others are not registered at all and may choose again.
Real threads against PostgreSQL; SQLite serialises all writes with one database lock, so there
is no race to test there (as in test_capacity_concurrency.py).
"""

import threading
from datetime import timedelta

import pytest

from django.db import connection

from events.models import EventSession, Registration, SessionChoice
from events.registration import RegistrationRefused, register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20
SESSION_SEATS = 5


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite allows one writer at a time, so requests cannot race",
)
def test_twenty_members_choose_a_five_seat_session_at_once(make_event):
    from django.db import connections

    event = make_event(capacity=None)
    session = EventSession.objects.create(
        event=event,
        title="Workshop Archiveren",
        starts_at=event.start + timedelta(hours=1),
        ends_at=event.start + timedelta(hours=2),
        capacity=SESSION_SEATS,
    )
    users = [UserFactory() for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    refused, errors = [], []

    def attempt(user):
        try:
            barrier.wait(timeout=30)
            register(event, user=user, sessions=[session.pk], notify=False)
        except RegistrationRefused as refusal:
            refused.append(str(refusal.message))
        except Exception as error:  # pragma: no cover - would fail the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(refused) == THREADS - SESSION_SEATS
    assert all("Workshop Archiveren" in message for message in refused)
    seats = SessionChoice.objects.filter(session=session).values_list("seat", flat=True)
    assert sorted(seats) == list(range(1, SESSION_SEATS + 1))
    assert Registration.objects.filter(event=event).count() == SESSION_SEATS
