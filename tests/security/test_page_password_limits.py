"""Passwords of password-protected pages cannot be guessed without limit: wrong guesses are
limited per visitor and per page password; past a limit even the right password is refused
(with a Dutch message on the password form) until the window has passed.

The probe could post guesses to Wagtail's /_util/authenticate_with_password/ without end.
"""

import time

import pytest

from django.test import Client

from wagtail.models import PageViewRestriction

from tests.concurrency import at_once
from vakgenoten.models import StandardPage

pytestmark = pytest.mark.django_db

PASSWORD = "lente-2026"


@pytest.fixture
def protected(home_page):
    about = StandardPage.objects.get(slug="over-vakgenoten")
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return about, restriction


def guess(client, protected, password):
    page, restriction = protected
    return client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
    )


def test_right_password_opens_the_page(client, protected):
    page, _ = protected
    assert client.get(page.url).status_code == 200
    assert "wachtwoord" in client.get(page.url).content.decode().lower()
    response = guess(client, protected, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == page.url


def test_visitor_guessing_is_stopped_and_the_right_password_refused_after_the_limit(
    client, protected, settings
):
    amount = settings.SITE_RATE_LIMITS["page_password"][0]
    for number in range(amount):
        assert guess(client, protected, f"fout-{number}").status_code == 200  # wrong, try again
    response = guess(client, protected, PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Je hebt te vaak een verkeerd wachtwoord ingevuld" in html
    assert "Probeer het over 15 minuten opnieuw" in html
    page, _ = protected
    assert f'value="{page.url}"' in html  # the form still goes back to the page
    # Not let in: the page still asks for the password.
    assert 'name="password"' in client.get(page.url).content.decode()


def test_visitor_is_let_in_again_once_the_window_has_passed(client, protected, settings):
    settings.SITE_RATE_LIMITS = {**settings.SITE_RATE_LIMITS, "page_password": (2, 1)}
    guess(client, protected, "fout-1")
    guess(client, protected, "fout-2")
    assert guess(client, protected, PASSWORD).status_code == 429
    time.sleep(1.1)
    assert guess(client, protected, PASSWORD).status_code == 302


def test_right_passwords_do_not_use_up_the_limit(protected, settings):
    amount = settings.SITE_RATE_LIMITS["page_password"][0]
    client = Client()
    for _ in range(amount * 2):
        assert guess(client, protected, PASSWORD).status_code == 302
    assert guess(client, protected, "fout").status_code == 200


def test_guesses_from_many_addresses_are_limited_per_page_password(protected, settings):
    amount = settings.SITE_RATE_LIMITS["page_password_page"][0]
    for number in range(amount):
        assert (
            guess(Client(REMOTE_ADDR=f"192.0.2.{number + 1}"), protected, "fout").status_code == 200
        )
    response = guess(Client(REMOTE_ADDR="198.51.100.99"), protected, PASSWORD)
    assert response.status_code == 429
    assert "Voor deze pagina is de laatste tijd te vaak" in response.content.decode()


def test_another_page_id_in_the_address_does_not_reset_the_count(home_page, protected, settings):
    amount = settings.SITE_RATE_LIMITS["page_password"][0]
    page, restriction = protected
    client = Client()
    for _ in range(amount):
        guess(client, protected, "fout")
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{home_page.pk}/",
        {"password": PASSWORD, "return_url": page.url},
    )
    assert response.status_code == 429


@pytest.mark.django_db(transaction=True)
def test_simultaneous_guesses_stay_within_the_limit(protected, settings, tmp_path):
    amount = settings.SITE_RATE_LIMITS["page_password"][0]
    clients = [Client(REMOTE_ADDR="198.51.100.7") for _ in range(amount + 10)]
    calls = [lambda client=client: guess(client, protected, "fout") for client in clients]
    codes = [response.status_code for response in at_once(calls, tmp_path)]
    assert codes.count(200) == amount
    assert codes.count(429) == 10


@pytest.fixture
def protected_collection(db):
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Bestuursstukken")
    return CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )


def guess_document_password(client, restriction, password):
    return client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": password, "return_url": "/documents/"},
    )


def test_document_passwords_are_limited_like_page_passwords(client, protected_collection, settings):
    amount = settings.SITE_RATE_LIMITS["page_password"][0]
    for number in range(amount):
        response = guess_document_password(client, protected_collection, f"fout-{number}")
        assert response.status_code == 200  # wrong, try again
    response = guess_document_password(client, protected_collection, PASSWORD)
    assert response.status_code == 429
    assert "Je hebt te vaak een verkeerd wachtwoord ingevuld" in response.content.decode()


def test_the_right_document_password_is_never_held_against_a_visitor(
    client, protected_collection, settings
):
    amount = settings.SITE_RATE_LIMITS["page_password"][0]
    for _attempt in range(amount + 2):
        response = guess_document_password(client, protected_collection, PASSWORD)
        assert response.status_code == 302
