"""allauth's rate limits are on: repeated failed logins lock the address for a while."""

import pytest

pytestmark = pytest.mark.django_db


def test_too_many_failed_logins_lock_the_address_even_for_the_right_password(client, member):
    for _attempt in range(5):
        response = client.post(
            "/accounts/login/", {"login": member.email, "password": "helaas-fout-123"}
        )
        assert response.status_code == 200
        assert "Te veel inlogpogingen" not in response.content.decode()

    response = client.post(
        "/accounts/login/", {"login": member.email, "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 200
    assert "Te veel inlogpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_too_many_password_reset_requests_are_refused(client, member):
    statuses = [
        client.post("/accounts/password/reset/", {"email": member.email}).status_code
        for _request in range(7)
    ]
    assert statuses[:5] == [302] * 5
    assert 429 in statuses[5:]
