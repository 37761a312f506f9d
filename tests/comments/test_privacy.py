"""A member's comments are in their data export; deleting the account deletes them or keeps
them under "verwijderde deelnemer", as the member chooses."""

import pytest

from comments.models import Comment
from members.privacy import erase_personal_data, export_personal_data, registered_names
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db


def test_comments_are_registered_with_the_privacy_registry():
    assert "reacties" in registered_names()


def test_export_contains_the_members_comments(member, other_member, article, comment_settings):
    make_comment(article, member, "Mijn bijdrage")
    make_comment(article, other_member, "Van iemand anders")
    exported = export_personal_data(member)["reacties"]
    assert [item["tekst"] for item in exported["reacties"]] == ["Mijn bijdrage"]
    assert exported["reacties"][0]["pagina"] == article.title


def test_erase_keeping_comments_shows_them_as_deleted_participant(
    client, member, article, comment_settings
):
    comment = make_comment(article, member, "Blijft staan")
    erase_personal_data(member, keep_comments=True)
    member.delete()
    comment.refresh_from_db()
    assert comment.user is None
    html = client.get(article.url).content.decode()
    assert "Blijft staan" in html
    assert "verwijderde deelnemer" in html


def test_erase_deleting_comments_keeps_others_replies_in_context(
    client, member, other_member, article, comment_settings
):
    answered = make_comment(article, member, "Beantwoord")
    make_comment(article, other_member, "Het antwoord", parent=answered)
    alone = make_comment(article, member, "Niemand reageerde")
    erase_personal_data(member, keep_comments=False)
    member.delete()
    assert not Comment.objects.filter(pk=alone.pk).exists()
    answered.refresh_from_db()
    assert answered.user is None and answered.body == "" and answered.is_deleted
    html = client.get(article.url).content.decode()
    assert "Beantwoord" not in html and "Niemand reageerde" not in html
    assert "Deze reactie is verwijderd" in html
    assert "Het antwoord" in html


def test_export_contains_the_members_bans_without_the_moderator(
    member, moderator, article, comment_settings
):
    from datetime import timedelta

    from django.utils import timezone

    from comments.actions import ban_member
    from comments.models import CommentBan

    ban_member(member, moderator, timezone.now() + timedelta(days=1), "Te fel")
    [ban] = export_personal_data(member)["reacties"]["schorsingen"]
    assert ban["reden"] == "Te fel" and ban["opgeheven_op"] is None
    assert moderator.email not in str(ban)
    member.delete()  # deleting the account takes the bans with it
    assert not CommentBan.objects.exists()
