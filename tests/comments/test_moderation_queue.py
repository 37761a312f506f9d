"""Editors moderate a busy day in the admin: a queue with context, filters, bulk decisions
with a reason, a history of who decided what, and the pending count in the menu."""

import pytest

from comments.models import Comment, ModerationDecision
from tests.comments.factories import make_comment, with_second_factor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/reacties/"


def test_queue_shows_pending_comments_with_article_and_parent(
    moderator_client, member, other_member, article, comment_settings
):
    top = make_comment(article, other_member, "De vraag waar het om draait")
    make_comment(
        article,
        member,
        "Mijn wachtende antwoord",
        parent=top,
        status="pending",
        hold_reasons=["De eerste reactie van dit lid."],
    )
    make_comment(article, member, "Al geplaatst en niet in de wachtrij")
    response = moderator_client.get(QUEUE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mijn wachtende antwoord" in html
    assert "De vraag waar het om draait" in html  # the parent, for context
    assert article.title in html
    assert "De eerste reactie van dit lid." in html
    assert "Al geplaatst en niet in de wachtrij" not in html


def test_queue_filters_by_status_and_page(
    moderator_client, member, blog_index, article, comment_settings
):
    from tests.blog.factories import make_article

    other_article = make_article(blog_index, title="Ander artikel")
    make_comment(article, member, "Spam hier", status="spam")
    make_comment(other_article, member, "Wachtend elders", status="pending")
    make_comment(article, member, "Wachtend hier", status="pending")
    html = moderator_client.get(QUEUE, {"status": "spam"}).content.decode()
    assert "Spam hier" in html and "Wachtend hier" not in html
    html = moderator_client.get(
        QUEUE, {"status": "pending", "page_id": article.pk}
    ).content.decode()
    assert "Wachtend hier" in html and "Wachtend elders" not in html


def test_moderator_approves_in_bulk(
    moderator_client, moderator, member, article, comment_settings, deliver, mailoutbox
):
    comments = [make_comment(article, member, f"Wacht {n}", status="pending") for n in range(3)]
    with deliver():
        response = moderator_client.post(
            QUEUE,
            {"action": "approve", "comments": [c.pk for c in comments[:2]], "next": QUEUE},
        )
    assert response.status_code == 302
    statuses = [Comment.objects.get(pk=c.pk).status for c in comments]
    assert statuses == ["published", "published", "pending"]
    decisions = ModerationDecision.objects.filter(moderator=moderator)
    assert decisions.count() == 2
    assert len([m for m in mailoutbox if m.to == [member.email]]) == 2


def test_bulk_reject_needs_a_reason_and_passes_it_on(
    moderator_client, member, article, comment_settings, deliver, mailoutbox
):
    comment = make_comment(article, member, "Scheldpartij", status="pending")
    moderator_client.post(QUEUE, {"action": "reject", "comments": [comment.pk], "reason": ""})
    comment.refresh_from_db()
    assert comment.status == "pending"
    with deliver():
        moderator_client.post(
            QUEUE,
            {
                "action": "reject",
                "comments": [comment.pk],
                "reason": "Niet op de inhoud",
                "confirm": "1",
            },
        )
    comment.refresh_from_db()
    assert comment.status == "rejected"
    assert comment.rejection_reason == "Niet op de inhoud"
    assert "Niet op de inhoud" in mailoutbox[-1].body


def test_bulk_mark_as_spam(moderator_client, member, article, comment_settings):
    comments = [make_comment(article, member, "Koop nu", status="pending") for _ in range(2)]
    moderator_client.post(
        QUEUE, {"action": "spam", "comments": [c.pk for c in comments], "confirm": "1"}
    )
    assert set(Comment.objects.values_list("status", flat=True)) == {"spam"}


def test_detail_shows_reports_and_history_of_who_decided_what(
    moderator_client, moderator, member, other_member, article, comment_settings
):
    from comments.actions import moderate, report_comment

    comment = make_comment(article, member, "Discutabel")
    report_comment(comment, other_member, "abuse", "Dit is kwetsend")
    moderate(comment, "rejected", moderator=moderator, reason="Kwetsend")
    html = moderator_client.get(f"{QUEUE}{comment.pk}/").content.decode()
    assert "Dit is kwetsend" in html
    assert "Kwetsend" in html
    assert moderator.get_full_name() in html
    history = moderator_client.get(f"{QUEUE}geschiedenis/").content.decode()
    assert moderator.get_full_name() in history
    assert "Kwetsend" in history


def test_single_decision_from_the_detail_page(moderator_client, member, article, comment_settings):
    comment = make_comment(article, member, "Wacht", status="pending")
    response = moderator_client.post(f"{QUEUE}{comment.pk}/", {"action": "approve", "reason": ""})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "published"


def test_menu_shows_the_pending_count(moderator_client, member, article, comment_settings):
    make_comment(article, member, status="pending")
    make_comment(article, member, status="pending")
    html = moderator_client.get("/admin/").content.decode()
    assert "Reacties (2)" in html


def test_members_without_moderation_rights_cannot_open_the_queue(client, article, comment_settings):
    editor_without_rights = with_second_factor(UserFactory(is_staff=True))
    from django.contrib.auth.models import Permission

    editor_without_rights.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor_without_rights)
    assert client.get(QUEUE).status_code in (302, 403)
    assert "Reacties (" not in client.get("/admin/").content.decode()


def test_superuser_moderates_too(client, member, article, comment_settings):
    admin = with_second_factor(UserFactory(is_staff=True, is_superuser=True))
    make_comment(article, member, "Wacht op de beheerder", status="pending")
    client.force_login(admin)
    assert "Wacht op de beheerder" in client.get(QUEUE).content.decode()


def test_editors_can_trust_a_member_and_close_a_page(moderator_client, member, article):
    from comments.models import CommentClosure, TrustedCommenter

    response = moderator_client.post(
        "/admin/snippets/comments/trustedcommenter/add/", {"user": member.pk, "note": "Columnist"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert TrustedCommenter.objects.filter(user=member).exists()
    response = moderator_client.post(
        "/admin/snippets/comments/commentclosure/add/",
        {"page": article.pk, "reason": "Afgerond"},
    )
    assert response.status_code == 302
    assert CommentClosure.objects.filter(page=article).exists()
