"""Members report a comment once; moderators hear of it; enough reports hide it until review."""

import pytest

from comments.actions import moderate, report_comment
from comments.models import Comment, CommentReport, ModerationDecision
from comments.rules import CommentRefused
from tests.comments.factories import make_comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_member_reports_a_comment_with_a_reason(
    client, member, other_member, article, comment_settings, moderator, deliver, mailoutbox
):
    comment = make_comment(article, other_member, "Onaardig")
    client.force_login(member)
    page = client.get(f"/reacties/{comment.pk}/melden/")
    assert "Wat is er mis met deze reactie?" in page.content.decode()
    with deliver():
        response = client.post(
            f"/reacties/{comment.pk}/melden/", {"reason": "abuse", "explanation": "Scheldwoord"}
        )
    assert response.status_code == 302
    report = CommentReport.objects.get()
    assert (report.reporter, report.reason, report.explanation) == (member, "abuse", "Scheldwoord")
    to_moderator = [m for m in mailoutbox if m.to == [moderator.email]]
    assert len(to_moderator) == 1
    assert "gemeld" in to_moderator[0].subject


def test_report_without_reason_gets_a_dutch_message(
    client, member, other_member, article, comment_settings
):
    comment = make_comment(article, other_member)
    client.force_login(member)
    response = client.post(f"/reacties/{comment.pk}/melden/", {"reason": ""})
    assert "Kies een reden" in response.content.decode()
    assert not CommentReport.objects.exists()


def test_a_member_reports_a_comment_only_once(member, other_member, article, comment_settings):
    comment = make_comment(article, other_member)
    report_comment(comment, member, "spam")
    with pytest.raises(CommentRefused, match="al gemeld"):
        report_comment(comment, member, "abuse")
    assert CommentReport.objects.count() == 1


def test_comment_is_hidden_after_reports_from_different_members(
    client, other_member, article, comment_settings
):
    comment_settings.reports_to_hide = 3
    comment_settings.save()
    comment = make_comment(article, other_member, "Omstreden reactie")
    reporters = UserFactory.create_batch(3)
    report_comment(comment, reporters[0], "abuse")
    report_comment(comment, reporters[1], "abuse")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    report_comment(comment, reporters[2], "spam")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.hidden_by_reports
    decision = ModerationDecision.objects.get(comment=comment)
    assert decision.moderator is None
    assert "3 meldingen" in decision.reason
    assert "Omstreden reactie" not in client.get(article.url).content.decode()


def test_hidden_comment_comes_back_when_a_moderator_approves_it(
    other_member, moderator, article, comment_settings, deliver, mailoutbox
):
    comment_settings.reports_to_hide = 1
    comment_settings.save()
    comment = make_comment(article, other_member)
    report_comment(comment, UserFactory(), "abuse")
    with deliver():
        moderate(comment, Comment.Status.PUBLISHED, moderator=moderator)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    assert not comment.hidden_by_reports
    assert not comment.reports.filter(resolved=False).exists()
    # It had been published before: the writer gets no "approved" mail for it.
    assert [m for m in mailoutbox if m.to == [other_member.email]] == []


def test_you_cannot_report_your_own_comment(member, article, comment_settings):
    comment = make_comment(article, member)
    with pytest.raises(CommentRefused):
        report_comment(comment, member, "spam")
