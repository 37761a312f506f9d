"""A member's home page: its sections come from the shared cache, refreshed by what purges the
home page, so it takes the same few queries however much content the site holds."""

import pytest

from comments.actions import post_comment
from tests.blog.factories import make_article
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db

# The member, their session and networks, the page, its view restrictions, the unread count.
MEMBER_HOME_MAX_QUERIES = 8


@pytest.fixture
def blog_index_kept(settings, home_page, blog_index, comment_settings):
    """The knowledge base, with comments on and the page cache keeping pages."""
    settings.PAGE_CACHE_SECONDS = 300
    return blog_index


@pytest.mark.parametrize("count", [1, 12])
def test_a_members_home_page_takes_the_same_few_queries_at_any_size(
    member_client, member, blog_index_kept, count, django_assert_max_num_queries
):
    for number in range(count):
        article = make_article(blog_index_kept, title=f"Artikel {number}")
        make_comment(article, member, f"Reactie {number}")
    member_client.get("/")  # the first view fills the shared sections
    with django_assert_max_num_queries(MEMBER_HOME_MAX_QUERIES):
        response = member_client.get("/")
    content = response.content.decode()
    assert f"Artikel {count - 1}" in content
    assert f"Reactie {count - 1}" in content


def test_a_new_comment_reaches_the_members_kept_home_page(
    member_client, member, blog_index_kept, django_capture_on_commit_callbacks
):
    article = make_article(blog_index_kept, title="Samen inkopen")
    assert "Net geplaatst" not in member_client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(member, article, "Net geplaatst")
    assert "Net geplaatst" in member_client.get("/").content.decode()
