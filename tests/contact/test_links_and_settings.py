"""The recipient's side: report a message or block its sender from the e-mail (signed links,
no login, a confirmation and a POST), block from a profile, and the settings page with the
switch and the list of blocked members."""

import re

import pytest

from django.test import Client

from contact import actions
from contact.models import MemberMessage, MessageReport
from members.models import MemberBlock, NotificationPreferences
from members.notifications import wants_notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail(sender, recipient, comment_settings, deliver, mailoutbox):
    with deliver():
        actions.send_message(sender, recipient, "Zullen we eens bellen?")
    [mail] = mailoutbox
    return mail


def link(mail, part):
    match = re.search(rf"http://testserver(/berichten/{part}/[^/\s]+/)", mail.body)
    assert match, mail.body
    return match.group(1)


def test_report_link_asks_first_then_reports_without_login(mail, recipient):
    client = Client(enforce_csrf_checks=False)
    path = link(mail, "melden")
    page = client.get(path)
    assert page.status_code == 200
    assert "Bericht melden" in page.content.decode()
    assert not MessageReport.objects.exists()  # a link scanner's GET changes nothing
    done = client.post(path, {"reason": "Ongevraagde verkoop"})
    assert "Bedankt voor je melding" in done.content.decode()
    report = MessageReport.objects.get()
    assert report.reporter == recipient and report.reason == "Ongevraagde verkoop"
    client.post(path, {"reason": "Nog eens"})
    assert MessageReport.objects.count() == 1


def test_block_link_asks_first_then_blocks_the_sender(mail, sender, recipient):
    client = Client()
    path = link(mail, "blokkeren")
    assert "blokkeren?" in client.get(path).content.decode()
    assert not MemberBlock.objects.exists()
    assert "Afzender geblokkeerd" in client.post(path).content.decode()
    assert MemberBlock.objects.filter(blocker=recipient, blocked=sender).exists()
    client.post(path)
    assert MemberBlock.objects.count() == 1


@pytest.mark.parametrize("part", ["melden", "blokkeren"])
def test_a_bad_token_shows_a_dutch_page_not_an_error(client, mail, part):
    good = link(mail, part)
    for bad in (good[:-6] + "xxxxx/", f"/berichten/{part}/onzin/"):
        response = client.get(bad)
        assert response.status_code == 400
        assert "Deze link werkt niet" in response.content.decode()
        assert client.post(bad).status_code == 400
    assert not MemberBlock.objects.exists() and not MessageReport.objects.exists()


def test_a_report_token_does_not_block_and_the_other_way_round(client, mail):
    report_token = link(mail, "melden").split("/")[-2]
    assert client.post(f"/berichten/blokkeren/{report_token}/").status_code == 400
    assert not MemberBlock.objects.exists()


def test_one_click_unsubscribe_switches_member_messages_off(mail, recipient):
    url = re.fullmatch(r"<http://testserver([^>]+)>", mail.extra_headers["List-Unsubscribe"])
    Client(enforce_csrf_checks=True).post(url.group(1), {"List-Unsubscribe": "One-Click"})
    assert not wants_notification(recipient, "member_messages")


def test_block_from_profile_needs_confirmation(sender_client, sender, recipient):
    url = f"/leden/{recipient.pk}/blokkeren/"
    assert f'href="{url}"' in sender_client.get(recipient.get_absolute_url()).content.decode()
    page = sender_client.get(url).content.decode()
    assert "Ja, blokkeer" in page
    assert not MemberBlock.objects.exists()
    response = sender_client.post(url)
    assert response.status_code == 302
    assert MemberBlock.objects.filter(blocker=sender, blocked=recipient).exists()
    profile = sender_client.get(recipient.get_absolute_url()).content.decode()
    assert "Je hebt Bram geblokkeerd" in profile


def test_blocking_refuses_later_messages(sender, recipient, comment_settings, client):
    actions.block(recipient, sender)
    client.force_login(sender)
    client.post(f"/leden/{recipient.pk}/bericht/", {"body": "Hallo?"})
    assert not MemberMessage.objects.exists()


def test_settings_page_switches_messages_off_and_on(client, recipient):
    client.force_login(recipient)
    page = client.get("/mijn-account/berichten/").content.decode()
    assert "Leden kunnen mij een bericht sturen" in page
    client.post("/mijn-account/berichten/", {})
    assert not NotificationPreferences.for_user(recipient).member_messages
    client.post("/mijn-account/berichten/", {"member_messages": "on"})
    assert NotificationPreferences.for_user(recipient).member_messages


def test_the_switch_is_in_one_place_only(client, recipient):
    client.force_login(recipient)
    page = client.get("/mijn-account/meldingen/").content.decode()
    assert 'name="member_messages"' not in page
    assert "Berichten en blokkades" in page  # the account navigation leads there


def test_settings_page_lists_blocks_and_unblocks(client, sender, recipient):
    actions.block(recipient, sender)
    client.force_login(recipient)
    page = client.get("/mijn-account/berichten/").content.decode()
    assert "Anouk de Vries" in page and "Deblokkeer" in page
    assert client.get(f"/mijn-account/berichten/deblokkeren/{sender.pk}/").status_code == 405
    client.post(f"/mijn-account/berichten/deblokkeren/{sender.pk}/")
    assert not MemberBlock.objects.exists()


def test_settings_page_queries_stay_constant(client, recipient, django_assert_max_num_queries):
    from tests.factories import UserFactory

    for _ in range(6):
        actions.block(recipient, UserFactory())
    client.force_login(recipient)
    # 12, and the header's unread-notification count until it is in the cache.
    with django_assert_max_num_queries(13):
        assert client.get("/mijn-account/berichten/").status_code == 200


def test_privacy_page_links_to_the_settings(client, recipient):
    client.force_login(recipient)
    assert "/mijn-account/berichten/" in client.get("/mijn-account/gegevens/").content.decode()
