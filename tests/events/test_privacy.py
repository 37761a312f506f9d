"""A member's registrations are in their data export and go away when the account is erased."""

import pytest

from events.models import CalendarToken, Registration
from events.privacy import erase_registrations, export_registrations
from events.registration import register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_export_lists_the_members_registrations(member, event):
    register(event, user=member, remark="Rolstoeltoegankelijk graag", notify=False)
    exported = export_registrations(member)
    assert exported[0]["evenement"] == event.title
    assert exported[0]["status"] == "Aangemeld"
    assert exported[0]["opmerking"] == "Rolstoeltoegankelijk graag"


def test_erasing_frees_the_seat_for_the_waiting_list_and_removes_everything(make_event):
    event = make_event(capacity=1)
    leaving, waiting = UserFactory(), UserFactory()
    register(event, user=leaving, notify=False)
    register(event, user=waiting, notify=False)
    CalendarToken.for_user(leaving)

    erase_registrations(leaving, keep_comments=True)

    assert not Registration.objects.filter(user=leaving).exists()
    assert not CalendarToken.objects.filter(user=leaving).exists()
    assert Registration.objects.get(user=waiting).status == Registration.Status.REGISTERED


def test_events_data_is_registered_with_the_members_privacy_registry():
    privacy = pytest.importorskip(
        "members.privacy", reason="the members privacy registry has not landed yet"
    )
    assert "event_registrations" in privacy.registered_names()
