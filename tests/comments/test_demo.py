"""The demo has conversations to read and a moderation queue with something in it."""

import pytest

from django.core.management import call_command

from comments.models import Comment, CommentReport, ConversationSubscription

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Comment.objects.order_by("pk").values_list("pk", "body", "status", "parent_id")),
        CommentReport.objects.count(),
        ConversationSubscription.objects.count(),
    )


def test_demo_has_discussions_a_pending_comment_and_a_report(loaded_demo, client):
    assert Comment.objects.filter(status="published", parent=None).count() >= 5
    assert Comment.objects.filter(status="published").exclude(parent=None).count() >= 3
    assert Comment.objects.filter(status="pending").count() == 1
    assert CommentReport.objects.count() == 1
    article = Comment.objects.filter(status="published").first().page
    html = client.get(article.url).content.decode()
    assert "Reactie van" in html
    from django.utils import timezone

    assert not Comment.objects.filter(created_at__gt=timezone.now()).exists()


def test_demo_comments_load_twice_without_changes(loaded_demo):
    first = snapshot()
    from comments import demo

    demo.load()
    assert snapshot() == first


def test_demo_has_one_past_ban_and_nobody_suspended_now(loaded_demo):
    from comments.models import CommentBan

    call_command("load_demo")  # the second time
    assert CommentBan.objects.count() == 1
    assert CommentBan.objects.past().count() == 1
    assert not CommentBan.objects.active().exists()
