"""Members choose which e-mails they get; every e-mail can unsubscribe with one click."""

import pytest

from django.test import Client

from members.models import NotificationPreferences
from members.notifications import (
    KINDS,
    set_notification,
    unsubscribe_headers,
    unsubscribe_path,
    unsubscribe_url,
    wants_notification,
)
from tests.factories import UserFactory
from tests.vakgenoten.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db


def test_every_kind_is_on_until_the_member_switches_it_off(member):
    assert KINDS == (
        "comment_replies",
        "article_comments",
        "followed_conversations",
        "event_updates",
        "comment_moderation_outcome",
        "comment_moderation_queue",
        "digest",
        "member_messages",
        "network_messages",
    )
    assert all(wants_notification(member, kind) for kind in KINDS)
    assert not NotificationPreferences.objects.exists()  # defaults need no row
    set_notification(member, "article_comments", False)
    assert not wants_notification(member, "article_comments")
    assert wants_notification(member, "comment_replies")


def test_unknown_kinds_and_inactive_accounts(member):
    with pytest.raises(ValueError, match="Unknown notification kind"):
        wants_notification(member, "nieuwsbrief")
    assert not wants_notification(None, "comment_replies")
    member.is_active = False
    assert not wants_notification(member, "comment_replies")


def test_member_changes_preferences_on_the_page(member_client, member):
    page = member_client.get("/mijn-account/meldingen/")
    assert page.status_code == 200
    assert 'aria-current="page">E-mailmeldingen</a>' in page.content.decode()
    assert_csp_clean(page)
    response = member_client.post(
        "/mijn-account/meldingen/", {"comment_replies": "on", "event_updates": "on"}, follow=True
    )
    assert "Je keuzes voor e-mail zijn opgeslagen." in response.content.decode()
    assert wants_notification(member, "comment_replies")
    assert not wants_notification(member, "article_comments")
    assert not wants_notification(member, "followed_conversations")
    assert wants_notification(member, "event_updates")


def test_unsubscribe_link_asks_first_then_unsubscribes_without_login(member):
    client = Client(enforce_csrf_checks=True)
    path = unsubscribe_path(member, "followed_conversations")
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nieuwe reacties in gesprekken die ik volg" in html
    assert member.email not in html
    assert wants_notification(member, "followed_conversations")  # a GET changes nothing

    done = client.post(path)
    assert done.status_code == 200
    assert "Je bent afgemeld" in done.content.decode()
    assert not wants_notification(member, "followed_conversations")
    assert wants_notification(member, "comment_replies")


def test_one_click_unsubscribe_from_a_mail_program(member):
    """RFC 8058: the mail program POSTs List-Unsubscribe=One-Click, without cookies or token."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_path(member, "event_updates"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not wants_notification(member, "event_updates")


def test_forged_or_altered_tokens_are_refused(member, client):
    other = UserFactory()
    path = unsubscribe_path(member, "comment_replies")
    token = path.rstrip("/").rsplit("/", 1)[1]
    for bad in ["niet-echt", token[:-3] + "abc", token.replace(token[0], "x", 1)]:
        response = client.post(f"/e-mail/afmelden/{bad}/")
        assert response.status_code == 400
        assert "Deze afmeldlink werkt niet" in response.content.decode()
    assert wants_notification(member, "comment_replies")
    assert wants_notification(other, "comment_replies")


def test_links_and_headers_for_e_mails(member, settings):
    settings.SITE_URL = "https://vakgenoten.example"
    url = unsubscribe_url(member, "comment_replies")
    assert url.startswith("https://vakgenoten.example/e-mail/afmelden/")
    assert unsubscribe_headers(url) == {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    with pytest.raises(ValueError):
        unsubscribe_url(member, "reclame")


def test_only_moderators_see_the_switch_for_the_moderation_queue(member_client, member):
    from django.contrib.auth.models import Permission

    assert (
        "comment_moderation_queue"
        not in member_client.get("/mijn-account/meldingen/").context["form"].fields
    )
    member.user_permissions.add(
        Permission.objects.get(content_type__app_label="comments", codename="moderate_comment")
    )
    member_client.post("/mijn-account/meldingen/", {"comment_moderation_outcome": "on"})
    assert not wants_notification(member, "comment_moderation_queue")
    member.user_permissions.clear()
    # Whoever switched it off keeps the switch, to turn it back on.
    form = member_client.get("/mijn-account/meldingen/").context["form"]
    assert "comment_moderation_queue" in form.fields
