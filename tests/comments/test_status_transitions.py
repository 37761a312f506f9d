"""Every move between pending, published, rejected and spam is logged; the writer hears
when a held comment is approved or rejected, and why."""

import pytest

from comments.actions import moderate
from comments.models import Comment, ModerationDecision
from comments.rules import CommentRefused
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db

S = Comment.Status
TRANSITIONS = [
    (S.PENDING, S.PUBLISHED),
    (S.PENDING, S.REJECTED),
    (S.PENDING, S.SPAM),
    (S.PUBLISHED, S.REJECTED),
    (S.PUBLISHED, S.SPAM),
    (S.PUBLISHED, S.PENDING),
    (S.REJECTED, S.PUBLISHED),
    (S.REJECTED, S.SPAM),
    (S.REJECTED, S.PENDING),
    (S.SPAM, S.PUBLISHED),
    (S.SPAM, S.REJECTED),
    (S.SPAM, S.PENDING),
]


@pytest.mark.parametrize(("from_status", "to_status"), TRANSITIONS)
def test_each_status_transition_is_recorded(
    from_status, to_status, member, moderator, article, comment_settings, deliver
):
    comment = make_comment(article, member, "Tekst", status=from_status)
    with deliver():
        decision = moderate(comment, to_status, moderator=moderator, reason="Past niet")
    comment.refresh_from_db()
    assert comment.status == to_status
    assert decision.from_status == from_status
    assert decision.to_status == to_status
    assert decision.moderator == moderator
    assert decision.at is not None
    if to_status == S.PUBLISHED:
        assert comment.published_at is not None
    if to_status == S.REJECTED:
        assert comment.rejection_reason == "Past niet"


def test_same_status_changes_nothing(member, moderator, article, comment_settings):
    comment = make_comment(article, member, status=S.PUBLISHED)
    assert moderate(comment, S.PUBLISHED, moderator=moderator) is None
    assert not ModerationDecision.objects.exists()


def test_rejecting_needs_a_reason(member, moderator, article, comment_settings):
    comment = make_comment(article, member, status=S.PENDING)
    with pytest.raises(CommentRefused):
        moderate(comment, S.REJECTED, moderator=moderator, reason="  ")
    comment.refresh_from_db()
    assert comment.status == S.PENDING


def test_writer_hears_their_held_comment_was_approved(
    member, moderator, article, comment_settings, deliver, mailoutbox
):
    comment = make_comment(article, member, "Wacht", status=S.PENDING)
    with deliver():
        moderate(comment, S.PUBLISHED, moderator=moderator)
    approved = [m for m in mailoutbox if m.to == [member.email]]
    assert len(approved) == 1
    assert "is geplaatst" in approved[0].subject
    assert f"/reacties/{comment.pk}/" in approved[0].body


def test_writer_hears_why_their_comment_was_rejected(
    member, moderator, article, comment_settings, deliver, mailoutbox
):
    comment = make_comment(article, member, "Wacht", status=S.PENDING)
    with deliver():
        moderate(comment, S.REJECTED, moderator=moderator, reason="Persoonlijke aanval")
    message = next(m for m in mailoutbox if m.to == [member.email])
    assert "niet geplaatst" in message.subject
    assert "Persoonlijke aanval" in message.body


def test_marking_as_spam_sends_the_writer_nothing(
    member, moderator, article, comment_settings, deliver, mailoutbox
):
    comment = make_comment(article, member, "Koop nu", status=S.PENDING)
    with deliver():
        moderate(comment, S.SPAM, moderator=moderator)
    assert [m for m in mailoutbox if m.to == [member.email]] == []
