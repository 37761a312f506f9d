"""A member who switched a comment e-mail off before there was one unsubscribe system still
has it off afterwards: the migration turns each ``CommentEmailOptOut`` row into the same switch
in the member's notification preferences, and going back turns it into a row again."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("comments", "0002_moderator_permissions"), ("members", "0008_comment_email_kinds")]
AFTER = [("comments", "0004_remove_commentemailoptout")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_state():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # the schema as it was


def test_each_opt_out_becomes_the_same_switch_and_back(old_state):
    User = old_state.get_model("members", "User")
    OptOut = old_state.get_model("comments", "CommentEmailOptOut")
    Preferences = old_state.get_model("members", "NotificationPreferences")
    writer = User.objects.create(email="schrijver@oosterdijk.example")
    moderator = User.objects.create(email="redactie@oosterdijk.example")
    untouched = User.objects.create(email="lezer@oosterdijk.example")
    OptOut.objects.create(user=writer, kind="comment_moderation_outcome")
    OptOut.objects.create(user=moderator, kind="comment_moderation_queue")
    # A member who had switched replies off already keeps that, next to the moved switch.
    Preferences.objects.create(user=moderator, comment_replies=False)

    apps = migrate(AFTER)
    Preferences = apps.get_model("members", "NotificationPreferences")
    switches = {
        p.user_id: (p.comment_replies, p.comment_moderation_outcome, p.comment_moderation_queue)
        for p in Preferences.objects.all()
    }
    assert switches == {writer.pk: (True, False, True), moderator.pk: (False, True, False)}
    assert untouched.pk not in switches

    apps = migrate(BEFORE)
    OptOut = apps.get_model("comments", "CommentEmailOptOut")
    assert set(OptOut.objects.values_list("user_id", "kind")) == {
        (writer.pk, "comment_moderation_outcome"),
        (moderator.pk, "comment_moderation_queue"),
    }
