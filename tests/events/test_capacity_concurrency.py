"""Many members registering in the same second never push an event over its capacity.

The database enforces it: a registered row holds a seat from 1 to the capacity and a seat is
unique per event. This test runs real threads against PostgreSQL; SQLite serialises all writes
with one database lock, so there is no race to test there.
"""

import threading

import pytest

from django.db import connection

from events.models import Registration
from events.registration import RegistrationRefused, register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20
CAPACITY = 5


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite allows one writer at a time, so requests cannot race",
)
def test_twenty_members_register_at_once_for_five_seats(make_event):
    from django.db import connections

    event = make_event(capacity=CAPACITY)
    users = [UserFactory() for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    errors = []

    def attempt(user):
        try:
            barrier.wait(timeout=30)
            register(event, user=user, notify=False)
        except RegistrationRefused as refused:  # pragma: no cover - would fail the test below
            errors.append(refused)
        except Exception as error:  # pragma: no cover
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    registered = Registration.objects.filter(event=event, status="registered")
    assert registered.count() == CAPACITY
    assert sorted(registered.values_list("seat", flat=True)) == list(range(1, CAPACITY + 1))
    assert Registration.objects.filter(event=event, status="waiting").count() == (
        THREADS - CAPACITY
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite allows one writer at a time, so requests cannot race",
)
def test_the_database_refuses_a_second_person_on_the_same_seat(make_event):
    from django.db import IntegrityError, transaction

    event = make_event(capacity=1)
    Registration.objects.create(event=event, user=UserFactory(), seat=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=UserFactory(), seat=1)


def test_the_database_refuses_a_seat_below_one_and_a_seatless_registration(make_event):
    from django.db import IntegrityError, transaction

    event = make_event(capacity=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=UserFactory(), seat=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=UserFactory(), status="registered")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=UserFactory(), status="waiting", seat=2)
