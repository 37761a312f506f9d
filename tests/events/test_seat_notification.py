"""A seat that came free shows under "Meldingen" for the member who moved up."""

import pytest

from events.models import Registration
from events.registration import cancel, register
from members.inbox import unread_count
from members.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_member_moved_up_gets_a_notification(make_event, run_on_commit):
    event = make_event(capacity=1)
    seated, waiting = UserFactory(), UserFactory()
    with run_on_commit():
        register(event, user=seated)
        register(event, user=waiting)
    assert Notification.objects.count() == 0
    with run_on_commit():
        cancel(Registration.objects.get(user=seated))
    [notification] = Notification.objects.all()
    assert notification.recipient == waiting
    assert notification.kind == Notification.Kind.SEAT
    assert notification.subject == event.title
    assert notification.url == event.url
    assert unread_count(waiting) == 1
    assert unread_count(seated) == 0
