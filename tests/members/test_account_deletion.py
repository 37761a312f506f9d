"""A member deletes their account: data goes, comments go or stay anonymous, sessions end."""

import pytest
from allauth.account.models import EmailAddress

from django.contrib.sessions.models import Session
from django.test import Client

from members import privacy
from members.models import NetworkMembership, Profile, User
from tests.factories import NetworkFactory, UserFactory
from tests.members.factories import image_upload
from vakgenoten.models import OutgoingEmail

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"


class FakeComments:
    """Stands in for the comments app: it registers an eraser, as the registry's contract says."""

    def __init__(self):
        self.calls = []
        self.rows = {}  # user id -> list of comment texts, with the author or None

    def erase(self, user, keep_comments):
        # The user still exists while erasers run, so their rows can be found.
        assert User.objects.filter(pk=user.pk).exists()
        self.calls.append((user.pk, keep_comments))
        if keep_comments:
            self.rows[user.pk] = [(None, text) for _author, text in self.rows[user.pk]]
        else:
            self.rows[user.pk] = []


@pytest.fixture
def comments():
    fake = FakeComments()
    # The comments app registered the real entry under this name; put it back afterwards, or
    # every later test (tests/comments/test_privacy.py) finds no comments in the registry.
    real = privacy._registry.get("reacties")
    privacy.register_personal_data("reacties", erase=fake.erase)
    yield fake
    privacy.unregister_personal_data("reacties")
    if real is not None:
        privacy._registry["reacties"] = real


@pytest.fixture
def leaving(db, media):
    member = UserFactory(first_name="Mirjam", last_name="Visser", email="mirjam@hoogeland.example")
    NetworkMembership.objects.create(
        user=member, network=NetworkFactory(), status=NetworkMembership.Status.APPROVED
    )
    return member


def login(user, agent="Browser"):
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def reauthenticate(client):
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302


def test_deletion_asks_for_the_password_again(leaving):
    client = login(leaving)
    response = client.get("/mijn-account/gegevens/verwijderen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/?next=")
    reauthenticate(client)
    page = client.get("/mijn-account/gegevens/verwijderen/")
    assert page.status_code == 200
    assert "Dit kun je niet ongedaan maken." in page.content.decode()


@pytest.mark.parametrize("choice", ["keep", "remove"])
def test_member_deletes_the_account_with_either_choice_for_comments(
    home_page, leaving, comments, choice, media, deliver
):
    comments.rows[leaving.pk] = [(leaving.pk, "Goed stuk over de Omgevingswet!")]
    OutgoingEmail.objects.create(
        key="test:welkom", to=leaving.email, subject="Welkom", body="Hallo Mirjam"
    )
    client = login(leaving, agent="Laptop")
    other_device = login(leaving, agent="Telefoon")
    other_key = other_device.session.session_key
    client.post(
        "/mijn-account/profiel/",
        {
            "first_name": "Mirjam",
            "last_name": "Visser",
            "visibility": "members",
            "avatar": image_upload(),
        },
    )
    assert any(media.rglob("*.webp"))
    reauthenticate(client)

    with deliver():  # the photo files are removed once the transaction commits
        response = client.post(
            "/mijn-account/gegevens/verwijderen/",
            {"comments": choice, "confirm": "on"},
            follow=True,
        )

    assert response.status_code == 200
    assert "Je account en je gegevens zijn verwijderd." in response.content.decode()
    assert comments.calls == [(leaving.pk, choice == "keep")]
    if choice == "keep":
        assert comments.rows[leaving.pk] == [(None, "Goed stuk over de Omgevingswet!")]
    else:
        assert comments.rows[leaving.pk] == []

    assert not User.objects.filter(pk=leaving.pk).exists()
    assert not EmailAddress.objects.filter(email="mirjam@hoogeland.example").exists()
    assert not Profile.objects.filter(user_id=leaving.pk).exists()
    assert not NetworkMembership.objects.filter(user_id=leaving.pk).exists()
    assert not any(media.rglob("*.webp"))  # the photos are gone too
    assert not OutgoingEmail.objects.filter(to="mirjam@hoogeland.example").exists()

    # Every session ended: this device and the other one.
    assert "_auth_user_id" not in client.session
    assert not Session.objects.filter(session_key=other_key).exists()
    assert other_device.get("/mijn-account/profiel/").status_code == 302


def test_deletion_needs_a_choice_and_a_confirmation(leaving, comments):
    client = login(leaving)
    reauthenticate(client)
    response = client.post("/mijn-account/gegevens/verwijderen/", {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies wat er met je reacties gebeurt." in html
    assert "Vink aan dat je je account definitief wilt verwijderen." in html
    assert User.objects.filter(pk=leaving.pk).exists()
    assert comments.calls == []


def test_a_failing_eraser_deletes_nothing(leaving):
    def broken(user, keep_comments):
        NetworkMembership.objects.filter(user=user).delete()
        raise RuntimeError("database van een andere app is weg")

    privacy.register_personal_data("kapot", erase=broken)
    try:
        client = login(leaving)
        reauthenticate(client)
        client.raise_request_exception = False
        response = client.post(
            "/mijn-account/gegevens/verwijderen/", {"comments": "remove", "confirm": "on"}
        )
        assert response.status_code == 500
    finally:
        privacy.unregister_personal_data("kapot")
    assert User.objects.filter(pk=leaving.pk).exists()
    assert NetworkMembership.objects.filter(user=leaving).exists()  # rolled back
