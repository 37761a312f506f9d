"""An article on an address nobody asked for before (a campaign tag, a click id in the query
string) reads the thread kept for everyone: its links keep only the thread page."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_reply_links_keep_only_the_thread_page(member_client, article, comment_settings):
    comment = make_comment(article, None, "Hoe deden jullie dat?")
    content = member_client.get(article.url, {"utm_source": "nieuwsbrief", "reacties": "1"})
    html = content.content.decode()
    assert f'href="?reacties=1&amp;reageer={comment.pk}#reageren"' in html
    assert "utm_source=nieuwsbrief&amp;reageer" not in html


def test_a_new_query_string_renders_no_new_thread(
    member_client, page_cache, member, article, comment_settings
):
    for number in range(6):
        make_comment(article, None, f"Ervaring {number}")
    member_client.get(article.url)
    with CaptureQueriesContext(connection) as known:
        member_client.get(article.url)
    with CaptureQueriesContext(connection) as new:
        response = member_client.get(article.url, {"fbclid": "abc123"})
    assert "Ervaring 5" in response.content.decode()
    assert len(new.captured_queries) == len(known.captured_queries)
