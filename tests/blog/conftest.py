"""Fixtures for publishing: the review workflow and a superuser (tests/conftest.py: the rest)."""

import pytest

from tests.factories import UserFactory, with_second_factor


@pytest.fixture
def editorial(blog_index):
    """The groups "Auteurs" and "Redactie" and the review workflow on the knowledge base."""
    from blog.editorial import ensure_editorial_setup

    return ensure_editorial_setup(blog_index)


@pytest.fixture
def superuser(db):
    user = UserFactory(is_staff=True, is_superuser=True, first_name="Demo", last_name="Redacteur")
    return with_second_factor(user)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
