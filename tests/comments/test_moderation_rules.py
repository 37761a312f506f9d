"""The rules editors set decide what is published at once, what waits, and what is refused."""

from datetime import timedelta

import pytest

from django.utils import timezone

from comments.actions import post_comment
from comments.models import Comment, TrustedCommenter
from comments.rules import CommentRefused
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db


def write(client, page, text):
    return client.post(f"/reacties/pagina/{page.pk}/", {"body": text, "post": "1"})


def test_first_comments_of_a_member_are_held(member, article, comment_settings):
    comment_settings.hold_first_comments = 2
    comment_settings.save()
    first = post_comment(member, article, "Eerste")
    assert first.status == Comment.Status.PENDING
    assert "eerste 2 reacties" in " ".join(first.hold_reasons)

    # Two published comments later, the member's comments go through.
    make_comment(article, member, "Gepubliceerd 1")
    make_comment(article, member, "Gepubliceerd 2")
    assert post_comment(member, article, "Nu wel").status == Comment.Status.PUBLISHED


def test_comment_with_too_many_links_is_held(member, article, comment_settings):
    comment_settings.max_links = 2
    comment_settings.save()
    two = post_comment(member, article, "Zie https://a.example en [b](https://b.example)")
    assert two.status == Comment.Status.PUBLISHED
    three = post_comment(
        member, article, "https://a.example https://b.example www.c.example/pagina"
    )
    assert three.status == Comment.Status.PENDING
    assert "3 links" in " ".join(three.hold_reasons)


def test_comment_with_a_blocked_word_is_held(member, article, comment_settings):
    comment_settings.blocked_words = "oplichter\ngratis geld"
    comment_settings.save()
    assert post_comment(member, article, "Een nette reactie").status == Comment.Status.PUBLISHED
    held = post_comment(member, article, "Wat een OPLICHTERS zijn dat")
    assert held.status == Comment.Status.PENDING
    assert "oplichter" in " ".join(held.hold_reasons)
    phrase = post_comment(member, article, "Hier krijg je Gratis Geld")
    assert phrase.status == Comment.Status.PENDING


def test_blocked_word_inside_another_word_does_not_count(member, article, comment_settings):
    comment_settings.blocked_words = "kont"
    comment_settings.save()
    assert post_comment(member, article, "Dat bekonkelen we samen").status == (
        Comment.Status.PUBLISHED
    )


def test_member_who_comments_too_fast_is_refused_and_keeps_the_text(
    member_client, member, article, comment_settings
):
    comment_settings.rate_limit_count = 2
    comment_settings.rate_limit_minutes = 10
    comment_settings.save()
    write(member_client, article, "Een")
    write(member_client, article, "Twee")
    response = write(member_client, article, "Mijn derde gedachte")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wacht even" in html
    assert "Mijn derde gedachte" in html
    assert Comment.objects.count() == 2


def test_rate_limit_counts_only_the_last_minutes(member, article, comment_settings):
    comment_settings.rate_limit_count = 1
    comment_settings.rate_limit_minutes = 10
    comment_settings.save()
    make_comment(article, member, "Lang geleden", created_at=timezone.now() - timedelta(minutes=11))
    assert post_comment(member, article, "Nu weer").status == Comment.Status.PUBLISHED
    with pytest.raises(CommentRefused):
        post_comment(member, article, "En nog een")


def test_trusted_member_publishes_at_once(member, article, comment_settings):
    comment_settings.hold_first_comments = 5
    comment_settings.max_links = 0
    comment_settings.blocked_words = "oplichter"
    comment_settings.save()
    TrustedCommenter.objects.create(user=member, note="Vaste columnist")
    comment = post_comment(member, article, "Oplichter? Zie https://a.example")
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.hold_reasons == []
