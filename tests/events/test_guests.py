"""Guests without an account register themselves with a confirmed address, and see and cancel
their registration through a private link that every e-mail to them carries."""

import re
from datetime import timedelta

import pytest
from icalendar import Calendar

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import guests
from events.checkin import display_code
from events.emails import queue_reminder
from events.models import (
    EventSession,
    GuestRequest,
    Registration,
    RegistrationQuestion,
)
from events.registration import register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GUEST = {
    "gast-name": "Anouk de Vries",
    "gast-email": "anouk@woonstichting.example",
    "gast-organisation": "Woonstichting Noord",
    "gast-remark": "Vegetarisch graag",
}


@pytest.fixture
def guest_event(make_event):
    return make_event(
        title="Webinar Schuldhulp",
        slug="webinar-schuldhulp",
        capacity=2,
        guests_may_register=True,
        online_url="https://meet.example/schuldhulp",
    )


def guest_register_url(event):
    return f"/evenementen/{event.pk}/aanmelden-als-gast/"


def link_in(body, pattern):
    match = re.search(r"https?://\S*" + pattern + r"\S*", body)
    assert match, body
    return re.sub(r"^https?://[^/]+", "", match.group(0))


def ask(client, event, run_on_commit, data=GUEST):
    with run_on_commit():
        return client.post(guest_register_url(event), data)


def confirm_link(mail):
    return link_in(mail.body, "/evenementen/gast/bevestigen/")


def private_link(mail):
    return link_in(mail.body, "/evenementen/aanmelding/")


def registered_guest(client, event, run_on_commit, mailoutbox, data=GUEST):
    ask(client, event, run_on_commit, data)
    link = confirm_link(mailoutbox[-1])
    with run_on_commit():
        response = client.post(link)
    assert response.status_code == 302
    return Registration.objects.get(event=event, guest_email=data["gast-email"])


# --- The form on the event page --------------------------------------------------------------


def test_guest_form_shows_only_on_events_open_to_guests(client, member, event, guest_event):
    assert "Aanmelden als gast" not in client.get(event.url).content.decode()
    html = client.get(guest_event.url).content.decode()
    assert "Aanmelden als gast" in html
    assert "Inloggen om je aan te melden" in html
    assert 'autocomplete="email"' in html
    client.force_login(member)
    assert "Aanmelden als gast" not in client.get(guest_event.url).content.decode()


def test_guest_form_is_not_shown_when_registration_is_closed(client, make_event):
    closed = make_event(
        guests_may_register=True,
        start=timezone.now() + timedelta(days=3),
        registration_deadline=timezone.now() - timedelta(hours=1),
    )
    html = client.get(closed.url).content.decode()
    assert "Aanmelden als gast" not in html
    assert "De aanmeldtermijn is voorbij" in html


def test_guest_form_errors_keep_everything_typed(client, guest_event, mailoutbox):
    data = {**GUEST, "gast-email": "geen-adres", "gast-remark": "Rolstoel"}
    response = client.post(guest_register_url(guest_event), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul een geldig e-mailadres in" in html
    assert 'value="Anouk de Vries"' in html
    assert 'value="geen-adres"' in html
    assert "Rolstoel" in html
    assert GuestRequest.objects.count() == 0
    assert mailoutbox == []


def test_event_closed_to_guests_refuses_the_form(client, event):
    response = client.post(guest_register_url(event), GUEST, follow=True)
    assert "alleen leden" in response.content.decode()
    assert GuestRequest.objects.count() == 0


def test_a_guests_answers_and_session_wait_in_the_request_and_arrive_with_the_registration(
    client, guest_event, mailoutbox, run_on_commit
):
    question = RegistrationQuestion.objects.create(
        event=guest_event, label="Dieetwens", kind=RegistrationQuestion.Kind.TEXT
    )
    session = EventSession.objects.create(
        event=guest_event,
        title="Workshop Vroegsignalering",
        starts_at=guest_event.start,
        ends_at=guest_event.start + timedelta(minutes=30),
        capacity=5,
    )
    slot = f"gast-sessie_{timezone.localtime(session.starts_at):%Y%m%d%H%M}"
    data = {**GUEST, f"gast-vraag_{question.pk}": "Geen noten", slot: str(session.pk)}
    response = ask(client, guest_event, run_on_commit, data=data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert GuestRequest.objects.get().details == {
        "answers": {str(question.pk): "Geen noten"},
        "sessions": [session.pk],
    }

    with run_on_commit():
        client.post(confirm_link(mailoutbox[0]))
    registration = Registration.objects.get()
    assert registration.answers.get().value == "Geen noten"
    assert registration.session_choices.get().session == session


# --- Request, confirmation, private page --------------------------------------------------------


def test_guest_registers_confirms_and_sees_the_private_page(
    client, guest_event, mailoutbox, run_on_commit
):
    response = ask(client, guest_event, run_on_commit)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Kijk in je e-mail" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"

    request = GuestRequest.objects.get()
    assert (request.name, request.email, request.organisation, request.remark) == (
        "Anouk de Vries",
        "anouk@woonstichting.example",
        "Woonstichting Noord",
        "Vegetarisch graag",
    )
    assert request.details == {"answers": {}, "sessions": []}
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["anouk@woonstichting.example"]
    assert "Bevestig je aanmelding" in mailoutbox[0].subject
    link = confirm_link(mailoutbox[0])

    # Opening the link (as a mail scanner does) registers nobody.
    shown = client.get(link)
    assert shown.status_code == 200
    assert "Ja, meld mij aan" in shown.content.decode()
    assert not Registration.objects.exists()

    with run_on_commit():
        confirmed = client.post(link)
    registration = Registration.objects.get()
    assert registration.is_guest
    assert registration.status == Registration.Status.REGISTERED
    assert registration.guest_name == "Anouk de Vries"
    assert registration.guest_organisation == "Woonstichting Noord"
    assert registration.remark == "Vegetarisch graag"
    assert confirmed["Location"] == f"/evenementen/aanmelding/{registration.access_token}/"

    mail = mailoutbox[-1]
    assert "Je bent aangemeld" in mail.subject
    assert private_link(mail) == confirmed["Location"]
    assert "mijn-evenementen" not in mail.body
    assert "Al je aanmeldingen" not in mail.body
    assert mail.attachments[0][0].endswith(".ics")

    html = client.get(confirmed["Location"]).content.decode()
    assert "Je bent aangemeld." in html
    assert guest_event.title in html
    assert display_code(registration.code) in html
    assert "https://meet.example/schuldhulp" in html


def test_private_pages_are_private_and_not_indexed(client, guest_event, mailoutbox, run_on_commit):
    registration = registered_guest(client, guest_event, run_on_commit, mailoutbox)
    token = registration.access_token
    for url in (
        f"/evenementen/aanmelding/{token}/",
        f"/evenementen/aanmelding/{token}/afmelden/",
        f"/evenementen/aanmelding/{token}/agenda.ics",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store"
        assert response["Referrer-Policy"] == "strict-origin"
        assert "noindex" in response["X-Robots-Tag"]
    assert (
        '<meta name="robots" content="noindex, nofollow">'
        in client.get(f"/evenementen/aanmelding/{token}/").content.decode()
    )


def test_calendar_file_of_a_guest_with_a_seat_has_the_online_link(
    client, guest_event, mailoutbox, run_on_commit
):
    registration = registered_guest(client, guest_event, run_on_commit, mailoutbox)
    url = f"/evenementen/aanmelding/{registration.access_token}/agenda.ics"
    response = client.get(url)
    calendar = Calendar.from_ical(response.content)
    event = next(iter(calendar.walk("VEVENT")))
    assert "https://meet.example/schuldhulp" in str(event["description"])
    # Like every calendar file: a calendar program's current copy is answered with 304.
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["Referrer-Policy"] == "strict-origin"


def test_a_members_registration_has_no_guest_page(client, member, guest_event):
    registration = register(guest_event, user=member).registration
    assert client.get(f"/evenementen/aanmelding/{registration.access_token}/").status_code == 404


def test_unknown_links_say_so_in_dutch(client, db):
    response = client.get("/evenementen/gast/bevestigen/onbekend/")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()
    assert client.get("/evenementen/aanmelding/onbekend/").status_code == 404


def test_double_confirmation_is_idempotent(client, guest_event, mailoutbox, run_on_commit):
    ask(client, guest_event, run_on_commit)
    link = confirm_link(mailoutbox[0])
    with run_on_commit():
        first = client.post(link)
    with run_on_commit():
        second = client.post(link)
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1
    assert [m.subject.split(":")[0] for m in mailoutbox].count("Je bent aangemeld") == 1
    # The link opened again later leads to the registration too.
    assert client.get(link)["Location"] == first["Location"]
    assert guests.confirm(GuestRequest.objects.get().pk) == Registration.objects.get()


def test_expired_link_registers_nobody(client, guest_event, mailoutbox, run_on_commit, settings):
    ask(client, guest_event, run_on_commit)
    link = confirm_link(mailoutbox[0])
    GuestRequest.objects.update(
        created_at=timezone.now() - timedelta(hours=settings.GUEST_REQUEST_LINK_HOURS + 1)
    )
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        assert "Deze link is verlopen" in response.content.decode()
    assert not Registration.objects.exists()


def test_confirmation_after_registration_closed_says_why(
    client, guest_event, mailoutbox, run_on_commit
):
    ask(client, guest_event, run_on_commit)
    link = confirm_link(mailoutbox[0])
    guest_event.status = "afgelast"
    guest_event.save()
    response = client.post(link)
    assert response.status_code == 409
    assert "Dit evenement gaat niet door" in response.content.decode()
    assert not Registration.objects.exists()


def test_an_address_already_registered_is_shown_its_registration(
    client, guest_event, mailoutbox, run_on_commit
):
    registration = registered_guest(client, guest_event, run_on_commit, mailoutbox)
    mailoutbox.clear()
    response = ask(client, guest_event, run_on_commit, {**GUEST, "gast-name": "Anouk"})
    # The page says the same as for any address: nothing leaks to whoever typed it.
    assert response["Location"] == f"/evenementen/{guest_event.pk}/aanmelden-als-gast/verstuurd/"
    with run_on_commit():
        confirmed = client.post(confirm_link(mailoutbox[0]))
    assert confirmed["Location"] == f"/evenementen/aanmelding/{registration.access_token}/"
    assert Registration.objects.count() == 1


def test_a_members_address_is_told_to_sign_in_and_the_page_says_the_same(
    client, guest_event, mailoutbox, run_on_commit
):
    member = UserFactory(email="lid@gemeente.example")
    response = ask(
        client, guest_event, run_on_commit, {**GUEST, "gast-email": "LID@gemeente.example"}
    )
    assert response["Location"] == f"/evenementen/{guest_event.pk}/aanmelden-als-gast/verstuurd/"
    assert not GuestRequest.objects.exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["LID@gemeente.example"]
    assert "log in" in mailoutbox[0].subject
    assert "/accounts/login/" in mailoutbox[0].body
    assert not Registration.objects.filter(user=member).exists()


def test_a_signed_in_member_is_sent_to_the_member_form(member_client, guest_event):
    response = member_client.post(guest_register_url(guest_event), GUEST)
    assert response.status_code == 302
    assert not GuestRequest.objects.exists()


# --- Abuse ---------------------------------------------------------------------------------------


def test_requests_are_limited_per_visitor_and_keep_the_form(
    client, guest_event, mailoutbox, run_on_commit, settings
):
    settings.SITE_RATE_LIMITS = {**settings.SITE_RATE_LIMITS, "guest_registration": (2, 3600)}
    for number in range(2):
        ask(client, guest_event, run_on_commit, {**GUEST, "gast-email": f"g{number}@x.example"})
    response = ask(client, guest_event, run_on_commit, {**GUEST, "gast-email": "g9@x.example"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "te veel aanmeldingen" in html
    assert 'value="g9@x.example"' in html
    assert GuestRequest.objects.count() == 2


def test_one_address_gets_a_limited_number_of_emails_without_telling_anyone(
    client, guest_event, mailoutbox, run_on_commit, settings
):
    settings.SITE_RATE_LIMITS = {
        **settings.SITE_RATE_LIMITS,
        "guest_registration_address": (1, 3600),
    }
    first = ask(client, guest_event, run_on_commit)
    second = ask(
        client, guest_event, run_on_commit, {**GUEST, "gast-email": "ANOUK@woonstichting.example"}
    )
    assert first["Location"] == second["Location"]
    assert len(mailoutbox) == 1
    assert GuestRequest.objects.count() == 1


def test_filled_in_honeypot_sends_nothing_and_says_the_same(
    client, guest_event, mailoutbox, run_on_commit
):
    response = ask(client, guest_event, run_on_commit, {**GUEST, "gast-website": "spam.example"})
    assert response.status_code == 302
    assert not GuestRequest.objects.exists()
    assert mailoutbox == []


def test_private_links_are_limited_per_visitor(client, guest_event, settings):
    settings.SITE_RATE_LIMITS = {**settings.SITE_RATE_LIMITS, "guest_link": (2, 900)}
    for _attempt in range(2):
        client.get("/evenementen/aanmelding/geraden/")
    response = client.get("/evenementen/aanmelding/geraden/")
    assert response.status_code == 429
    assert "Even geduld" in response.content.decode()


# --- Cancelling --------------------------------------------------------------------------------


def test_cancel_through_the_link_frees_the_seat_for_the_waiting_list(
    client, make_event, mailoutbox, run_on_commit
):
    event = make_event(capacity=1, guests_may_register=True)
    registration = registered_guest(client, event, run_on_commit, mailoutbox)
    waiting_member = UserFactory()
    with run_on_commit():
        waiting = register(event, user=waiting_member).registration
    assert waiting.status == Registration.Status.WAITING
    mailoutbox.clear()

    cancel_url = f"/evenementen/aanmelding/{registration.access_token}/afmelden/"
    question = client.get(cancel_url)
    assert "Weet je zeker" in question.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED  # a GET cancels nothing

    with run_on_commit():
        response = client.post(cancel_url)
    assert response["Location"] == f"/evenementen/aanmelding/{registration.access_token}/"
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.REGISTERED
    assert [mail.to for mail in mailoutbox] == [[waiting_member.email]]
    html = client.get(response["Location"]).content.decode()
    assert "Je bent afgemeld" in html
    assert "Ja, meld mij af" not in html

    # Again: nothing changes.
    client.post(cancel_url)
    assert Registration.objects.filter(status=Registration.Status.REGISTERED).count() == 1


def test_no_cancelling_once_the_event_started(client, make_event):
    event = make_event(
        guests_may_register=True,
        start=timezone.now() - timedelta(hours=1),
        end=timezone.now() + timedelta(hours=2),
    )
    registration = Registration.objects.create(
        event=event, guest_name="Gast", guest_email="gast@x.example", seat=1
    )
    client.post(f"/evenementen/aanmelding/{registration.access_token}/afmelden/")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED


# --- E-mails to guests carry the private link ------------------------------------------------


def test_organiser_adding_a_guest_by_hand_sends_the_private_link(
    organiser_client, event, mailoutbox, run_on_commit
):
    with run_on_commit():
        organiser_client.post(
            f"/admin/aanmeldingen/{event.pk}/toevoegen/",
            {
                "email": "telefoon@gemeente.example",
                "name": "Bert Belder",
                "organisation": "",
                "remark": "",
                "send_confirmation": "on",
            },
        )
    registration = Registration.objects.get(guest_email="telefoon@gemeente.example")
    mail = mailoutbox[-1]
    assert mail.to == ["telefoon@gemeente.example"]
    assert private_link(mail) == f"/evenementen/aanmelding/{registration.access_token}/"
    assert "Al je aanmeldingen" not in mail.body


def test_waiting_list_promotion_and_reminder_mails_to_a_guest_carry_the_link(
    make_event, member, mailoutbox, run_on_commit
):
    event = make_event(capacity=1, start=timezone.now() + timedelta(hours=20))
    with run_on_commit():
        first = register(event, user=member).registration
        guest = register(event, guest_name="Gast Gastmans", guest_email="g@x.example").registration
    waiting_mail = mailoutbox[-1]
    assert "wachtlijst" in waiting_mail.subject
    assert f"/evenementen/aanmelding/{guest.access_token}/" in waiting_mail.body

    from events.registration import cancel

    with run_on_commit():
        cancel(first)
    promoted = mailoutbox[-1]
    assert "Er is een plaats vrij" in promoted.subject
    assert f"/evenementen/aanmelding/{guest.access_token}/" in promoted.body

    guest.refresh_from_db()
    with run_on_commit():
        queue_reminder(guest)
    reminder = mailoutbox[-1]
    assert reminder.subject.startswith("Morgen")
    assert f"/evenementen/aanmelding/{guest.access_token}/" in reminder.body
    assert "Al je aanmeldingen" not in reminder.body


def test_members_keep_the_my_events_footer(member, event, mailoutbox, run_on_commit):
    with run_on_commit():
        register(event, user=member)
    assert "/mijn-evenementen/" in mailoutbox[0].body
    assert "/evenementen/aanmelding/" not in mailoutbox[0].body


# --- Details, retention, demo ----------------------------------------------------------------


def test_details_are_stored_as_json_safe_data():
    from events.models import EventPage

    assert guests.json_safe(
        {"sessions": [EventPage(pk=7)], "when": timezone.datetime(2027, 1, 2).date()}
    ) == {
        "sessions": [7],
        "when": "2027-01-02",
    }


def test_requests_older_than_a_week_are_deleted(guest_event, settings):
    now = timezone.now()
    old = GuestRequest.objects.create(event=guest_event, name="Oud", email="oud@x.example")
    GuestRequest.objects.filter(pk=old.pk).update(
        created_at=now - timedelta(days=settings.GUEST_REQUEST_RETENTION_DAYS, hours=1)
    )
    GuestRequest.objects.create(event=guest_event, name="Nieuw", email="nieuw@x.example")
    assert guests.forget_old_requests(now) == 1
    assert list(GuestRequest.objects.values_list("name", flat=True)) == ["Nieuw"]
    assert guests.forget_old_requests(now) == 0
    assert "guest_request_retention" in settings.SCHEDULED_JOBS


def test_private_page_queries_do_not_grow_with_registrations(
    client, make_event, mailoutbox, run_on_commit
):
    def queries(event, extra):
        for number in range(extra):
            register(event, guest_name=f"Gast {number}", guest_email=f"g{number}@x.example")
        registration = registered_guest(
            client,
            event,
            run_on_commit,
            mailoutbox,
            {**GUEST, "gast-email": f"eigen{event.pk}@x.example"},
        )
        url = f"/evenementen/aanmelding/{registration.access_token}/"
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    small = queries(make_event(guests_may_register=True, capacity=None), 1)
    large = queries(make_event(guests_may_register=True, capacity=None), 60)
    assert small == large
    assert small <= 6


def test_guest_pages_speak_dutch(client, guest_event, mailoutbox, run_on_commit):
    from tests.accessibility.english_phrases import english_on

    error_page = client.post(guest_register_url(guest_event), {**GUEST, "gast-email": "x"})
    requested = ask(client, guest_event, run_on_commit)
    link = confirm_link(mailoutbox[-1])
    confirm_page = client.get(link)
    with run_on_commit():
        private = client.post(link)["Location"]
    pages = {
        "evenement": client.get(guest_event.url),
        "fouten": error_page,
        "verstuurd": client.get(requested["Location"]),
        "bevestigen": confirm_page,
        "aanmelding": client.get(private),
        "afmelden": client.get(f"{private}afmelden/"),
        "verlopen": client.get("/evenementen/gast/bevestigen/onbekend/"),
    }
    for name, response in pages.items():
        assert not english_on(response.content.decode()), (
            name,
            english_on(response.content.decode()),
        )


def test_demo_opens_two_events_to_guests_with_one_confirmed_guest_and_loads_twice(
    agenda, make_event
):
    from events.demo import GUEST_EVENTS, open_to_guests
    from events.models import EventPage

    for number, title in enumerate(GUEST_EVENTS):
        make_event(title=title, slug=f"demo-gasten-{number}", capacity=None)
    open_to_guests(agenda)
    open_to_guests(agenda)
    assert EventPage.objects.filter(guests_may_register=True).count() == 2
    registration = Registration.objects.get(user__isnull=True)
    assert registration.guest_request.confirmed_at is not None
    assert registration.status == Registration.Status.REGISTERED


def test_event_page_with_the_guest_form_takes_the_same_queries_for_few_and_many(client, make_event):
    def queries(extra):
        event = make_event(guests_may_register=True, capacity=None)
        for number in range(extra):
            register(event, guest_name=f"Gast {number}", guest_email=f"g{number}@x.example")
        client.get(event.url)
        with CaptureQueriesContext(connection) as context:
            response = client.get(event.url + "?miss=1")
        assert "Aanmelden als gast" in response.content.decode()
        return len(context.captured_queries)

    assert queries(1) == queries(60)
