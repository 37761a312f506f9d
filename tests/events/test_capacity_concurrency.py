"""Many members registering in the same second never push an event over its capacity.

The database enforces it: a registered row holds a seat from 1 to the capacity and a seat is
unique per event. The test runs real threads, each with its own connection, on both databases:
on PostgreSQL they race for the event's row lock, on SQLite for the database's write lock
(``tests.concurrency.at_once`` gives the threads a database file, where writers wait for each
other as on the embedded site, instead of the shared in-memory test database).
"""

import pytest

from django.db import IntegrityError, transaction

from events.models import Registration
from events.registration import register
from tests.concurrency import at_once
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20
CAPACITY = 5


def test_twenty_members_register_at_once_for_five_seats(make_event, tmp_path):
    event = make_event(capacity=CAPACITY)
    users = [UserFactory() for _ in range(THREADS)]

    def attempt(user):
        return lambda: register(event, user=user, notify=False).registration.status

    statuses = at_once([attempt(user) for user in users], tmp_path)

    assert sorted(statuses) == ["registered"] * CAPACITY + ["waiting"] * (THREADS - CAPACITY)
    registered = Registration.objects.filter(event=event, status="registered")
    assert registered.count() == CAPACITY
    assert sorted(registered.values_list("seat", flat=True)) == list(range(1, CAPACITY + 1))
    assert Registration.objects.filter(event=event, status="waiting").count() == (
        THREADS - CAPACITY
    )


def test_the_database_refuses_a_second_person_on_the_same_seat(make_event):
    event = make_event(capacity=1)
    Registration.objects.create(event=event, user=UserFactory(), seat=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=UserFactory(), seat=1)


def test_the_database_refuses_a_seat_below_one_and_a_seatless_registration(make_event):
    event = make_event(capacity=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=UserFactory(), seat=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=UserFactory(), status="registered")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=UserFactory(), status="waiting", seat=2)
