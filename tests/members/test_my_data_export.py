"""'Mijn gegevens': a member downloads everything the platform holds about them, as JSON."""

import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from django.test import Client

from members import privacy
from members.models import NetworkMembership
from members.notifications import set_notification
from taxonomy.models import Theme
from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from tests.vakgenoten.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db


@pytest.fixture
def anouk(db):
    return UserFactory(
        first_name="Anouk",
        last_name="de Vries",
        email="anouk@lindenholt.example",
        profile__organisation=OrganisationFactory(name="Gemeente Lindenholt"),
        profile__role="Beleidsadviseur Wmo",
        profile__bio="Ik werk aan schuldhulp.",
        profile__themes=[Theme.objects.create(name="Sociaal domein", slug="sociaal-domein")],
    )


@pytest.fixture
def logged_in(anouk):
    """Logged in through allauth, so the session is on the member's list of sessions."""
    client = Client(HTTP_USER_AGENT="Firefox op de laptop van het werk")
    response = client.post(
        "/accounts/login/", {"login": anouk.email, "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 302
    return client


@pytest.fixture
def registered_exporter():
    privacy.register_personal_data(
        "aanmeldingen",
        export=lambda user: [{"bijeenkomst": "Ledendag 2026", "lid": user.get_full_name()}],
    )
    yield
    privacy.unregister_personal_data("aanmeldingen")


def download(client):
    # The download asks for the password again (recent authentication), as a member would enter.
    client.post("/accounts/reauthenticate/", {"password": "geheim-wachtwoord-123"})
    response = client.get("/mijn-account/gegevens/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="vakgenoten-mijn-gegevens-'
    )
    return response, json.loads(response.content)


def test_my_data_page_explains_and_links_to_download_and_deletion(member_client):
    response = member_client.get("/mijn-account/gegevens/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/mijn-account/gegevens/download/"' in html
    assert 'href="/mijn-account/gegevens/verwijderen/"' in html
    assert_csp_clean(response)


def test_my_data_page_links_the_privacy_statement(home_page, member_client):
    html = member_client.get("/mijn-account/gegevens/").content.decode()
    assert 'href="/privacyverklaring/"' in html


def test_download_needs_a_login(client):
    response = client.get("/mijn-account/gegevens/download/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_export_holds_everything_about_the_member(anouk, logged_in, registered_exporter):
    NetworkMembership.objects.create(
        user=anouk,
        network=NetworkFactory(name="Community Overheid 2.0"),
        status=NetworkMembership.Status.APPROVED,
    )
    set_notification(anouk, "event_updates", False)

    _response, data = download(logged_in)

    assert data["account"]["e-mailadres"] == "anouk@lindenholt.example"
    assert data["account"]["voornaam"] == "Anouk"
    assert data["account"]["achternaam"] == "de Vries"
    assert data["e-mailadressen"] == [
        {"e-mailadres": "anouk@lindenholt.example", "bevestigd": True, "hoofdadres": True}
    ]
    assert data["profiel"]["organisatie"] == "Gemeente Lindenholt"
    assert data["profiel"]["functie"] == "Beleidsadviseur Wmo"
    assert data["profiel"]["themas"] == ["Sociaal domein"]
    assert data["profiel"]["over_mij"] == "Ik werk aan schuldhulp."
    assert data["netwerken"][0]["netwerk"] == "Community Overheid 2.0"
    assert data["netwerken"][0]["status"] == "Lid"
    assert (
        data["meldingen"][
            "Wijzigingen en herinneringen voor bijeenkomsten waar ik me voor aanmeldde"
        ]
        is False
    )
    assert data["meldingen"]["Antwoorden op mijn reacties"] is True
    assert len(data["sessies"]) == 1
    assert data["sessies"][0]["browser"] == "Firefox op de laptop van het werk"
    assert data["tweestapsverificatie"] == []
    # Everything another app registered is in it too.
    assert data["aanmeldingen"] == [{"bijeenkomst": "Ledendag 2026", "lid": "Anouk de Vries"}]


def test_export_says_mfa_is_on_but_holds_no_secrets(anouk, logged_in):
    secret = generate_totp_secret()
    TOTP.activate(anouk, secret)
    response, data = download(logged_in)
    assert [entry["soort"] for entry in data["tweestapsverificatie"]] == ["TOTP Authenticator"]
    raw = response.content.decode()
    assert secret not in raw
    stored = Authenticator.objects.get(user=anouk).data["secret"]
    assert stored not in raw
    assert "secret" not in raw
    assert "password" not in raw and "wachtwoord" not in raw.replace("Wachtwoorden", "")


def test_export_never_holds_another_members_data(anouk, logged_in):
    other = UserFactory(first_name="Joost", last_name="Bakker")
    _response, data = download(logged_in)
    assert other.email not in json.dumps(data)
    assert "Joost" not in json.dumps(data)
