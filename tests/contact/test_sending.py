"""A member writes to another member from the profile: sent by e-mail without showing the
recipient's address, held or refused by the comments' rules, limited, blocked or switched off."""

import re
from datetime import timedelta

import pytest

from django.utils import timezone

from comments.actions import ban_member
from comments.models import TrustedCommenter
from contact import actions
from contact.models import MemberMessage
from members.models import MemberBlock
from members.notifications import set_notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def compose_url(member):
    return f"/leden/{member.pk}/bericht/"


def send(client, member, body="Hoi Bram, mag ik je iets vragen over de inkoop?"):
    return client.post(compose_url(member), {"body": body})


def test_profile_offers_a_message_link_to_a_signed_in_member(sender_client, recipient):
    html = sender_client.get(recipient.get_absolute_url()).content.decode()
    assert "Stuur een bericht" in html
    assert compose_url(recipient) in html
    assert recipient.email not in html


def test_no_message_link_on_ones_own_profile(sender_client, sender):
    html = sender_client.get(sender.get_absolute_url()).content.decode()
    assert "Stuur een bericht" not in html
    assert "Blokkeer" not in html


def test_no_message_link_for_visitors(client, recipient):
    recipient.profile.visibility = "public"
    recipient.profile.save()
    html = client.get(recipient.get_absolute_url()).content.decode()
    assert "Stuur een bericht" not in html


def test_visitor_is_sent_to_log_in(client, recipient):
    response = client.get(compose_url(recipient))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_no_message_link_for_an_unverified_member(client, recipient):
    unverified = UserFactory(verified=False)
    client.force_login(unverified)
    html = client.get(recipient.get_absolute_url()).content.decode()
    assert "Stuur een bericht" not in html
    response = send(client, recipient)
    assert "Bevestig eerst je e-mailadres" in response.content.decode()
    assert not MemberMessage.objects.exists()


def test_message_is_sent_by_email_with_reply_to_the_sender(
    sender_client, sender, recipient, comment_settings, deliver, mailoutbox
):
    with deliver():
        response = send(sender_client, recipient)
    message = MemberMessage.objects.get()
    assert message.status == MemberMessage.Status.SENT and message.sent_at
    assert response.status_code == 302
    [mail] = mailoutbox
    assert mail.to == [recipient.email]
    assert mail.extra_headers["Reply-To"] == sender.email
    assert mail.subject == "Bericht van Anouk de Vries via Vakgenoten"
    assert "noreply" in mail.from_email or mail.from_email.endswith(">")
    assert "Hoi Bram, mag ik je iets vragen over de inkoop?" in mail.body
    assert "Anouk de Vries" in mail.body
    # A members-only profile is linked by way of the login page, which lets a signed-in
    # recipient straight through (a visitor would meet "does not exist").
    profile_link = f"http://testserver/accounts/login/?next=%2Fleden%2F{sender.pk}%2F"
    assert profile_link in mail.body
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(
        r"<(http://testserver/[^>]+)>", mail.extra_headers["List-Unsubscribe"]
    )
    assert unsubscribe and unsubscribe.group(1) in mail.body
    assert "/berichten/melden/" in mail.body and "/berichten/blokkeren/" in mail.body
    # The sender's confirmation says it was sent, and never shows the recipient's address.
    page = sender_client.get(response["Location"]).content.decode()
    assert "Je bericht is verstuurd" in page
    assert recipient.email not in page


def test_recipient_address_never_reaches_the_senders_pages(
    sender_client, sender, recipient, comment_settings, deliver
):
    pages = [recipient.get_absolute_url(), compose_url(recipient)]
    with deliver():
        response = send(sender_client, recipient)
    pages.append(response["Location"])
    for path in pages:
        assert recipient.email not in sender_client.get(path).content.decode(), path


def test_first_message_waits_for_a_moderator(
    sender_client, recipient, comment_settings, deliver, mailoutbox
):
    comment_settings.hold_first_comments = 1
    comment_settings.save()
    with deliver():
        response = send(sender_client, recipient)
    message = MemberMessage.objects.get()
    assert message.status == MemberMessage.Status.HELD
    assert "eerste berichten" in message.hold_reasons
    assert mailoutbox == []
    assert "wacht op een moderator" in sender_client.get(response["Location"]).content.decode()


def test_trusted_member_is_not_held(
    sender_client, sender, recipient, comment_settings, deliver, mailoutbox
):
    comment_settings.hold_first_comments = 3
    comment_settings.save()
    TrustedCommenter.objects.create(user=sender)
    with deliver():
        send(sender_client, recipient)
    assert MemberMessage.objects.get().status == MemberMessage.Status.SENT
    assert len(mailoutbox) == 1


def test_links_and_blocked_words_hold_a_message(
    sender_client, recipient, comment_settings, deliver, mailoutbox
):
    comment_settings.max_links = 1
    comment_settings.blocked_words = "casino"
    comment_settings.save()
    with deliver():
        send(sender_client, recipient, "Kijk op https://a.example en https://b.example, casino!")
    message = MemberMessage.objects.get()
    assert message.status == MemberMessage.Status.HELD
    assert "links" in message.hold_reasons and "casino" in message.hold_reasons
    assert mailoutbox == []


def test_banned_member_cannot_send_and_keeps_the_text(
    sender_client, sender, recipient, editor, comment_settings
):
    ban_member(sender, editor, timezone.now() + timedelta(days=2), "Herhaaldelijk reclame")
    response = send(sender_client, recipient, "Mijn zorgvuldige tekst")
    html = response.content.decode()
    assert "Je bent tijdelijk geschorst" in html
    assert "geen berichten sturen: Herhaaldelijk reclame" in html
    assert "Mijn zorgvuldige tekst" in html
    assert not MemberMessage.objects.exists()


def test_rate_limit_refuses_in_dutch_and_keeps_the_text(
    sender_client, recipient, comment_settings, settings
):
    settings.SITE_RATE_LIMITS = {**settings.SITE_RATE_LIMITS, "member_message": (2, 3600)}
    send(sender_client, recipient, "Een")
    send(sender_client, recipient, "Twee")
    response = send(sender_client, recipient, "Drie, met zorg geschreven")
    html = response.content.decode()
    assert response.status_code == 200
    assert "al veel berichten gestuurd" in html
    assert "Drie, met zorg geschreven" in html
    assert MemberMessage.objects.count() == 2


def test_switched_off_recipient_gets_no_message_and_sender_sees_a_neutral_text(
    sender_client, recipient, comment_settings
):
    set_notification(recipient, "member_messages", False)
    html = sender_client.get(recipient.get_absolute_url()).content.decode()
    assert "Stuur een bericht" not in html
    assert "Dit lid ontvangt geen berichten via Vakgenoten." in html
    response = send(sender_client, recipient, "Toch proberen")
    assert "ontvangt geen berichten" in response.content.decode()
    assert "Toch proberen" in response.content.decode()
    assert not MemberMessage.objects.exists()


def test_blocked_sender_sees_the_same_neutral_text_as_switched_off(
    sender_client, sender, recipient, comment_settings
):
    other = UserFactory()
    set_notification(other, "member_messages", False)
    switched_off = sender_client.get(compose_url(other)).content.decode()
    MemberBlock.objects.create(blocker=recipient, blocked=sender)
    blocked = sender_client.get(compose_url(recipient)).content.decode()
    assert "Dit lid ontvangt geen berichten via Vakgenoten." in blocked
    assert "blokk" not in blocked.lower().replace("blokkeer", "")  # no word about a block
    assert switched_off.replace(other.get_full_name(), "X").count("ontvangt geen berichten") == (
        blocked.replace(recipient.get_full_name(), "X").count("ontvangt geen berichten")
    )
    send(sender_client, recipient)
    assert not MemberMessage.objects.exists()


def test_cannot_message_oneself(sender_client, sender, comment_settings):
    response = send(sender_client, sender)
    assert "jezelf geen bericht" in response.content.decode()
    assert not MemberMessage.objects.exists()


def test_empty_and_too_long_messages_are_refused_in_dutch(
    sender_client, recipient, comment_settings
):
    assert "Schrijf eerst je bericht." in send(sender_client, recipient, "   ").content.decode()
    long_text = "x" * 3001
    html = send(sender_client, recipient, long_text).content.decode()
    assert "hoogstens 3000 tekens" in html
    assert long_text in html
    assert not MemberMessage.objects.exists()


def test_hidden_member_cannot_be_messaged(sender_client, comment_settings):
    nameless = UserFactory(first_name="", last_name="")
    assert sender_client.get(compose_url(nameless)).status_code == 404


def test_compose_page_queries_stay_constant(
    sender_client, recipient, comment_settings, django_assert_max_num_queries
):
    for _ in range(5):
        MemberBlock.objects.create(blocker=recipient, blocked=UserFactory())
    # 14 (the footer's linked pages among them), and the header's unread-notification count
    # until it is in the cache.
    with django_assert_max_num_queries(15):
        assert sender_client.get(compose_url(recipient)).status_code == 200


def test_profile_section_queries_stay_constant(
    sender_client, recipient, comment_settings, django_assert_max_num_queries
):
    for _ in range(5):
        MemberBlock.objects.create(blocker=UserFactory(), blocked=recipient)
    # 18 (the footer's linked pages among them), the header's unread-notification count until
    # it is in the cache, the follow button's one (does the viewer follow this member) and the
    # questions section's one.
    with django_assert_max_num_queries(21):
        assert sender_client.get(recipient.get_absolute_url()).status_code == 200


def test_profile_link_in_the_mail_leads_the_recipient_to_the_profile(
    client, sender, recipient, comment_settings, deliver, mailoutbox
):
    with deliver():
        actions.send_message(sender, recipient, "Hallo")
    link = re.search(r"http://testserver(/accounts/login/\S+)", mailoutbox[0].body).group(1)
    assert client.get(link).status_code == 200  # a visitor gets the login form
    client.force_login(recipient)
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == sender.get_absolute_url()


def test_a_public_profile_is_linked_directly(
    sender, recipient, comment_settings, deliver, mailoutbox
):
    sender.profile.visibility = "public"
    sender.profile.save()
    with deliver():
        actions.send_message(sender, recipient, "Hallo")
    assert f"http://testserver/leden/{sender.pk}/\n" in mailoutbox[0].body
