"""The mail server down: members still comment and register through the site, and once the
server is back every e-mail goes out exactly once, under the same Message-ID on every attempt.

tests/vakgenoten/test_outbox.py covers the outbox itself and tests/comments/test_notifications.py
the comment notices; this file covers the requests a member makes during the outage, the
registration confirmation, and the Message-ID that lets mail programs recognise a repeat.
bench/resilience/run proves the same against a real SMTP server under load.
"""

from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone

from wagtail.models import Site

from comments.models import Comment, CommentSettings, ConversationSubscription
from events.models import Registration
from tests.blog.factories import make_article
from tests.factories import EventPageFactory, UserFactory
from vakgenoten.mail import deliver_due_email, stable_message_id
from vakgenoten.models import OutgoingEmail

pytestmark = pytest.mark.django_db


class MailServerDown:
    """An e-mail backend whose server refuses every connection, like one that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.vakgenoten.test_mail_outage.MailServerDown"


def mail_server_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    OutgoingEmail.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


@pytest.fixture
def article(blog_index):
    return make_article(blog_index, title="Samen inkopen met de buurgemeenten")


@pytest.fixture
def event(agenda):
    return EventPageFactory(
        parent=agenda, title="Ledendag Lindenholt", slug="ledendag-lindenholt", capacity=1
    )


def test_member_comments_while_the_mail_server_is_down_and_notices_follow_once(
    settings, mail_server_down, member_client, member, article, django_capture_on_commit_callbacks
):
    comment_settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    comment_settings.hold_first_comments = 0
    comment_settings.save()
    follower = UserFactory()
    ConversationSubscription.objects.create(user=follower, page=article)
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            f"/reacties/pagina/{article.pk}/", {"body": "Geschreven tijdens de storing", "post": 1}
        )
    assert response.status_code == 302
    comment = Comment.objects.get(body="Geschreven tijdens de storing")
    assert response["Location"].endswith(f"#reactie-{comment.pk}")
    assert comment.status == Comment.Status.PUBLISHED
    notice = OutgoingEmail.objects.get(to=follower.email)
    assert (notice.status, notice.attempts) == (OutgoingEmail.Status.PENDING, 1)

    mail_server_back(settings)
    assert deliver_due_email() == (1, 0)
    assert deliver_due_email() == (0, 0)
    assert [message.to for message in mail.outbox] == [[follower.email]]


def test_registration_during_the_outage_succeeds_and_its_confirmation_arrives_once(
    settings, mail_server_down, member_client, member, event, django_capture_on_commit_callbacks
):
    other = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(f"/evenementen/{event.pk}/aanmelden/", {"remark": "Tot dan"})
    assert response.status_code == 302
    assert response["Location"] == event.url
    member_client.force_login(other)
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(f"/evenementen/{event.pk}/aanmelden/", {"remark": "Graag"})
    assert response.status_code == 302

    statuses = dict(Registration.objects.values_list("remark", "status"))
    assert statuses == {"Tot dan": "registered", "Graag": "waiting"}
    queued = OutgoingEmail.objects.filter(key__startswith="events:")
    assert sorted(queued.values_list("to", flat=True)) == sorted([member.email, other.email])
    assert {message.status for message in queued} == {OutgoingEmail.Status.PENDING}
    assert {message.attempts for message in queued} == {1}

    mail_server_back(settings)
    assert deliver_due_email() == (2, 0)
    assert deliver_due_email() == (0, 0)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([member.email, other.email])
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects[0].startswith("Je bent aangemeld")
    assert subjects[1].startswith("Je staat op de wachtlijst")


def test_every_attempt_of_a_message_carries_the_same_message_id(
    settings, mail_server_down, member_client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(f"/evenementen/{event.pk}/aanmelden/", {"remark": ""})
    queued = OutgoingEmail.objects.get()
    expected = stable_message_id(queued)
    assert expected.startswith(f"<outbox-{queued.pk}.")
    assert expected.endswith("@vakgenoten.nl>")

    mail_server_back(settings)
    deliver_due_email()
    sent = mail.outbox[0].message()
    assert sent["Message-ID"] == expected
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
