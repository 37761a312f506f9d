"""A reply to a reply tells the person answered with an e-mail of its own ("X reageerde op je
reactie bij …"), once: not also the follower e-mail, and nothing when they opted out."""

import pytest

from comments.actions import post_comment
from comments.models import ConversationSubscription
from members.models import NotificationPreferences
from tests.comments.factories import make_comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def mails_to(outbox, user):
    return [message for message in outbox if message.to == [user.email]]


@pytest.fixture
def thread(article, member, other_member, comment_settings):
    """``other_member`` asked; ``member`` answered. Both follow the conversation."""
    top = make_comment(article, other_member, "Hoe kopen jullie samen in?")
    answer = make_comment(article, member, "Via een gemeenschappelijke regeling.", parent=top)
    for user in (member, other_member):
        ConversationSubscription.objects.get_or_create(user=user, page=article)
    return top, answer


def test_the_member_answered_gets_a_specific_mail_and_not_the_follower_mail(
    thread, member, article, deliver, mailoutbox
):
    _top, answer = thread
    replier = UserFactory(first_name="Bram", last_name="Jansen")
    with deliver():
        post_comment(replier, article, "Welke regeling precies?", parent=answer)
    [message] = mails_to(mailoutbox, member)
    assert message.subject == f"Bram Jansen reageerde op je reactie bij ‘{article.title}’"
    assert "Welke regeling precies?" in message.body
    assert "Via een gemeenschappelijke regeling." in message.body  # what they wrote
    assert "Nieuwe reactie in het gesprek" not in message.subject


def test_the_member_who_started_the_conversation_hears_it_once_too(
    thread, other_member, article, deliver, mailoutbox
):
    _top, answer = thread
    with deliver():
        post_comment(UserFactory(), article, "Welke regeling precies?", parent=answer)
    [message] = mails_to(mailoutbox, other_member)
    assert "reageerde in het gesprek onder je reactie" in message.subject


def test_answering_your_own_reply_mails_nobody_about_it_twice(
    thread, member, other_member, article, deliver, mailoutbox
):
    _top, answer = thread
    with deliver():
        post_comment(member, article, "Aanvulling: het is een lichte regeling.", parent=answer)
    assert mails_to(mailoutbox, member) == []
    [message] = mails_to(mailoutbox, other_member)
    assert "reageerde in het gesprek onder je reactie" in message.subject


def test_the_member_answered_who_opted_out_gets_nothing(
    thread, member, article, deliver, mailoutbox
):
    _top, answer = thread
    from members.notifications import set_notification

    set_notification(member, NotificationPreferences.Kind.COMMENT_REPLIES.value, False)
    with deliver():
        post_comment(UserFactory(), article, "Welke regeling precies?", parent=answer)
    assert mails_to(mailoutbox, member) == []  # and not the follower mail instead
