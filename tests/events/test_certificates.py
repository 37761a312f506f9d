"""Certificates of attendance: after the event, for whoever was checked in, as PDF.

A member downloads their own from "Mijn evenementen"; someone else's, one not checked in or
one before the event ended is a 404. A guest uses the secret link of their registration.
"""

from datetime import timedelta
from decimal import Decimal

import pytest

from django.utils import timezone

from events.certificates import certificate_hours, certificate_lines, certificate_pdf
from events.checkin import check_in
from events.registration import register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_event(make_event):
    start = timezone.now() - timedelta(days=3)
    return make_event(
        title="Ledendag Standaardiseren",
        kind="ledendag",
        start=start,
        end=start + timedelta(hours=5, minutes=50),
    )


def attended(event, organiser, **fields):
    # Registered (before the event, as the site allows it) and checked in at the door.
    registration = register(event, notify=False, **fields).registration
    check_in(registration, organiser)
    registration.refresh_from_db()
    return registration


def test_hours_are_the_organisers_number_or_the_length_in_half_hours(past_event):
    assert certificate_hours(past_event) == Decimal("6")  # 5 h 50 rounds to 6
    past_event.end = past_event.start + timedelta(hours=2, minutes=20)
    assert certificate_hours(past_event) == Decimal("2.5")
    past_event.certificate_hours = Decimal("4.0")
    assert certificate_hours(past_event) == Decimal("4.0")


def test_the_certificate_names_person_event_kind_hours_and_reference(past_event, organiser):
    member = UserFactory(first_name="Anouk", last_name="de Vries")
    registration = attended(past_event, organiser, user=member)
    facts = dict(certificate_lines(registration))
    assert facts["Naam"] == "Anouk de Vries"
    assert facts["Evenement"] == "Ledendag Standaardiseren"
    assert facts["Soort"] == "Ledendag"
    assert facts["Aantal uren"] == "6 uur"
    assert facts["Kenmerk"] == registration.code
    assert facts["Organisator"] == "Netwerk Bedrijfsvoering"
    assert facts["Plaats"]
    assert "Datum" in facts

    pdf = certificate_pdf(registration, compress=False)
    assert pdf.startswith(b"%PDF")
    assert b"Anouk de Vries" in pdf
    assert b"Bewijs van deelname" in pdf
    assert registration.code.encode() in pdf
    assert b"Vakgenoten" in pdf


def test_half_hours_are_written_with_a_comma(past_event, organiser):
    past_event.certificate_hours = Decimal("2.5")
    past_event.save()
    registration = attended(past_event, organiser, guest_name="Joost Bakker")
    assert dict(certificate_lines(registration))["Aantal uren"] == "2,5 uur"


def test_member_downloads_their_certificate_from_my_events(client, past_event, organiser):
    member = UserFactory(first_name="Anouk", last_name="de Vries")
    registration = attended(past_event, organiser, user=member)
    client.force_login(member)
    html = client.get("/mijn-evenementen/?voorbij=1").content.decode()
    url = f"/evenementen/aanmeldingen/{registration.pk}/bewijs.pdf"
    assert f'href="{url}"' in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF")


def test_someone_elses_certificate_is_a_404(client, past_event, organiser):
    registration = attended(past_event, organiser, user=UserFactory())
    client.force_login(UserFactory())
    response = client.get(f"/evenementen/aanmeldingen/{registration.pk}/bewijs.pdf")
    assert response.status_code == 404


def test_no_certificate_without_check_in_or_before_the_end(client, past_event, make_event):
    member = UserFactory()
    registration = register(past_event, user=member, notify=False).registration
    client.force_login(member)
    url = f"/evenementen/aanmeldingen/{registration.pk}/bewijs.pdf"
    assert client.get(url).status_code == 404
    assert "bewijs.pdf" not in client.get("/mijn-evenementen/?voorbij=1").content.decode()

    upcoming = make_event()
    coming = register(upcoming, user=member, notify=False).registration
    coming.checked_in_at = timezone.now()
    coming.save()
    assert client.get(f"/evenementen/aanmeldingen/{coming.pk}/bewijs.pdf").status_code == 404


def test_visitors_are_sent_to_the_login(client, past_event, organiser):
    registration = attended(past_event, organiser, user=UserFactory())
    response = client.get(f"/evenementen/aanmeldingen/{registration.pk}/bewijs.pdf")
    assert response.status_code == 302


def test_a_guest_downloads_through_the_secret_link(client, past_event, organiser):
    registration = attended(past_event, organiser, guest_name="Sanne Visser")
    response = client.get(f"/evenementen/aanmelding/{registration.access_token}/bewijs.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert client.get("/evenementen/aanmelding/niet-de-sleutel/bewijs.pdf").status_code == 404


def test_the_demo_member_can_download_a_certificate(home_page):
    from events import demo as events_demo
    from events.certificates import certificate_available
    from events.models import Registration
    from home import demo as home_demo
    from members import demo as members_demo

    home_demo.load_shared()
    members_demo.load(home_page)
    events_demo.load(home_page)
    events_demo.load_attendance()  # twice changes nothing
    demo = Registration.objects.filter(
        user__email="anouk.devries@lindenholt.example", checked_in_at__isnull=False
    )
    assert demo.count() == 1
    assert certificate_available(demo.get())
