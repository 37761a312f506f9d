"""A member registers in one step, gets a confirmation with the event attached, and can cancel."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from icalendar import Calendar

from django.utils import timezone

from events.models import Registration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def register_url(event):
    return f"/evenementen/{event.pk}/aanmelden/"


def test_member_registers_for_an_event_and_gets_the_calendar_file(
    member_client, member, event, mailoutbox, run_on_commit
):
    with run_on_commit():
        response = member_client.post(register_url(event), {"remark": "Vegetarisch graag"})
    assert response.status_code == 302
    assert response["Location"] == event.url

    registration = Registration.objects.get(event=event, user=member)
    assert registration.status == Registration.Status.REGISTERED
    assert registration.seat == 1
    assert registration.remark == "Vegetarisch graag"

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [member.email]
    assert "Je bent aangemeld" in mail.subject
    assert event.title in mail.body
    filename, content, mimetype = mail.attachments[0]
    assert filename.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [event.title]

    page = member_client.get(event.url).content.decode()
    assert "Je bent aangemeld." in page
    assert "Vegetarisch graag" in page


def test_remark_is_plain_text_and_escaped_on_the_page(member_client, member, event):
    member_client.post(register_url(event), {"remark": "<script>alert(1)</script> & noten"})
    html = member_client.get(event.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; noten" in html
    assert "<script>alert(1)" not in html


def test_a_too_long_remark_is_refused_and_kept(member_client, member, event):
    response = member_client.post(register_url(event), {"remark": "x" * 501})
    assert response.status_code == 400
    html = response.content.decode()
    assert "het maximum is 500" in html
    assert "x" * 501 in html
    assert not Registration.objects.exists()


def test_visitor_is_sent_to_log_in_first(client, event):
    response = client.post(register_url(event), {})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()
    assert "Inloggen om je aan te melden" in client.get(event.url).content.decode()


@pytest.mark.parametrize(
    ("situation", "message"),
    [
        ("not_open", "Aanmelden is nog niet open"),
        ("deadline_passed", "De aanmeldtermijn is voorbij"),
        ("event_passed", "Dit evenement is voorbij"),
        ("already_registered", "Je bent al aangemeld"),
    ],
)
def test_refused_registration_says_why_in_dutch(client, make_event, situation, message):
    now = timezone.now()
    user = UserFactory()
    event = make_event()
    if situation == "not_open":
        event.registration_opens_at = now + timedelta(days=2)
        event.save()
    elif situation == "deadline_passed":
        event.registration_deadline = now - timedelta(hours=1)
        event.save()
    elif situation == "event_passed":
        event.start, event.end = now - timedelta(days=2), now - timedelta(days=1)
        event.save()
    elif situation == "already_registered":
        Registration.objects.create(event=event, user=user, seat=1)
    client.force_login(user)

    response = client.post(register_url(event), {"remark": "Ik neem een collega mee"})

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert Registration.objects.filter(event=event).count() == (
        1 if situation == "already_registered" else 0
    )


def test_member_cancels_and_can_register_again(member_client, member, event):
    member_client.post(register_url(event), {})
    registration = Registration.objects.get(user=member)

    response = member_client.post(
        f"/evenementen/aanmeldingen/{registration.pk}/afmelden/", {"next": "/mijn-evenementen/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/mijn-evenementen/"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert registration.seat is None

    member_client.post(register_url(event), {})
    assert Registration.objects.filter(user=member, status="registered").count() == 1


def test_member_cannot_cancel_someone_elses_registration(member_client, event):
    other = Registration.objects.create(event=event, user=UserFactory(), seat=1)
    response = member_client.post(f"/evenementen/aanmeldingen/{other.pk}/afmelden/")
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == Registration.Status.REGISTERED


def test_cancel_redirect_stays_on_this_site(member_client, member, event):
    member_client.post(register_url(event), {})
    registration = Registration.objects.get(user=member)
    response = member_client.post(
        f"/evenementen/aanmeldingen/{registration.pk}/afmelden/",
        {"next": "https://elders.example/"},
    )
    assert response["Location"] == event.url


def test_online_link_is_shown_only_to_registered_members(member_client, member, make_event):
    webinar = make_event(
        kind="webinar",
        venue_name="",
        venue_street="",
        venue_postal_code="",
        venue_city="",
        online_url="https://webinar.example/geheim",
    )
    assert "webinar.example/geheim" not in member_client.get(webinar.url).content.decode()
    member_client.post(register_url(webinar), {})
    assert "webinar.example/geheim" in member_client.get(webinar.url).content.decode()


@pytest.mark.parametrize(
    ("situation", "message", "target"),
    [
        ("no_last_name", "Vul eerst je voornaam en achternaam in", "/profiel"),
        ("unverified_email", "Bevestig eerst je e-mailadres", "/accounts/email/"),
    ],
)
def test_member_who_cannot_take_part_yet_is_sent_to_that_step_and_back(
    client, event, situation, message, target
):
    user = UserFactory()
    if situation == "no_last_name":
        user.last_name = ""
        user.save()
    else:
        EmailAddress.objects.filter(user=user).update(verified=False)
    client.force_login(user)

    response = client.post(
        register_url(event), {"remark": ""}, HTTP_REFERER=f"http://testserver{event.url}"
    )

    assert response.status_code == 302
    assert target in response["Location"]
    assert "next=" in response["Location"] and event.slug in response["Location"]
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any(message in text for text in messages)
    assert not Registration.objects.exists()


def test_anonymous_readers_see_the_new_seat_count_after_a_registration(
    client, member, make_event, settings, run_on_commit
):
    settings.PAGE_CACHE_SECONDS = 300
    event = make_event(capacity=10)
    assert "Nog 10 plaatsen vrij" in client.get(event.url).content.decode()
    with run_on_commit():
        from events.registration import register

        register(event, user=member, notify=False)
    assert "Nog 9 plaatsen vrij" in client.get(event.url).content.decode()
