"""Fixtures for publishing: a knowledge base under the demo home page, themes, an editor."""

import pytest

from blog.models import BlogIndexPage
from tests.factories import UserFactory


@pytest.fixture
def taxonomy(home_page):
    """The demo themes, organisations and networks (site/demo.py)."""
    from home import demo as home_demo

    home_demo.load_shared()


@pytest.fixture
def blog_index(home_page, taxonomy):
    index = home_page.add_child(
        instance=BlogIndexPage(title="Kennisbank", slug="kennisbank", show_in_menus=True)
    )
    index.save_revision().publish()
    return index


@pytest.fixture
def editorial(blog_index):
    """The groups "Auteurs" and "Redactie" and the review workflow on the knowledge base."""
    from blog.editorial import ensure_editorial_setup

    return ensure_editorial_setup(blog_index)


@pytest.fixture
def superuser(db):
    from tests.blog.factories import with_second_factor

    user = UserFactory(is_staff=True, is_superuser=True, first_name="Demo", last_name="Redacteur")
    return with_second_factor(user)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
