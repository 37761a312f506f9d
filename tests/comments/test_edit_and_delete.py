"""Members edit their own comment within 15 minutes and delete it at any time."""

from datetime import timedelta

import pytest

from django.utils import timezone

from comments.actions import edit_comment
from comments.models import Comment
from comments.rules import CommentRefused
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db


def test_member_edits_at_14_minutes(member_client, member, article, comment_settings):
    comment = make_comment(
        article, member, "Oude tekst", created_at=timezone.now() - timedelta(minutes=14)
    )
    form = member_client.get(f"/reacties/{comment.pk}/bewerken/").content.decode()
    assert "Oude tekst" in form
    preview = member_client.post(
        f"/reacties/{comment.pk}/bewerken/", {"body": "Nieuwe *tekst*", "preview": "1"}
    )
    assert "<em>tekst</em>" in preview.content.decode()
    response = member_client.post(
        f"/reacties/{comment.pk}/bewerken/", {"body": "Nieuwe *tekst*", "post": "1"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Nieuwe *tekst*"
    assert "<em>tekst</em>" in comment.body_html
    assert comment.edited_at is not None


def test_member_cannot_edit_at_16_minutes(member_client, member, article, comment_settings):
    comment = make_comment(
        article, member, "Oude tekst", created_at=timezone.now() - timedelta(minutes=16)
    )
    response = member_client.post(
        f"/reacties/{comment.pk}/bewerken/", {"body": "Te laat", "post": "1"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Oude tekst"
    with pytest.raises(CommentRefused, match="15 minuten"):
        edit_comment(comment, member, "Te laat")


def test_edit_window_boundaries_with_explicit_times(member, article, comment_settings):
    written = timezone.now()
    comment = make_comment(article, member, created_at=written)
    assert comment.can_be_edited_by(member, now=written + timedelta(minutes=14))
    assert not comment.can_be_edited_by(member, now=written + timedelta(minutes=16))


def test_nobody_edits_someone_elses_comment(
    client, other_member, member, article, comment_settings
):
    comment = make_comment(article, other_member, "Van een ander")
    client.force_login(member)
    assert client.get(f"/reacties/{comment.pk}/bewerken/").status_code == 404
    assert client.post(f"/reacties/{comment.pk}/verwijderen/").status_code == 404


def test_edit_that_adds_too_many_links_goes_back_to_moderation(member, article, comment_settings):
    comment_settings.max_links = 1
    comment_settings.save()
    comment = make_comment(article, member, "Netjes")
    edit_comment(comment, member, "https://a.example https://b.example")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.decisions.get().reason.startswith("Na bewerking")


def test_member_deletes_own_comment_without_replies(
    member_client, member, article, comment_settings
):
    comment = make_comment(article, member, "Weg ermee")
    confirm = member_client.get(f"/reacties/{comment.pk}/verwijderen/")
    assert "Weet je zeker" in confirm.content.decode()
    member_client.post(f"/reacties/{comment.pk}/verwijderen/")
    assert not Comment.objects.filter(pk=comment.pk).exists()
    assert "Weg ermee" not in member_client.get(article.url).content.decode()


def test_deleting_a_comment_with_replies_leaves_a_placeholder(
    client, member, other_member, article, comment_settings
):
    comment = make_comment(
        article, member, "Mijn oude mening", created_at=timezone.now() - timedelta(days=40)
    )
    make_comment(article, other_member, "Een antwoord", parent=comment)
    client.force_login(member)
    client.post(f"/reacties/{comment.pk}/verwijderen/")
    comment.refresh_from_db()
    assert comment.is_deleted
    assert comment.body == "" and comment.body_html == ""
    html = client.get(article.url).content.decode()
    assert "Deze reactie is verwijderd" in html
    assert "Mijn oude mening" not in html
    assert "Een antwoord" in html
