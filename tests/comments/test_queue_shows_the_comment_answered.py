"""The queue shows the comment a reply actually answers (a reply to a reply), not the first
comment of the conversation; and it costs the same number of queries for 5 or 50 comments."""

import pytest

from comments.actions import post_comment
from comments.models import Comment
from tests.comments.factories import make_comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/reacties/"


def test_a_reply_to_a_reply_keeps_the_comment_it_answers(
    member, other_member, article, comment_settings
):
    top = make_comment(article, other_member, "De vraag")
    answer = post_comment(member, article, "Het eerste antwoord", parent=top)
    reply = post_comment(other_member, article, "Een antwoord op het antwoord", parent=answer)
    assert answer.parent == top and answer.in_reply_to == top
    assert reply.parent == top  # one level of replies under the first comment
    assert reply.in_reply_to == answer
    assert reply.answered == answer


def test_queue_shows_the_reply_answered_not_the_top_of_the_thread(
    moderator_client, member, other_member, article, comment_settings
):
    top = make_comment(article, other_member, "De vraag waar het gesprek mee begon")
    answer = make_comment(article, member, "Het antwoord dat beantwoord wordt", parent=top)
    make_comment(
        article,
        UserFactory(first_name="Bram", last_name="Jansen"),
        "Mijn wachtende reactie op het antwoord",
        parent=top,
        in_reply_to=answer,
        status="pending",
    )
    html = moderator_client.get(QUEUE).content.decode()
    assert "Mijn wachtende reactie op het antwoord" in html
    assert f"Antwoord op {member.get_full_name()}" in html
    assert "Het antwoord dat beantwoord wordt" in html
    assert "De vraag waar het gesprek mee begon" not in html


def test_detail_shows_the_reply_answered_too(
    moderator_client, member, other_member, article, comment_settings
):
    top = make_comment(article, other_member, "Beginvraag")
    answer = make_comment(article, member, "Het tussenantwoord", parent=top)
    reply = make_comment(
        article, other_member, "Wacht", parent=top, in_reply_to=answer, status="pending"
    )
    html = moderator_client.get(f"{QUEUE}{reply.pk}/").content.decode()
    assert "Het tussenantwoord" in html
    assert "Beginvraag" not in html


def test_a_removed_answered_reply_is_named_as_gone(
    moderator_client, member, other_member, article, comment_settings
):
    top = make_comment(article, other_member, "Beginvraag")
    answer = make_comment(article, member, "Verdwijnt", parent=top)
    make_comment(article, other_member, "Wacht", parent=top, in_reply_to=answer, status="pending")
    answer.delete()
    html = moderator_client.get(QUEUE).content.decode()
    assert "Antwoord op een reactie die niet meer bestaat." in html


def fill_queue(article, count):
    writers = UserFactory.create_batch(3)
    top = make_comment(article, writers[0], "Begin")
    answer = make_comment(article, writers[1], "Antwoord", parent=top)
    for number in range(count):
        make_comment(
            article,
            writers[number % 3],
            f"Wacht {number}",
            parent=top if number % 2 else None,
            in_reply_to=answer if number % 2 else None,
            status="pending",
        )
    Comment.objects.filter(pk=top.pk).update(status="published")


def test_queue_query_count_does_not_grow_with_the_comments(
    moderator_client, blog_index, comment_settings, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from comments.actions import ban_member
    from tests.blog.factories import make_article

    small = make_article(blog_index, title="Klein")
    fill_queue(small, 4)
    moderator_client.get(QUEUE)  # warm up like a running site
    with CaptureQueriesContext(connection) as baseline:
        assert moderator_client.get(QUEUE).status_code == 200
    large = make_article(blog_index, title="Groot")
    fill_queue(large, 45)
    from django.utils import timezone

    for writer in {c.user for c in Comment.objects.filter(page=large).select_related("user")}:
        ban_member(writer, None, timezone.now() + timezone.timedelta(days=1), "Te fel")
    with django_assert_max_num_queries(len(baseline)):
        html = moderator_client.get(QUEUE).content.decode()
    assert "Wacht 44" in html and "Geschorst tot" in html
