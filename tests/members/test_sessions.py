"""Members see where they are logged in and end their other sessions."""

import pytest

from django.contrib.sessions.models import Session
from django.test import Client

from tests.vakgenoten.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db


def login(member, agent):
    client = Client(HTTP_USER_AGENT=agent)
    client.post("/accounts/login/", {"login": member.email, "password": "geheim-wachtwoord-123"})
    assert "_auth_user_id" in client.session
    return client


def test_member_sees_sessions_and_ends_the_others(member):
    laptop = login(member, "Firefox op de laptop")
    phone = login(member, "Safari op de telefoon")
    page = laptop.get("/accounts/sessions/")
    html = page.content.decode()
    assert "Firefox op de laptop" in html and "Safari op de telefoon" in html
    assert "Dit apparaat" in html
    assert_csp_clean(page)

    phone_key = phone.session.session_key
    laptop.post("/accounts/reauthenticate/", {"password": "geheim-wachtwoord-123"})
    response = laptop.post("/accounts/sessions/")
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=phone_key).exists()
    assert phone.get("/mijn-account/profiel/").status_code == 302  # logged out there
    assert laptop.get("/mijn-account/profiel/").status_code == 200  # still in here
