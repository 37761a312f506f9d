"""An organiser checks people in at the door on a phone: types a code, opens a scanned QR link,
sees who is present; the member sees their code and QR code on "Mijn evenementen"."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from events.models import Registration
from events.registration import register
from members.models import NetworkMembership
from tests.browser.helpers import sign_in_with_cookie

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def event(transactional_db):
    from events.groups import setup_organiser_group
    from tests.factories import EventIndexPageFactory, EventPageFactory, NetworkFactory
    from vakgenoten import demo

    home = demo.load()
    agenda = EventIndexPageFactory(parent=home)
    setup_organiser_group()
    network = NetworkFactory(name="Netwerk Bedrijfsvoering", slug="netwerk-bedrijfsvoering")
    start = timezone.now() + timedelta(hours=1)
    return EventPageFactory(
        parent=agenda,
        title="Ledendag Bedrijfsvoering",
        slug="ledendag-bedrijfsvoering",
        organiser_network=network,
        capacity=10,
        start=start,
        end=start + timedelta(hours=6),
    )


@pytest.fixture
def organiser(event):
    from django.contrib.auth.models import Group

    from events.groups import ORGANISERS
    from tests.factories import UserFactory

    user = UserFactory(first_name="Olga", last_name="Organisator")
    user.groups.add(Group.objects.get(name=ORGANISERS))
    NetworkMembership.objects.create(
        user=user,
        network=event.organiser_network,
        status=NetworkMembership.Status.APPROVED,
        role=NetworkMembership.Role.MANAGER,
    )
    return user


def test_organiser_checks_in_by_typed_code_and_by_the_qr_link_on_a_phone(
    page, live_server, event, organiser
):
    from tests.factories import UserFactory

    anouk = register(
        event, user=UserFactory(first_name="Anouk", last_name="de Vries"), notify=False
    ).registration
    koen = register(event, guest_name="Koen Smit", notify=False).registration
    page.set_viewport_size(PHONE)
    sign_in_with_cookie(page, live_server, organiser)

    page.goto(f"/evenementen/{event.pk}/inchecken/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inchecken")
    expect(page.get_by_text("0 van 2 aanwezig")).to_be_visible()
    # Typed as people do: lower case, with a dash.
    page.locator("#id_code").fill(f"{anouk.code[:4].lower()}-{anouk.code[4:]}")
    page.get_by_role("button", name="Aanwezig melden", exact=True).first.click()
    expect(page.get_by_text("Anouk de Vries is aanwezig gemeld.")).to_be_visible()
    expect(page.get_by_text("1 van 2 aanwezig")).to_be_visible()
    expect(page.get_by_text("Al aanwezig gemeld om")).to_be_visible()
    anouk.refresh_from_db()
    assert anouk.checked_in_by == organiser
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.problems.assert_none()

    # The QR code's link shows the person first; only the big button checks in.
    page.goto(f"/evenementen/{event.pk}/inchecken/?code={koen.code}")
    expect(page.get_by_role("heading", name="Koen Smit")).to_be_visible()
    assert Registration.objects.get(pk=koen.pk).checked_in_at is None
    page.locator(".checkin-person").get_by_role("button", name="Aanwezig melden").click()
    expect(page.get_by_text("Koen Smit is aanwezig gemeld.")).to_be_visible()
    expect(page.get_by_text("2 van 2 aanwezig")).to_be_visible()
    page.problems.assert_none()


def test_member_shows_the_code_on_my_events(page, live_server, event):
    from tests.factories import UserFactory

    member = UserFactory(first_name="Fatima", last_name="El Amrani")
    registration = register(event, user=member, notify=False).registration
    page.set_viewport_size(PHONE)
    sign_in_with_cookie(page, live_server, member)
    page.goto("/mijn-evenementen/")
    code = f"{registration.code[:4]} {registration.code[4:]}"
    expect(page.get_by_role("img", name=f"QR-code voor inchecken met code {code}")).to_be_visible()
    expect(page.get_by_text(code, exact=True)).to_be_visible()
    page.problems.assert_none()
