"""A member sees their registrations, upcoming and past, with status and a cancel button."""

from datetime import timedelta

import pytest

from django.utils import timezone

from events.models import Registration

pytestmark = pytest.mark.django_db


def test_member_sees_upcoming_and_past_registrations(member_client, member, make_event):
    now = timezone.now()
    upcoming = make_event(title="Webinar over de BIO")
    full = make_event(title="Regiobijeenkomst Noord", capacity=0)
    past = make_event(title="Ledendag vorig jaar", start=now - timedelta(days=30))
    Registration.objects.create(event=upcoming, user=member, seat=1, remark="Graag glutenvrij")
    Registration.objects.create(event=full, user=member, status="waiting")
    Registration.objects.create(event=past, user=member, seat=1)

    html = member_client.get("/mijn-evenementen/").content.decode()
    assert "Webinar over de BIO" in html
    assert "Regiobijeenkomst Noord" in html
    assert "Wachtlijst" in html
    assert "Graag glutenvrij" in html
    assert html.count(">Afmelden<") == 2
    assert "Ledendag vorig jaar" not in html

    html = member_client.get("/mijn-evenementen/?voorbij=1").content.decode()
    assert "Ledendag vorig jaar" in html
    assert "Webinar over de BIO" not in html
    assert ">Afmelden<" not in html


def test_my_events_needs_a_login(client, home_page):
    response = client.get("/mijn-evenementen/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
