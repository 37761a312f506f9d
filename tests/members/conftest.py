"""Fixtures and helpers for the members tests: signing up, reading codes from e-mail."""

import re

import pytest

from tests.factories import UserFactory

CODE = re.compile(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", re.MULTILINE)
PASSWORD = "een-lang-wachtwoord-42"


def code_from(message):
    """The verification code in an allauth e-mail."""
    match = CODE.search(message.body)
    assert match, message.body
    return match.group(1)


def signup_data(**overrides):
    data = {
        "first_name": "Anouk",
        "last_name": "de Vries",
        "email": "anouk@lindenholt.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """POST the sign-up form (queued e-mail is delivered at once); returns the response."""

    def post(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/accounts/signup/", signup_data(**overrides))

    return post


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run a block and deliver the e-mail it queued (the outbox sends after commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def colleague(db):
    return UserFactory()


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a temporary folder for this test."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
