"""Every comment e-mail has a one-click unsubscribe that works without logging in, and the
member's notification preferences decide what is sent. The links are the members app's
(``members.notifications``); links in e-mails sent before it was the only system keep working."""

import re

import pytest

from django.core import signing
from django.test import Client

from comments import preferences
from comments.actions import moderate, post_comment, report_comment
from comments.models import Comment, ConversationSubscription
from members import notifications
from members.notifications import set_notification, wants_notification
from tests.comments.factories import make_comment
from tests.factories import UserFactory

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
    assert path.startswith("/e-mail/afmelden/")
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
    assert not wants_notification(member, preferences.MODERATION_OUTCOME)
    assert wants_notification(member, preferences.REPLY)

    mailoutbox.clear()
    second = make_comment(article, member, "Nog een", status=Comment.Status.PENDING)
    with deliver():
        moderate(second, Comment.Status.REJECTED, moderator=moderator, reason="Dubbel")
    assert mails_to(mailoutbox, member) == []


def test_a_tampered_link_does_nothing(client, member, article, comment_settings):
    ConversationSubscription.objects.create(user=member, page=article)
    path = notifications.unsubscribe_path(member, preferences.CONVERSATION, article)
    for tampered in [path[:-3] + "xx/", path.replace("/e-mail/", "/reacties/")[:-3] + "xx/"]:
        response = client.post(tampered)
        assert response.status_code == 400
        assert "Deze afmeldlink werkt niet" in response.content.decode()
    assert ConversationSubscription.objects.get(user=member, page=article).active
    assert wants_notification(member, preferences.CONVERSATION)


def old_comment_link(user, kind, page=None):
    """A link as the comments app signed them before there was one unsubscribe system."""
    payload = {"u": user.pk, "k": kind}
    if page is not None:
        payload["p"] = page.pk
    return (
        f"/reacties/afmelden/{signing.dumps(payload, salt='comments.unsubscribe', compress=True)}/"
    )


def test_links_in_comment_mails_sent_before_still_leave_the_conversation(
    member, article, comment_settings
):
    ConversationSubscription.objects.create(user=member, page=article)
    path = old_comment_link(member, preferences.CONVERSATION, article)
    page = Client().get(path)
    assert page.status_code == 200
    assert "in het gesprek bij ‘Samen inkopen met de buurgemeenten’" in page.content.decode()
    assert ConversationSubscription.objects.get(user=member, page=article).active

    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Je volgt dit gesprek niet meer" in response.content.decode()
    assert not ConversationSubscription.objects.get(user=member, page=article).active
    assert wants_notification(member, preferences.CONVERSATION)


@pytest.mark.parametrize("kind", [preferences.MODERATION_OUTCOME, preferences.MODERATION_QUEUE])
def test_links_in_comment_mails_sent_before_still_switch_their_kind_off(member, kind):
    path = old_comment_link(member, kind)
    assert Client().get(path).status_code == 200
    assert wants_notification(member, kind)
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert "Je bent afgemeld" in response.content.decode()
    assert not wants_notification(member, kind)


def one_click(message):
    """The mail program's RFC 8058 POST to the header link, without cookies or CSRF token."""
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_path(message),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    return response


def test_every_kind_of_comment_mail_carries_a_working_one_click_link(
    member, other_member, author_member, moderator, article, comment_settings, deliver, mailoutbox
):
    """Reply, comment on my article, followed conversation, held, reported and decision."""
    follower = UserFactory()
    ConversationSubscription.objects.create(user=follower, page=article)
    top = make_comment(article, member, "Vraag")
    with deliver():
        post_comment(other_member, article, "Antwoord", parent=top)
    with deliver():
        report_comment(top, other_member, "spam")
    held = make_comment(article, member, "Wacht", status=Comment.Status.PENDING)
    with deliver():
        moderate(held, Comment.Status.PUBLISHED, moderator=moderator)

    [reply] = [m for m in mails_to(mailoutbox, member) if "antwoordde" in m.subject]
    on_article = [m for m in mails_to(mailoutbox, author_member) if "artikel" in m.subject]
    conversation = mails_to(mailoutbox, follower)[0]
    [reported] = [m for m in mails_to(mailoutbox, moderator) if "gemeld" in m.subject]
    assert on_article

    one_click(reply)
    assert not wants_notification(member, preferences.REPLY)
    one_click(on_article[0])
    assert not wants_notification(author_member, preferences.ON_MY_ARTICLE)
    assert "Je volgt dit gesprek niet meer" in one_click(conversation).content.decode()
    assert not ConversationSubscription.objects.get(user=follower, page=article).active
    one_click(reported)
    assert not wants_notification(moderator, preferences.MODERATION_QUEUE)

    mailoutbox.clear()
    with deliver():
        moderate(held, Comment.Status.REJECTED, moderator=moderator, reason="Toch niet")
    [decision] = mails_to(mailoutbox, member)
    one_click(decision)
    assert not wants_notification(member, preferences.MODERATION_OUTCOME)


def test_moderators_hear_about_held_comments_until_they_unsubscribe(
    member, moderator, article, strict_settings, deliver, mailoutbox
):
    with deliver():
        post_comment(member, article, "Eerste keer")
    [held] = mails_to(mailoutbox, moderator)
    assert "wacht op moderatie" in held.subject
    one_click(held)
    assert not wants_notification(moderator, preferences.MODERATION_QUEUE)
    mailoutbox.clear()
    with deliver():
        post_comment(UserFactory(), article, "Ook eerste keer")
    assert mails_to(mailoutbox, moderator) == []
