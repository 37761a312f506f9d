"""Moderators release or reject held messages and see reports with a way to suspend the
sender; old texts are emptied (AVG); the export holds messages, reports and blocks."""

import json
from datetime import timedelta

import pytest

from django.utils import timezone

from comments.models import CommentBan
from contact import actions
from contact.jobs import forget_old_messages
from contact.models import MemberMessage, MessageReport
from members.privacy import export_personal_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/berichten/"


@pytest.fixture
def held(sender, recipient, comment_settings):
    comment_settings.hold_first_comments = 1
    comment_settings.save()
    message = actions.send_message(sender, recipient, "Mijn eerste bericht, graag vrijgeven")
    assert message.status == MemberMessage.Status.HELD
    return message


def test_queue_shows_held_messages_to_moderators_only(client, held, sender):
    client.force_login(sender)
    assert client.get(QUEUE).status_code in (302, 403)
    from tests.factories import EditorFactory

    client.force_login(EditorFactory())
    html = client.get(QUEUE).content.decode()
    assert "Mijn eerste bericht, graag vrijgeven" in html
    assert "eerste berichten" in html


def test_menu_shows_the_waiting_count(moderator_client, held):
    assert "Berichten (1)" in moderator_client.get("/admin/").content.decode()


def test_release_sends_the_message(moderator_client, held, editor, deliver, mailoutbox, recipient):
    with deliver():
        moderator_client.post(f"{QUEUE}{held.pk}/besluit/", {"besluit": "vrijgeven"})
    held.refresh_from_db()
    assert held.status == MemberMessage.Status.SENT
    assert held.decided_by == editor and held.decided_at
    [mail] = mailoutbox
    assert mail.to == [recipient.email]
    # A second decision changes nothing and sends nothing.
    with deliver():
        moderator_client.post(f"{QUEUE}{held.pk}/besluit/", {"besluit": "afwijzen"})
    held.refresh_from_db()
    assert held.status == MemberMessage.Status.SENT and len(mailoutbox) == 1


def test_reject_sends_nothing(moderator_client, held, deliver, mailoutbox):
    with deliver():
        moderator_client.post(f"{QUEUE}{held.pk}/besluit/", {"besluit": "afwijzen"})
    held.refresh_from_db()
    assert held.status == MemberMessage.Status.REJECTED
    assert mailoutbox == []


def test_release_after_the_recipient_blocked_the_sender_sends_nothing(
    moderator_client, held, sender, recipient, deliver, mailoutbox
):
    actions.block(recipient, sender)
    with deliver():
        moderator_client.post(f"{QUEUE}{held.pk}/besluit/", {"besluit": "vrijgeven"})
    held.refresh_from_db()
    assert held.status == MemberMessage.Status.REJECTED
    assert mailoutbox == []


def test_reported_message_can_be_handled_and_its_sender_banned(
    moderator_client, sender, recipient, comment_settings, deliver, mailoutbox
):
    message = actions.send_message(sender, recipient, "Koop nu mijn cursus")
    actions.report(message, "Reclame")
    html = moderator_client.get(QUEUE, {"toon": "gemeld"}).content.decode()
    assert "Koop nu mijn cursus" in html and "Reclame" in html
    form = moderator_client.get(f"{QUEUE}{message.pk}/schorsen/")
    assert form.status_code == 200
    response = moderator_client.post(
        f"{QUEUE}{message.pk}/schorsen/",
        {"period": "week", "reason": "Reclame via berichten", "email": "iemand@anders.example"},
    )
    assert response.status_code == 302
    ban = CommentBan.objects.get()
    assert ban.user == sender  # always the sender, whatever the form said
    assert MessageReport.objects.get().handled_at is not None
    assert "Koop nu" not in moderator_client.get(QUEUE, {"toon": "gemeld"}).content.decode()


def test_ban_form_errors_are_dutch_and_keep_the_reason(
    moderator_client, sender, recipient, comment_settings
):
    message = actions.send_message(sender, recipient, "Tekst")
    response = moderator_client.post(f"{QUEUE}{message.pk}/schorsen/", {"reason": "Mijn reden"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies hoe lang de schorsing duurt." in html and "Mijn reden" in html


def test_retention_empties_old_texts_but_waits_for_moderation(
    sender, recipient, comment_settings, settings
):
    settings.MEMBER_MESSAGE_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    sent = actions.send_message(sender, recipient, "Oud en verstuurd")
    reported = actions.send_message(sender, recipient, "Oud en gemeld")
    actions.report(reported, "")
    held = MemberMessage.objects.create(
        sender=sender, recipient=recipient, body="Oud en wachtend", status="held"
    )
    fresh = actions.send_message(sender, recipient, "Nieuw")
    MemberMessage.objects.filter(pk__in=[sent.pk, reported.pk, held.pk]).update(created_at=old)
    assert forget_old_messages() == 1
    assert forget_old_messages() == 0  # safe to repeat
    texts = dict(MemberMessage.objects.values_list("pk", "body"))
    assert texts[sent.pk] == "" and texts[fresh.pk] == "Nieuw"
    assert texts[reported.pk] == "Oud en gemeld" and texts[held.pk] == "Oud en wachtend"
    MessageReport.objects.update(handled_at=timezone.now())
    assert forget_old_messages() == 1


def test_retention_job_is_scheduled(settings):
    assert settings.SCHEDULED_JOBS["member_message_retention"][1] == (
        "contact.jobs.forget_old_messages"
    )


def test_export_holds_messages_reports_and_blocks(sender, recipient, comment_settings):
    message = actions.send_message(sender, recipient, "Hallo Bram")
    reply = actions.send_message(recipient, sender, "Hoi Anouk")
    actions.report(reply, "Niet gevraagd")
    actions.block(sender, recipient)
    data = json.loads(json.dumps(export_personal_data(sender), default=str))["berichten"]
    assert data["verstuurd"][0]["tekst"] == "Hallo Bram"
    assert data["verstuurd"][0]["aan"] == "Bram Jansen"
    assert data["ontvangen"][0]["tekst"] == "Hoi Anouk"
    assert data["gemelde_berichten"][0]["reden"] == "Niet gevraagd"
    assert data["geblokkeerde_leden"][0]["lid"] == "Bram Jansen"
    # The recipient's address is never in the sender's export.
    assert recipient.email not in json.dumps(data, default=str)
    assert message.pk


def test_deleting_an_account_deletes_its_messages(sender, recipient, comment_settings):
    from members.privacy import erase_personal_data

    actions.send_message(sender, recipient, "Hallo")
    erase_personal_data(sender, keep_comments=True)
    sender.delete()
    assert not MemberMessage.objects.exists()
    assert UserFactory()  # the site goes on
