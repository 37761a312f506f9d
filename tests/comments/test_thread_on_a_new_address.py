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


def thread_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    # The page's comments (not a count annotated on a list of articles).
    own = ('SELECT "comments_comment".', 'SELECT COUNT(*) AS "__count" FROM "comments_comment"')
    asked = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(own)]
    return response.content.decode(), asked


def test_a_conversation_without_comments_asks_for_no_thread(client, article, comment_settings):
    """Its count (0) says there is nothing to show: one count, no thread query."""
    html, asked = thread_queries(client, article.url)
    assert len(asked) == 1
    assert asked[0].startswith("SELECT COUNT(*)")
    assert 'class="comment-list"' not in html


def test_deleted_and_waiting_comments_show_to_nobody_else(
    client, member_client, member, article, comment_settings
):
    from django.utils import timezone

    from tests.factories import UserFactory

    other = UserFactory()
    make_comment(article, other, "Ingetrokken", deleted_at=timezone.now())
    make_comment(article, other, "Wacht op de redactie", status="pending")
    for reader in (client, member_client):
        html, asked = thread_queries(reader, article.url)
        assert "Ingetrokken" not in html
        assert "Wacht op de redactie" not in html
        assert 'class="comment-list"' not in html


def test_a_reader_still_sees_their_own_waiting_comment(
    member_client, member, article, comment_settings
):
    make_comment(article, member, "Mijn eerste vraag", status="pending")
    html, _asked = thread_queries(member_client, article.url)
    assert "Mijn eerste vraag" in html
    assert "wacht op goedkeuring" in html


def test_a_deleted_comment_with_an_answer_keeps_its_place(client, article, comment_settings):
    from django.utils import timezone

    from tests.factories import UserFactory

    top = make_comment(article, UserFactory(), "Weg", deleted_at=timezone.now())
    make_comment(article, UserFactory(), "Het antwoord blijft", parent=top)
    html, _asked = thread_queries(client, article.url)
    assert "Het antwoord blijft" in html
    assert "Deze reactie is verwijderd." in html
