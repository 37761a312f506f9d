"""An organiser of one network logs into the admin, finds only their own event on the
dashboard and in the events overview, cancels an attendee after confirming, and cannot open
another network's event."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from events.models import Registration
from events.registration import register
from members.models import NetworkMembership
from tests.browser.helpers import PASSWORD, staff_with_authenticator, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def events(transactional_db):
    from events.groups import setup_organiser_group
    from tests.factories import EventIndexPageFactory, EventPageFactory, NetworkFactory
    from vakgenoten import demo

    home = demo.load()
    agenda = EventIndexPageFactory(parent=home)
    setup_organiser_group()
    own_network = NetworkFactory(name="Netwerk Bedrijfsvoering", slug="netwerk-bedrijfsvoering")
    other_network = NetworkFactory(name="Netwerk Sociaal Domein", slug="netwerk-sociaal-domein")
    start = timezone.now() + timedelta(days=12)
    own = EventPageFactory(
        parent=agenda,
        title="Ledendag Bedrijfsvoering",
        slug="ledendag-bedrijfsvoering",
        organiser_network=own_network,
        capacity=2,
        start=start,
        end=start + timedelta(hours=6),
    )
    other = EventPageFactory(
        parent=agenda,
        title="Congres Sociaal Domein",
        slug="congres-sociaal-domein",
        organiser_network=other_network,
        capacity=100,
        start=start,
        end=start + timedelta(hours=6),
    )
    return own, other, own_network


@pytest.fixture
def organiser(events):
    from events.groups import ORGANISERS

    _own, _other, own_network = events
    user = staff_with_authenticator(ORGANISERS, first_name="Olga", last_name="Organisator")
    NetworkMembership.objects.create(
        user=user,
        network=own_network,
        status=NetworkMembership.Status.APPROVED,
        role=NetworkMembership.Role.MANAGER,
    )
    return user


def test_organiser_manages_only_their_own_event_and_cancels_an_attendee_after_confirming(
    page, live_server, events, organiser
):
    own, other, _network = events
    register(own, guest_name="Koen Smit", guest_email="koen@lindenholt.example", notify=False)
    register(own, guest_name="Anouk de Vries", notify=False)
    register(own, guest_name="Bram Jansen", notify=False)  # on the waiting list
    register(other, guest_name="Fatima El Amrani", notify=False)

    # Log in with password and authenticator code.
    page.goto("/admin/")
    page.locator("input[name=login]").fill(organiser.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Code uit je app")).to_be_visible()
    page.locator("input[name=code]").fill(totp_code(organiser.totp_secret))
    page.get_by_role("button", name="Inloggen").click()

    # The dashboard shows their event with its fill rate, and not the other network's.
    upcoming = page.locator("#vg-upcoming-events-section")
    expect(upcoming.get_by_role("heading", name="Komende evenementen")).to_be_visible()
    expect(upcoming.get_by_role("link", name="Ledendag Bedrijfsvoering")).to_be_visible()
    expect(upcoming.get_by_text("2 van 2")).to_be_visible()
    expect(upcoming.get_by_text("100%")).to_be_visible()
    expect(page.get_by_text("Congres Sociaal Domein")).to_have_count(0)
    expect(page.get_by_text("Reacties die wachten")).to_have_count(0)
    page.problems.assert_none()

    # The events overview lists only their event.
    page.goto("/admin/aanmeldingen/")
    expect(page.get_by_role("link", name="Ledendag Bedrijfsvoering")).to_be_visible()
    expect(page.get_by_text("Congres Sociaal Domein")).to_have_count(0)

    # The attendee list: a caption for screen readers, buttons that read "Afmelden".
    page.get_by_role("link", name="Ledendag Bedrijfsvoering").click()
    table = page.get_by_role("table", name="Aanmeldingen voor Ledendag Bedrijfsvoering")
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name="Acties")).to_be_visible()
    cancel_koen = table.get_by_role("link", name="Afmelden Koen Smit")
    expect(cancel_koen).to_be_visible()
    # The name and the "Acties" header are for screen readers only: one pixel on screen.
    for hidden in (
        cancel_koen.locator(".w-sr-only"),
        table.get_by_role("columnheader", name="Acties").locator(".w-sr-only"),
    ):
        box = hidden.bounding_box()
        assert box["width"] <= 1 and box["height"] <= 1, box
    page.problems.assert_none()

    # Cancelling asks first; going back changes nothing.
    cancel_koen.click()
    expect(page.get_by_text("Weet je zeker dat je Koen Smit wilt afmelden")).to_be_visible()
    page.get_by_role("link", name="Nee, terug naar de aanmeldingen").click()
    koen = Registration.objects.get(guest_name="Koen Smit")
    assert koen.status == Registration.Status.REGISTERED

    table.get_by_role("link", name="Afmelden Koen Smit").click()
    page.get_by_role("button", name="Ja, afmelden").click()
    expect(page.get_by_text("Koen Smit is afgemeld voor Ledendag Bedrijfsvoering.")).to_be_visible()
    koen.refresh_from_db()
    assert koen.status == Registration.Status.CANCELLED
    bram = Registration.objects.get(guest_name="Bram Jansen")
    assert bram.status == Registration.Status.REGISTERED  # the waiting list moved up
    page.problems.assert_none()

    # Another network's event stays closed, in the editor and in the registrations.
    for path in (f"/admin/pages/{other.pk}/edit/", f"/admin/aanmeldingen/{other.pk}/"):
        page.goto(path)
        expect(page.get_by_text("Congres Sociaal Domein")).to_have_count(0)
        expect(page.get_by_text("Fatima El Amrani")).to_have_count(0)
        expect(page.get_by_text("je hebt geen toegang tot dit gedeelte")).to_be_visible()
