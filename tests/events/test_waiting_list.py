"""A full event puts members on the waiting list; a cancellation moves the first one up."""

import pytest

from events.models import Registration
from events.registration import cancel, fill_free_seats, register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_full_event_puts_the_next_member_on_the_waiting_list(client, make_event, run_on_commit):
    event = make_event(capacity=1)
    first, second = UserFactory(), UserFactory()
    register(event, user=first)
    client.force_login(second)
    response = client.post(f"/evenementen/{event.pk}/aanmelden/", follow=True)
    assert "Je staat op de wachtlijst" in response.content.decode()
    registration = Registration.objects.get(user=second)
    assert registration.status == Registration.Status.WAITING
    assert registration.seat is None


def test_cancellation_moves_the_first_waiting_member_up_and_tells_them(
    make_event, mailoutbox, run_on_commit
):
    event = make_event(capacity=2)
    seated = [UserFactory(), UserFactory()]
    waiting_first, waiting_second = UserFactory(), UserFactory()
    with run_on_commit():
        for user in seated + [waiting_first, waiting_second]:
            register(event, user=user)
    assert [m.subject.split(":")[0] for m in mailoutbox] == [
        "Je bent aangemeld",
        "Je bent aangemeld",
        "Je staat op de wachtlijst",
        "Je staat op de wachtlijst",
    ]
    assert mailoutbox[2].attachments == []  # no seat yet, so no calendar file
    mailoutbox.clear()

    with run_on_commit():
        cancel(Registration.objects.get(user=seated[0]))

    promoted = Registration.objects.get(user=waiting_first)
    assert promoted.status == Registration.Status.REGISTERED
    assert promoted.seat == 1
    assert Registration.objects.get(user=waiting_second).status == Registration.Status.WAITING
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [waiting_first.email]
    assert "Er is een plaats vrij" in mailoutbox[0].subject
    assert mailoutbox[0].attachments[0][0].endswith(".ics")


def test_cancelling_a_waiting_place_moves_nobody(make_event):
    event = make_event(capacity=1)
    seated, waiting = UserFactory(), UserFactory()
    register(event, user=seated)
    register(event, user=waiting)
    cancel(Registration.objects.get(user=waiting))
    assert Registration.objects.get(user=seated).status == Registration.Status.REGISTERED
    assert Registration.objects.filter(status="waiting").count() == 0


def test_more_seats_move_waiting_members_up_when_the_event_is_published(make_event):
    event = make_event(capacity=1)
    users = [UserFactory() for _ in range(3)]
    for user in users:
        register(event, user=user, notify=False)
    event.capacity = 3
    event.save_revision().publish()
    assert Registration.objects.filter(event=event, status="registered").count() == 3


def test_unlimited_events_never_have_a_waiting_list(make_event):
    event = make_event(capacity=None)
    for _ in range(5):
        register(event, user=UserFactory(), notify=False)
    seats = sorted(Registration.objects.values_list("seat", flat=True))
    assert seats == [1, 2, 3, 4, 5]
    assert fill_free_seats(event) == []
