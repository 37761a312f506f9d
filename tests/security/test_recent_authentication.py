"""Account changes ask for recent authentication: a stolen session alone changes nothing.

The probe, holding only a session, added an e-mail address, confirmed it, reset the password
through it and signed in as the victim. Every account-changing page now asks for the password
again (allauth's re-authentication) when the member has not entered it in the last ten minutes.
"""

import pytest
from allauth.account.models import EmailAddress

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"
REAUTHENTICATE = "/accounts/reauthenticate/"

# Each page that changes the account or hands out its data, with what a POST would send.
SENSITIVE = [
    ("post", "/accounts/email/", {"action_add": "", "email": "aanvaller@elders.example"}),
    ("post", "/accounts/email/", {"action_remove": "", "email": "lid@gemeente.example"}),
    ("post", "/accounts/email/", {"action_primary": "", "email": "lid@gemeente.example"}),
    ("get", "/accounts/2fa/totp/activate/", {}),
    ("get", "/accounts/2fa/recovery-codes/generate/", {}),
    ("post", "/accounts/sessions/", {}),
    ("get", "/mijn-account/gegevens/download/", {}),
    ("get", "/mijn-account/gegevens/verwijderen/", {}),
]


@pytest.fixture
def session_only(client, home_page):
    """A browser holding a member's session, but not the password."""
    member = UserFactory(email="lid@gemeente.example")
    client.force_login(member)
    return client


@pytest.mark.parametrize(("method", "url", "data"), SENSITIVE)
def test_a_session_alone_is_sent_to_enter_the_password_again(session_only, method, url, data):
    response = getattr(session_only, method)(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(REAUTHENTICATE)


def test_a_session_alone_cannot_add_an_address(session_only):
    session_only.post("/accounts/email/", {"action_add": "", "email": "aanvaller@elders.example"})
    assert not EmailAddress.objects.filter(email="aanvaller@elders.example").exists()


def test_the_password_form_asks_for_the_current_password(session_only):
    response = session_only.post(
        "/accounts/password/change/",
        {"password1": "nieuw-wachtwoord-456", "password2": "nieuw-wachtwoord-456"},
    )
    assert response.status_code == 200
    assert session_only.login(email="lid@gemeente.example", password=PASSWORD)


def test_after_entering_the_password_the_member_adds_an_address(session_only):
    response = session_only.post(REAUTHENTICATE, {"password": PASSWORD})
    assert response.status_code == 302
    added = session_only.post(
        "/accounts/email/", {"action_add": "", "email": "tweede@gemeente.example"}
    )
    assert added["Location"] == "/accounts/confirm-email/"  # the code to confirm it is on its way
    assert session_only.get("/mijn-account/gegevens/download/").status_code == 200
    assert session_only.get("/accounts/sessions/").status_code == 200
