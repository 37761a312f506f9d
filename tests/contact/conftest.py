"""Fixtures for messages between members: a sender, a recipient, loosened comment rules."""

import pytest

from comments.models import CommentSettings
from tests.factories import UserFactory


@pytest.fixture
def comment_settings(home_page):
    """The site's rules, loosened so a member's first message goes out at once."""
    from wagtail.models import Site

    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hold_first_comments = 0
    settings.save()
    return settings


@pytest.fixture
def sender(db):
    return UserFactory(first_name="Anouk", last_name="de Vries", email="anouk@lindenholt.example")


@pytest.fixture
def recipient(db):
    return UserFactory(
        first_name="Bram", last_name="Jansen", email="bram.geheim@bergambacht.example"
    )


@pytest.fixture
def sender_client(client, sender):
    client.force_login(sender)
    return client


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run a block and deliver the e-mail it queued (the outbox sends after commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def moderator_client(client, editor):
    client.force_login(editor)
    return client
