"""A page's query count does not grow with its comments; listings count comments in one query."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import ArticlePage
from comments.formatting import render_markdown
from comments.models import Comment
from comments.threads import annotate_comment_counts
from tests.blog.factories import make_article
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def add_comments(page, count, writers):
    """``count`` published comments: every third one a reply to the comment before it."""
    now = timezone.now()
    created = []
    for number in range(count):
        parent = None
        if number % 3 == 2 and created:
            parent = created[-1] if created[-1].parent_id is None else created[-2]
        comment = Comment(
            page=page,
            user=writers[number % len(writers)],
            parent=parent,
            body=f"Reactie {number}",
            body_html=render_markdown(f"Reactie **{number}**"),
            status=Comment.Status.PUBLISHED,
            created_at=now,
            published_at=now,
        )
        comment.save()
        created.append(comment)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


@pytest.fixture
def writers(db):
    return UserFactory.create_batch(6)


@pytest.mark.parametrize("signed_in", [False, True])
def test_article_with_500_comments_needs_at_most_one_query_more_than_with_5(
    client, member, blog_index, writers, comment_settings, signed_in, django_assert_max_num_queries
):
    """At most one query more: a thread longer than one page counts its pages, one that fits
    on one page does not need to (``comments.threads.thread_page``)."""
    small = make_article(blog_index, title="Weinig reacties")
    large = make_article(blog_index, title="Veel reacties")
    add_comments(small, 5, writers)
    add_comments(large, 500, writers)
    if signed_in:
        client.force_login(member)
    client.get(small.url)  # warm up caches (site root paths, settings) like a running site
    baseline, _response = queries_for(client, small.url)
    with django_assert_max_num_queries(baseline + 1):
        response = client.get(large.url)
    html = response.content.decode()
    assert "500 reacties" in html
    assert html.count('class="comment ') + html.count('class="comment"') <= 2 * 20 + 20


def test_listing_counts_comments_without_a_query_per_article(
    client, blog_index, writers, comment_settings, django_assert_max_num_queries
):
    articles = [make_article(blog_index, title=f"Artikel {n}") for n in range(3)]
    add_comments(articles[0], 4, writers)
    client.get(blog_index.url)
    baseline, response = queries_for(client, blog_index.url)
    assert "4 reacties" in response.content.decode()
    for n in range(3, 10):
        add_comments(make_article(blog_index, title=f"Artikel {n}"), 2, writers)
    with django_assert_max_num_queries(baseline):
        response = client.get(blog_index.url)
    assert response.content.decode().count("2 reacties") == 7


def test_annotate_comment_counts_counts_only_visible_comments(
    blog_index, writers, comment_settings, django_assert_num_queries
):
    article = make_article(blog_index)
    add_comments(article, 3, writers)
    Comment.objects.create(
        page=article, user=writers[0], body="x", body_html="x", status=Comment.Status.PENDING
    )
    Comment.objects.create(
        page=article,
        user=writers[0],
        body="",
        body_html="",
        status=Comment.Status.PUBLISHED,
        deleted_at=timezone.now(),
    )
    with django_assert_num_queries(1):
        counts = {
            page.pk: page.comment_count
            for page in annotate_comment_counts(ArticlePage.objects.all())
        }
    assert counts[article.pk] == 3
