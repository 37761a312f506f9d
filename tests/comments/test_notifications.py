"""Authors, the member answered and followers hear about new comments, each once, even when
the mail server is down for a while."""

from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone

from comments.actions import moderate, post_comment
from comments.models import Comment, ConversationSubscription
from tests.comments.factories import make_comment
from tests.factories import UserFactory
from vakgenoten.mail import deliver_due_email
from vakgenoten.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def mails_to(outbox, user):
    return [message for message in outbox if message.to == [user.email]]


def test_article_author_hears_about_a_new_published_comment(
    member, author_member, article, comment_settings, deliver, mailoutbox
):
    with deliver():
        post_comment(member, article, "Mooi artikel, wij herkennen dit.")
    [message] = mails_to(mailoutbox, author_member)
    assert "Nieuwe reactie op je artikel" in message.subject
    assert "Mooi artikel, wij herkennen dit." in message.body
    assert member.email not in message.body  # an e-mail address is never shown


def test_held_comment_notifies_the_author_only_after_approval(
    member, author_member, moderator, article, strict_settings, deliver, mailoutbox
):
    with deliver():
        comment = post_comment(member, article, "Eerste keer")
    assert comment.status == Comment.Status.PENDING
    assert mails_to(mailoutbox, author_member) == []
    [notice] = mails_to(mailoutbox, moderator)
    assert "wacht op moderatie" in notice.subject
    assert f"/admin/reacties/{comment.pk}/" in notice.body

    with deliver():
        moderate(comment, Comment.Status.PUBLISHED, moderator=moderator)
    assert len(mails_to(mailoutbox, author_member)) == 1
    assert len(mails_to(mailoutbox, member)) == 1  # "your comment is published"


def test_moderators_get_one_notice_per_held_comment(
    member, moderator, article, strict_settings, deliver, mailoutbox
):
    with deliver():
        comment = post_comment(member, article, "Eerste keer")
    from comments import tasks

    with deliver():
        tasks.comment_held.enqueue(comment.pk)  # a second run of the same task
    assert len(mails_to(mailoutbox, moderator)) == 1


def test_member_hears_about_a_reply_to_their_comment(
    member, other_member, article, comment_settings, deliver, mailoutbox
):
    top = make_comment(article, member, "Mijn vraag")
    with deliver():
        post_comment(other_member, article, "Mijn antwoord", parent=top)
    [message] = mails_to(mailoutbox, member)
    assert "antwoordde op je reactie" in message.subject
    assert "Mijn antwoord" in message.body


def test_followers_hear_about_new_comments_but_not_about_their_own(
    member, other_member, article, comment_settings, deliver, mailoutbox
):
    follower = UserFactory()
    ConversationSubscription.objects.create(user=follower, page=article)
    with deliver():
        post_comment(member, article, "Eerste")  # member now follows too
    assert len(mails_to(mailoutbox, follower)) == 1
    assert mails_to(mailoutbox, member) == []
    with deliver():
        post_comment(other_member, article, "Tweede")
    assert len(mails_to(mailoutbox, follower)) == 2
    assert len(mails_to(mailoutbox, member)) == 1


def test_member_who_left_the_conversation_hears_nothing(
    member_client, member, other_member, article, comment_settings, deliver, mailoutbox
):
    member_client.post(f"/reacties/pagina/{article.pk}/volgen/", {"action": "follow"})
    assert "Niet meer volgen" in member_client.get(article.url).content.decode()
    member_client.post(f"/reacties/pagina/{article.pk}/volgen/", {"action": "unfollow"})
    assert "Volg dit gesprek" in member_client.get(article.url).content.decode()
    with deliver():
        post_comment(other_member, article, "Iets nieuws")
    assert mails_to(mailoutbox, member) == []


def test_someone_who_is_both_author_and_follower_gets_one_email(
    member, author_member, article, comment_settings, deliver, mailoutbox
):
    ConversationSubscription.objects.create(user=author_member, page=article)
    with deliver():
        post_comment(member, article, "Eén mail graag")
    assert len(mails_to(mailoutbox, author_member)) == 1


class BrokenMailServer:
    """An e-mail backend whose server refuses every connection."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_notifications_survive_a_mail_server_outage_and_arrive_exactly_once(
    settings, member, other_member, author_member, article, comment_settings, deliver
):
    follower = UserFactory()
    ConversationSubscription.objects.create(user=follower, page=article)
    top = make_comment(article, other_member, "Vraag")
    settings.EMAIL_BACKEND = "tests.comments.test_notifications.BrokenMailServer"
    mail.outbox = []
    with deliver():
        post_comment(member, article, "Antwoord tijdens storing", parent=top)
    queued = OutgoingEmail.objects.filter(key__startswith="comment-")
    recipients = sorted(queued.values_list("to", flat=True))
    assert recipients == sorted([other_member.email, author_member.email, follower.email])
    assert all(message.status == OutgoingEmail.Status.PENDING for message in queued)
    assert all(message.attempts == 1 for message in queued)
    assert mail.outbox == []

    # The same task running again (a retry) queues nothing new.
    from comments import tasks

    comment = Comment.objects.get(body="Antwoord tijdens storing")
    with deliver():
        tasks.comment_published.enqueue(comment.pk)
    assert OutgoingEmail.objects.filter(key__startswith="comment-").count() == 3

    # The server is back; once the pause has passed every message goes out exactly once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert deliver_due_email() == (3, 0)
    assert deliver_due_email() == (0, 0)
    assert sorted(message.to[0] for message in mail.outbox) == recipients
