"""Comments close per page (editors) and by themselves after N days."""

from datetime import timedelta

import pytest

from django.utils import timezone

from comments.actions import post_comment
from comments.models import Comment, CommentClosure
from comments.rules import CommentRefused
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db


def test_editor_closes_comments_on_one_page(member_client, member, article, comment_settings):
    make_comment(article, member, "Al geplaatst")
    CommentClosure.objects.create(page=article, reason="Het gesprek is afgerond.")
    html = member_client.get(article.url).content.decode()
    assert "Het gesprek is afgerond." in html
    assert "Al geplaatst" in html  # what was said stays readable
    assert "<textarea" not in html
    response = member_client.post(
        f"/reacties/pagina/{article.pk}/", {"body": "Toch nog iets", "post": "1"}
    )
    assert "Het gesprek is afgerond." in response.content.decode()
    assert Comment.objects.count() == 1


def test_comments_close_after_the_number_of_days_in_the_settings(member, article, comment_settings):
    comment_settings.close_after_days = 30
    comment_settings.save()
    type(article).objects.filter(pk=article.pk).update(
        first_published_at=timezone.now() - timedelta(days=29)
    )
    article.refresh_from_db()
    assert post_comment(member, article, "Net op tijd").status == Comment.Status.PUBLISHED

    type(article).objects.filter(pk=article.pk).update(
        first_published_at=timezone.now() - timedelta(days=31)
    )
    article.refresh_from_db()
    with pytest.raises(CommentRefused, match="30 dagen"):
        post_comment(member, article, "Te laat")


def test_zero_days_means_never_closed(member, article, comment_settings):
    comment_settings.close_after_days = 0
    comment_settings.save()
    type(article).objects.filter(pk=article.pk).update(
        first_published_at=timezone.now() - timedelta(days=3000)
    )
    article.refresh_from_db()
    assert post_comment(member, article, "Nog steeds").status == Comment.Status.PUBLISHED
