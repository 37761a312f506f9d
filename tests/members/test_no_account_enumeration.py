"""Nobody can find out whether an address has an account: the answers are the same."""

import pytest

from members.models import User
from tests.members.conftest import PASSWORD
from tests.members.helpers import comparable

pytestmark = pytest.mark.django_db


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(
    client, member, mailoutbox, deliver
):
    responses = []
    for address in [member.email, "onbekend@oosterdijk.example"]:
        with deliver():
            response = client.post("/accounts/password/reset/", {"email": address}, follow=True)
        responses.append(response)
    known, unknown = responses
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200
    assert comparable(known) == comparable(unknown)
    # Both get an e-mail: a reset link for the member, a "no account here" note for the other.
    assert [message.to for message in mailoutbox] == [
        [member.email],
        ["onbekend@oosterdijk.example"],
    ]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
    assert "Er bestaat geen account met dit adres" in mailoutbox[1].body


def test_signup_with_a_taken_address_looks_like_a_new_signup(client, member, sign_up, mailoutbox):
    taken = sign_up(email=member.email)
    client.cookies.clear()
    fresh = sign_up(email="nieuw@oosterdijk.example")
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(email=member.email).count() == 1

    # The owner of the taken address is told, by e-mail only.
    assert mailoutbox[0].to == [member.email]
    assert "Er bestaat al een account met dit adres" in mailoutbox[0].body
    assert mailoutbox[1].to == ["nieuw@oosterdijk.example"]

    taken_page = client.get("/accounts/confirm-email/")  # the last signup's page
    assert "nieuw@oosterdijk.example" in taken_page.content.decode()


def test_code_pages_for_taken_and_new_addresses_are_identical(client, member, sign_up):
    sign_up(email=member.email)
    taken_page = client.get("/accounts/confirm-email/")
    client.cookies.clear()
    sign_up(email="nieuw@oosterdijk.example")
    fresh_page = client.get("/accounts/confirm-email/")
    assert taken_page.status_code == fresh_page.status_code == 200
    assert comparable(taken_page, member.email) == comparable(
        fresh_page, "nieuw@oosterdijk.example"
    )


def test_wrong_password_and_unknown_address_get_the_same_message(client, member):
    wrong = client.post("/accounts/login/", {"login": member.email, "password": "fout" + PASSWORD})
    unknown = client.post(
        "/accounts/login/", {"login": "niemand@oosterdijk.example", "password": PASSWORD}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert comparable(wrong, member.email) == comparable(unknown, "niemand@oosterdijk.example")
    assert "error-summary" in wrong.content.decode()
