"""Redactie and Moderatoren moderate comments and manage bans; the groups come back after a
flush with the same permissions, and a group an administrator changed is left alone."""

import pytest

from django.contrib.auth.models import Group

from comments.groups import (
    BAN_PERMISSIONS,
    EDITORS_GROUP,
    MODERATOR_PERMISSIONS,
    MODERATORS_GROUP,
    ensure_moderators,
)
from tests.comments.factories import make_comment, with_second_factor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def codenames(group):
    return set(group.permissions.values_list("content_type__app_label", "codename"))


@pytest.mark.parametrize("name", [EDITORS_GROUP, MODERATORS_GROUP])
def test_both_groups_hold_the_moderation_and_ban_permissions(name):
    group = Group.objects.get(name=name)
    assert set(MODERATOR_PERMISSIONS + BAN_PERMISSIONS) <= codenames(group)
    assert ("comments", "delete_commentban") not in codenames(group)


def test_ensure_moderators_recreates_a_missing_group_and_leaves_existing_ones():
    Group.objects.filter(name=MODERATORS_GROUP).delete()
    editors = Group.objects.get(name=EDITORS_GROUP)
    editors.permissions.clear()
    ensure_moderators()
    ensure_moderators()  # idempotent
    assert set(MODERATOR_PERMISSIONS + BAN_PERMISSIONS) <= codenames(
        Group.objects.get(name=MODERATORS_GROUP)
    )
    assert not editors.permissions.exists()  # an administrator's change stays


def test_a_moderator_in_moderatoren_moderates_and_hears_about_held_comments(
    client, member, article, strict_settings, deliver, mailoutbox
):
    from comments.actions import post_comment

    moderator = with_second_factor(UserFactory(is_staff=True))
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    with deliver():
        post_comment(member, article, "Mijn eerste reactie")
    assert any(message.to == [moderator.email] for message in mailoutbox)
    client.force_login(moderator)
    assert "Mijn eerste reactie" in client.get("/admin/reacties/").content.decode()
    comment = make_comment(article, member, "Nog een", status="pending")
    response = client.post("/admin/reacties/", {"action": "approve", "comments": [comment.pk]})
    assert response.status_code == 302
