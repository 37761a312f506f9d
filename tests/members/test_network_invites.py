"""Managers invite people to a network by e-mail; the link expires, works once, and makes the
invitee an approved member, also of a network that approves its members."""

import re
from datetime import timedelta

import pytest

from django.utils import timezone

from members import network_invites
from members.models import NetworkInvite, NetworkMembership, User
from tests.factories import NetworkFactory, UserFactory, network_manager
from tests.members.conftest import code_from, signup_data

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/netwerken/[\w-]+/uitnodiging/\S+/")


@pytest.fixture
def network(db):
    return NetworkFactory(name="Netwerk Bedrijfsvoering Gemeenten", is_closed=True)


@pytest.fixture
def manager(network):
    return network_manager(network, email="bram@bergambacht.example")


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def url(network):
    return f"/netwerken/{network.slug}/uitnodigen/"


def send(manager_client, network, deliver, addresses, note=""):
    with deliver():
        return manager_client.post(url(network), {"addresses": addresses, "note": note})


def link_in(message):
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_manager_invites_and_an_existing_member_accepts(
    manager_client, client, network, manager, deliver, mailoutbox, django_assert_max_num_queries
):
    assert "Uitnodigen" in manager_client.get(network.get_absolute_url()).content.decode()
    response = send(
        manager_client, network, deliver, "anouk@lindenholt.example", note="Welkom bij ons!"
    )
    assert response.status_code == 302
    invitation = NetworkInvite.objects.get()
    assert invitation.email == "anouk@lindenholt.example"
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    [message] = mailoutbox
    assert message.to == ["anouk@lindenholt.example"]
    assert "Bram Jansen nodigt je uit" in message.subject
    assert "Welkom bij ons!" in message.body
    assert manager.email not in message.body + message.subject
    path = link_in(message)
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == network_invites.token_hash(token)
    assert token not in invitation.token_hash

    with django_assert_max_num_queries(12):
        page = manager_client.get(url(network))
    assert "anouk@lindenholt.example" in page.content.decode()

    forwarded_to = UserFactory(email="iemand.anders@oosterdijk.example")
    client.force_login(forwarded_to)
    refused = client.post(path, follow=True).content.decode()
    assert "Deze uitnodiging is voor een ander e-mailadres" in refused
    assert not NetworkMembership.objects.filter(user=forwarded_to, network=network).exists()

    anouk = UserFactory(email="Anouk@Lindenholt.example")  # the invited address
    client.logout()
    client.force_login(anouk)
    page = client.get(path)
    assert page.status_code == 200
    assert "Bram Jansen nodigt je uit" in page.content.decode()
    assert manager.email not in page.content.decode()
    response = client.post(path)
    assert response.status_code == 302
    membership = NetworkMembership.objects.get(user=anouk, network=network)
    assert membership.is_approved and membership.decided_by == manager
    invitation.refresh_from_db()
    assert invitation.accepted_by == anouk

    used = client.get(path)
    assert used.status_code == 410
    assert "al aangenomen" in used.content.decode()


def test_a_new_member_signs_up_from_the_link_and_comes_back_to_accept(
    manager_client, client, network, deliver, mailoutbox, django_capture_on_commit_callbacks
):
    send(manager_client, network, deliver, "nieuw@oosterdijk.example")
    path = link_in(mailoutbox[0])
    client.logout()
    page = client.get(path).content.decode()
    assert "Account aanmaken" in page and "Inloggen" in page
    assert "/accounts/signup/?next=" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/accounts/signup/?next={path}",
            {**signup_data(email="nieuw@oosterdijk.example"), "next": path},
        )
    response = client.post("/accounts/confirm-email/", {"code": code_from(mailoutbox[-1])})
    assert response.status_code == 302
    assert response["Location"] == path
    assert client.post(path).status_code == 302
    user = User.objects.get(email="nieuw@oosterdijk.example")
    assert NetworkMembership.objects.get(user=user, network=network).is_approved


def test_expired_and_unknown_links_get_a_dutch_page(
    manager_client, client, network, deliver, mailoutbox
):
    send(manager_client, network, deliver, "anouk@lindenholt.example")
    path = link_in(mailoutbox[0])
    NetworkInvite.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    expired = client.get(path)
    assert expired.status_code == 410
    assert "verlopen" in expired.content.decode()
    assert client.post(path).status_code == 410
    unknown = client.get(f"/netwerken/{network.slug}/uitnodiging/onzin/")
    assert unknown.status_code == 404
    assert "We kennen deze link niet" in unknown.content.decode()
    elsewhere = NetworkFactory()
    assert client.get(path.replace(network.slug, elsewhere.slug)).status_code == 404


def test_members_are_reported_not_invited_and_bad_addresses_keep_the_input(
    manager_client, network, manager, deliver, mailoutbox
):
    response = manager_client.post(url(network), {"addresses": "geen-adres, a@b.example"})
    assert response.status_code == 200
    assert "geen geldig e-mailadres: geen-adres" in response.content.decode()
    assert "geen-adres, a@b.example" in response.content.decode()
    response = send(manager_client, network, deliver, f"{manager.email.upper()} x@y.example")
    assert NetworkInvite.objects.get().email == "x@y.example"
    assert [m.to for m in mailoutbox] == [["x@y.example"]]
    page = manager_client.get(response["Location"]).content.decode()
    assert "Al lid van dit netwerk" in page and manager.email in page


def test_rate_limit_keeps_what_was_typed(manager_client, network, deliver, settings):
    settings.SITE_RATE_LIMITS = {**settings.SITE_RATE_LIMITS, "network_invite": (1, 3600)}
    send(manager_client, network, deliver, "een@gemeente.example")
    response = manager_client.post(
        url(network), {"addresses": "twee@gemeente.example", "note": "Mijn regel"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "veel uitnodigingen verstuurd" in text
    assert "twee@gemeente.example" in text and "Mijn regel" in text
    assert NetworkInvite.objects.count() == 1


def test_non_managers_are_refused(client, network, manager):
    assert client.get(url(network)).status_code == 302  # to the login
    client.force_login(UserFactory())
    assert client.get(url(network)).status_code == 403
    assert client.post(url(network), {"addresses": "a@b.example"}).status_code == 403
    assert not NetworkInvite.objects.exists()
    page = client.get(network.get_absolute_url()).content.decode()
    assert "Bericht aan de leden" not in page


def test_manager_withdraws_an_invite(manager_client, client, network, deliver, mailoutbox):
    send(manager_client, network, deliver, "anouk@lindenholt.example")
    invitation = NetworkInvite.objects.get()
    response = manager_client.post(f"{url(network)}{invitation.pk}/intrekken/", follow=True)
    assert "De uitnodiging is ingetrokken" in response.content.decode()
    assert not NetworkInvite.objects.exists()
    assert client.get(link_in(mailoutbox[0])).status_code == 404


def test_old_invites_are_forgotten(network, manager, settings):
    now = timezone.now()
    days = settings.NETWORK_INVITE_DAYS
    old = NetworkInvite.objects.create(
        network=network,
        email="a@b.example",
        token_hash="a" * 64,
        expires_at=now - timedelta(days=days + 1),
    )
    NetworkInvite.objects.create(
        network=network,
        email="c@d.example",
        token_hash="b" * 64,
        expires_at=now + timedelta(days=1),
    )
    assert network_invites.forget_old_invites(now) == 1
    assert not NetworkInvite.objects.filter(pk=old.pk).exists()
    assert NetworkInvite.objects.count() == 1
