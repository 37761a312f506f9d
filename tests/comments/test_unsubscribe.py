"""Every comment e-mail has a one-click unsubscribe that works without logging in, and the
member's notification preferences decide what is sent."""

import re

import pytest

from django.test import Client

from comments import preferences
from comments.actions import moderate, post_comment
from comments.models import Comment, CommentEmailOptOut, ConversationSubscription
from members.notifications import set_notification, wants_notification
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db


def unsubscribe_path(message):
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message.extra_headers["List-Unsubscribe"]
    match = re.fullmatch(r"<http://testserver(/[^>]+/)>", header)
    assert match, header
    assert match.group(1) in message.body  # the same link is in the text
    return match.group(1)


def mails_to(outbox, user):
    return [m for m in outbox if m.to == [user.email]]


@pytest.fixture
def reply_mail(member, other_member, article, comment_settings, deliver, mailoutbox):
    top = make_comment(article, member, "Vraag")
    with deliver():
        post_comment(other_member, article, "Antwoord", parent=top)
    [message] = mails_to(mailoutbox, member)
    return message


def test_reply_mail_unsubscribes_with_get_confirmation_and_post(client, reply_mail, member):
    path = unsubscribe_path(reply_mail)
    response = client.get(path)
    assert response.status_code == 200
    assert wants_notification(member, "comment_replies")  # a GET (a link scanner) changes nothing
    client.post(path)
    assert not wants_notification(member, "comment_replies")


def test_rfc8058_one_click_post_works_without_login_or_csrf(
    reply_mail, member, other_member, article, deliver, mailoutbox
):
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(unsubscribe_path(reply_mail), {"List-Unsubscribe": "One-Click"})
    assert response.status_code in (200, 302)
    mailoutbox.clear()
    top = make_comment(article, member, "Nog een vraag")
    with deliver():
        post_comment(other_member, article, "Nog een antwoord", parent=top)
    assert mails_to(mailoutbox, member) == []


def test_member_preferences_switch_off_comment_mails(
    member, other_member, author_member, article, comment_settings, deliver, mailoutbox
):
    set_notification(member, "comment_replies", False)
    set_notification(author_member, "article_comments", False)
    top = make_comment(article, member, "Vraag")
    with deliver():
        post_comment(other_member, article, "Antwoord", parent=top)
    assert mails_to(mailoutbox, member) == []
    assert mails_to(mailoutbox, author_member) == []


def test_conversation_mail_leaves_just_that_conversation(
    member, other_member, article, comment_settings, deliver, mailoutbox
):
    ConversationSubscription.objects.create(user=member, page=article)
    with deliver():
        post_comment(other_member, article, "Nieuws in het gesprek")
    [message] = mails_to(mailoutbox, member)
    path = unsubscribe_path(message)
    assert path.startswith("/reacties/afmelden/")
    assert "alle gesprekken die je volgt" in message.body  # the kind-wide link is offered too

    page = Client().get(path).content.decode()
    assert "Ja, meld me af" in page
    assert ConversationSubscription.objects.get(user=member, page=article).active

    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert "Je volgt dit gesprek niet meer" in response.content.decode()
    assert not ConversationSubscription.objects.get(user=member, page=article).active
    assert wants_notification(member, "followed_conversations")  # other conversations still on


def test_moderation_outcome_mail_has_its_own_one_click_unsubscribe(
    member, moderator, article, comment_settings, deliver, mailoutbox
):
    comment = make_comment(article, member, "Wacht", status=Comment.Status.PENDING)
    with deliver():
        moderate(comment, Comment.Status.PUBLISHED, moderator=moderator)
    [message] = mails_to(mailoutbox, member)
    path = unsubscribe_path(message)
    Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert CommentEmailOptOut.objects.filter(
        user=member, kind=preferences.MODERATION_OUTCOME
    ).exists()

    mailoutbox.clear()
    second = make_comment(article, member, "Nog een", status=Comment.Status.PENDING)
    with deliver():
        moderate(second, Comment.Status.REJECTED, moderator=moderator, reason="Dubbel")
    assert mails_to(mailoutbox, member) == []


def test_a_tampered_link_does_nothing(client, member, article, comment_settings):
    path = (
        f"/reacties/afmelden/{preferences.make_token(member, preferences.CONVERSATION, article)}/"
    )
    response = client.post(path[:-3] + "xx/")
    assert response.status_code == 404
    assert "werkt niet" in response.content.decode()
    assert not CommentEmailOptOut.objects.exists()
