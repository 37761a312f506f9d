"""Fixtures for the comments tests: an article with an author, members, a moderator."""

import pytest

from blog.models import BlogPostPage
from comments.models import CommentSettings
from tests.blog.factories import make_article, make_author
from tests.factories import UserFactory


@pytest.fixture
def author_member(db):
    return UserFactory(first_name="Wouter", last_name="Hoekstra")


@pytest.fixture
def article(blog_index, author_member):
    author = make_author("Wouter Hoekstra", user=author_member)
    return make_article(
        blog_index,
        model=BlogPostPage,
        title="Samen inkopen met de buurgemeenten",
        authors=[author],
    )


@pytest.fixture
def comment_settings(home_page):
    """The site's rules, loosened so a member's first comment is published at once."""
    from wagtail.models import Site

    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hold_first_comments = 0
    settings.save()
    return settings


@pytest.fixture
def strict_settings(comment_settings):
    comment_settings.hold_first_comments = 1
    comment_settings.save()
    return comment_settings


@pytest.fixture
def other_member(db):
    return UserFactory(first_name="Fatima", last_name="El Amrani")


@pytest.fixture
def moderator(editor):
    """A member of the Redactie group (which the migration gave the moderation rights)."""
    return editor


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run a block and deliver the e-mail it queued (the outbox sends after commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
