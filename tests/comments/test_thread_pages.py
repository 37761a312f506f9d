"""The pages of a conversation: the first is read without counting when the thread fits on it."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.threads import THREADS_PER_PAGE, thread_page
from tests.comments.test_query_counts import add_comments

pytestmark = pytest.mark.django_db

# add_comments makes every third comment a reply: 31 comments are 21 top-level ones, one more
# than a page holds.
LONGER = 31
assert LONGER - (LONGER + 1) // 3 == THREADS_PER_PAGE + 1


def bodies(comments):
    return [comment.body for comment in comments]


@pytest.mark.parametrize("number", [1, "1"])
def test_a_thread_that_fits_on_one_page_is_read_without_a_count(article, member, number):
    add_comments(article, 7, [member])  # 5 top-level comments, 2 replies

    with CaptureQueriesContext(connection) as context:
        page_obj, comments = thread_page(article, number=number)
        pages = (page_obj.number, page_obj.paginator.num_pages, page_obj.has_next())

    assert pages == (1, 1, False)
    assert len(comments) == 5
    assert sum(len(comment.visible_replies) for comment in comments) == 2
    sql = [query["sql"] for query in context.captured_queries]
    assert len(sql) == 2, sql  # the top-level comments and their replies
    assert not any("COUNT(" in statement for statement in sql)


def test_a_longer_thread_still_counts_its_pages(article, member):
    add_comments(article, LONGER, [member])

    first, on_first = thread_page(article)
    second, on_second = thread_page(article, number="2")

    assert (first.paginator.num_pages, first.has_next(), second.has_previous()) == (2, True, True)
    assert len(on_first) == THREADS_PER_PAGE
    assert len(on_second) == 1
    assert not set(bodies(on_first)) & set(bodies(on_second))


@pytest.mark.parametrize(("asked", "shown"), [("abc", 1), ("0", 2), ("99", 2), ("", 1)])
def test_odd_page_numbers_show_a_page_that_exists(article, member, asked, shown):
    add_comments(article, LONGER, [member])

    page_obj, comments = thread_page(article, number=asked)

    assert page_obj.number == shown
    assert comments
