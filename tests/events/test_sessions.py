"""Sessions with seats of their own: a member chooses one per time slot when registering.

Seats in a session are kept as the event's seats are: unique per session in the database, the
capacity checked under the event's lock; a full session refuses the whole registration, and the
form comes back with everything that was typed.
"""

from datetime import datetime, timedelta

import pytest

from django.db import IntegrityError, transaction
from django.utils import timezone

from events.forms import RegistrationForm
from events.models import EventSession, Registration, SessionChoice
from events.registration import RegistrationRefused, cancel, change_sessions, register
from events.sessions import slot_label
from tests.events.test_organiser_rights import event_form_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def register_url(event):
    return f"/evenementen/{event.pk}/aanmelden/"


def add_session(event, title, start_hour, *, minutes=60, capacity=None, room="Zaal 1"):
    starts_at = event.start.replace(minute=0) + timedelta(hours=start_hour)
    return EventSession.objects.create(
        event=event,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        room=room,
        capacity=capacity,
    )


@pytest.fixture
def rounds(event):
    """Two rounds: A and B at the first hour (B has 2 seats), C alone at the third hour.

    The event starts at 09:30 on its day: from the factory's "now, in ten days" a test run in
    the evening got an event past midnight, whose slots are labelled with their day."""
    start = timezone.localtime(event.start).replace(hour=9, minute=30, second=0, microsecond=0)
    event.start, event.end = start, start + timedelta(hours=6)
    event.save()
    return {
        "a": add_session(event, "Workshop Archiveren", 1, capacity=10, room="Zaal 2"),
        "b": add_session(event, "Workshop API's", 1, capacity=2, room="Zaal 3"),
        "c": add_session(event, "Rondetafel Inkoop", 3),
    }


def take(event, session, count):
    """``count`` other members take a seat in ``session``."""
    for _ in range(count):
        register(event, user=UserFactory(), sessions=[session.pk], notify=False)


def test_event_page_lists_sessions_with_room_time_and_seats_left(client, event, rounds):
    take(event, rounds["b"], 1)
    html = client.get(event.url).content.decode()
    assert "Workshop Archiveren" in html
    assert "Zaal 2" in html
    assert "nog 10 plaatsen vrij" in html
    assert "nog 1 plaats vrij" in html
    assert "geen maximum" in html


def test_registration_form_has_a_fieldset_per_time_slot(member_client, event, rounds):
    take(event, rounds["b"], 2)
    html = member_client.get(event.url).content.decode()
    first = slot_label(rounds["a"].starts_at, rounds["a"].ends_at)
    second = slot_label(rounds["c"].starts_at, rounds["c"].ends_at)
    assert f"Kies je sessie voor {first}" in html
    assert f"Kies je sessie voor {second}" in html
    assert html.count("Geen sessie in deze ronde") == 2
    assert "Workshop API&#x27;s (Zaal 3) — vol" in html
    full = f'value="{rounds["b"].pk}"'
    tag = html[html.rindex("<input", 0, html.index(full)) : html.index(">", html.index(full))]
    assert "disabled" in tag


def test_member_registers_with_a_session_per_slot(
    member_client, member, event, rounds, mailoutbox, run_on_commit
):
    form = RegistrationForm(event=event)
    first, second = (slot.key for slot in form.slots)
    with run_on_commit():
        response = member_client.post(
            register_url(event),
            {first: str(rounds["a"].pk), second: str(rounds["c"].pk), "remark": ""},
        )
    assert response.status_code == 302
    registration = Registration.objects.get(user=member, event=event)
    choices = {choice.session_id: choice for choice in registration.session_choices.all()}
    assert set(choices) == {rounds["a"].pk, rounds["c"].pk}
    assert choices[rounds["a"].pk].seat == 1
    assert choices[rounds["a"].pk].slot == rounds["a"].starts_at
    assert "Workshop Archiveren (Zaal 2)" in mailoutbox[0].body
    assert "Rondetafel Inkoop" in mailoutbox[0].body

    my_events = member_client.get("/mijn-evenementen/").content.decode()
    assert "Workshop Archiveren" in my_events


def test_no_session_is_a_choice_too(member_client, member, event, rounds):
    response = member_client.post(register_url(event), {"remark": ""})
    assert response.status_code == 302
    registration = Registration.objects.get(user=member, event=event)
    assert not registration.session_choices.exists()


def test_one_session_per_slot_in_code_and_in_the_database(event, rounds):
    with pytest.raises(RegistrationRefused, match="één sessie"):
        register(event, user=UserFactory(), sessions=[rounds["a"].pk, rounds["b"].pk])
    assert not Registration.objects.filter(event=event).exists()

    registration = register(event, user=UserFactory(), sessions=[rounds["a"].pk]).registration
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionChoice.objects.create(
            registration=registration, session=rounds["b"], slot=rounds["b"].starts_at, seat=1
        )


def test_the_database_refuses_a_second_person_on_the_same_session_seat(event, rounds):
    first = register(event, user=UserFactory(), sessions=[rounds["a"].pk]).registration
    second = register(event, user=UserFactory()).registration
    assert first.session_choices.get().seat == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionChoice.objects.create(
            registration=second, session=rounds["a"], slot=rounds["a"].starts_at, seat=1
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionChoice.objects.create(
            registration=second, session=rounds["a"], slot=rounds["a"].starts_at, seat=0
        )


def test_a_full_session_refuses_the_registration_and_keeps_what_was_typed(
    member_client, member, event, rounds
):
    form = RegistrationForm(event=event)
    first = form.slots[0].key
    take(event, rounds["b"], 2)
    response = member_client.post(
        register_url(event), {first: str(rounds["b"].pk), "remark": "Ik kom met de trein"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "De sessie “Workshop API&#x27;s” is vol." in html
    assert "Ik kom met de trein" in html
    # The message sits in the slot's fieldset and is linked to it.
    assert f'aria-describedby="id_{first}-error"' in html
    assert not Registration.objects.filter(user=member).exists()


def test_a_session_that_fills_while_registering_refuses_under_the_lock(event, rounds):
    """The form saw a free seat; the seat went to someone else before the registration."""
    take(event, rounds["b"], 2)
    with pytest.raises(RegistrationRefused) as refused:
        register(event, user=UserFactory(), sessions=[rounds["b"].pk], remark="x")
    assert "Workshop API's" in str(refused.value.message)
    assert Registration.objects.filter(event=event).count() == 2
    assert SessionChoice.objects.filter(session=rounds["b"]).count() == 2


def test_the_refusal_from_the_lock_shows_on_the_page_with_the_input_kept(
    member_client, member, event, rounds, monkeypatch
):
    """Between the form's check and the lock the last seat went: the page says which."""
    first = RegistrationForm(event=event).slots[0].key
    take(event, rounds["b"], 1)
    from events import forms as event_forms

    monkeypatch.setattr(event_forms.RegistrationForm, "clean", lambda self: self.cleaned_data)
    take(event, rounds["b"], 1)
    response = member_client.post(
        register_url(event), {first: str(rounds["b"].pk), "remark": "Vegetarisch"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "is vol" in html
    assert "Vegetarisch" in html


def test_cancelling_frees_the_session_seat(event, rounds):
    registration = register(event, user=UserFactory(), sessions=[rounds["b"].pk]).registration
    take(event, rounds["b"], 1)
    cancel(registration, notify=False)
    assert not SessionChoice.objects.filter(registration=registration).exists()
    late = register(event, user=UserFactory(), sessions=[rounds["b"].pk]).registration
    assert late.session_choices.get().seat == 1


def test_a_waiting_list_registration_takes_no_session(make_event, member_client):
    full = make_event(capacity=1)
    session = add_session(full, "Workshop", 1, capacity=5)
    register(full, user=UserFactory())
    outcome = register(full, user=UserFactory(), sessions=[session.pk])
    assert outcome.registration.status == Registration.Status.WAITING
    assert not outcome.registration.session_choices.exists()


def test_the_promotion_email_asks_to_choose_sessions(make_event, mailoutbox, run_on_commit):
    full = make_event(capacity=1)
    add_session(full, "Workshop", 1, capacity=5)
    first = register(full, user=UserFactory(), notify=False).registration
    register(full, user=UserFactory(), notify=False)
    with run_on_commit():
        cancel(first)
    promoted = [mail for mail in mailoutbox if "plaats vrij" in mail.subject]
    assert promoted
    assert "Kies je sessies" in promoted[0].body


def test_member_changes_their_sessions_on_the_event_page(member_client, member, event, rounds):
    form = RegistrationForm(event=event)
    first, second = (slot.key for slot in form.slots)
    member_client.post(register_url(event), {first: str(rounds["a"].pk)})
    registration = Registration.objects.get(user=member, event=event)

    page = member_client.get(event.url).content.decode()
    assert "Sessiekeuze opslaan" in page

    url = f"/evenementen/aanmeldingen/{registration.pk}/sessies/"
    response = member_client.post(url, {first: str(rounds["b"].pk), second: str(rounds["c"].pk)})
    assert response.status_code == 302
    assert set(registration.session_choices.values_list("session_id", flat=True)) == {
        rounds["b"].pk,
        rounds["c"].pk,
    }
    assert not SessionChoice.objects.filter(session=rounds["a"]).exists()

    take(event, rounds["a"], 9)
    take(event, rounds["a"], 1)  # session A is now full
    response = member_client.post(url, {first: str(rounds["a"].pk)})
    assert response.status_code == 400
    assert "De sessie “Workshop Archiveren” is vol." in response.content.decode()
    assert set(registration.session_choices.values_list("session_id", flat=True)) == {
        rounds["b"].pk,
        rounds["c"].pk,
    }


def test_change_sessions_keeps_a_held_seat_in_a_full_session(event, rounds):
    mine = register(event, user=UserFactory(), sessions=[rounds["b"].pk]).registration
    take(event, rounds["b"], 1)
    choices = change_sessions(mine, [rounds["b"].pk, rounds["c"].pk])
    assert {choice.session_id for choice in choices} == {rounds["b"].pk, rounds["c"].pk}
    assert mine.session_choices.get(session=rounds["b"]).seat == 1


def test_another_member_cannot_change_my_sessions(client, event, rounds):
    mine = register(event, user=UserFactory(), sessions=[rounds["a"].pk]).registration
    client.force_login(UserFactory())
    response = client.post(f"/evenementen/aanmeldingen/{mine.pk}/sessies/", {})
    assert response.status_code == 404
    assert mine.session_choices.exists()


def session_form_data(**fields):
    data = {
        "sessions-TOTAL_FORMS": "1",
        "sessions-0-id": "",
        "sessions-0-ORDER": "1",
        "sessions-0-DELETE": "",
        "sessions-0-title": "Workshop Open Data",
        "sessions-0-starts_at": "2030-04-10 15:00",
        "sessions-0-ends_at": "2030-04-10 15:30",
        "sessions-0-room": "Zaal 1",
        "sessions-0-capacity": "10",
        "sessions-0-description": "",
    }
    data.update({f"sessions-0-{name}": value for name, value in fields.items()})
    return data


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"starts_at": "2030-04-10 15:30", "ends_at": "2030-04-10 15:00"},
            "Een sessie moet eindigen na haar begin.",
        ),
        (
            {"starts_at": "2030-04-10 15:30", "ends_at": "2030-04-10 17:00"},
            "Een sessie valt binnen het evenement",
        ),
    ],
    ids=["ends-before-start", "outside-the-event"],
)
def test_organiser_cannot_save_a_session_outside_its_event(
    organiser_client, agenda, network, fields, message
):
    data = event_form_data(network, **{"action-publish": "action-publish"})
    data.update(session_form_data(**fields))
    response = organiser_client.post(f"/admin/pages/add/events/eventpage/{agenda.pk}/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventSession.objects.exists()


def test_organiser_adds_a_session_in_the_programme_tab(organiser_client, agenda, network):
    data = event_form_data(network, **{"action-publish": "action-publish"})
    data.update(session_form_data())
    response = organiser_client.post(f"/admin/pages/add/events/eventpage/{agenda.pk}/", data)
    assert response.status_code == 302
    session = EventSession.objects.get()
    assert session.title == "Workshop Open Data"
    assert session.capacity == 10


def test_organiser_cannot_lower_a_session_below_its_taken_seats(organiser_client, make_event):
    from django.utils import timezone

    event = make_event(
        start=timezone.make_aware(datetime(2030, 4, 10, 15, 0)),
        end=timezone.make_aware(datetime(2030, 4, 10, 16, 0)),
        slug="webinar-open-data",
        title="Webinar Open Data",
    )
    session = EventSession.objects.create(
        event=event,
        title="Workshop Open Data",
        starts_at=event.start,
        ends_at=event.start + timedelta(minutes=30),
        capacity=10,
    )
    event.save_revision().publish()
    take(event, session, 3)
    data = event_form_data(event.organiser_network, slug=event.slug, title=event.title)
    data.update(session_form_data(capacity="2", id=str(session.pk), starts_at="2030-04-10 15:00"))
    data["sessions-INITIAL_FORMS"] = "1"
    response = organiser_client.post(f"/admin/pages/{event.pk}/edit/", data)
    assert response.status_code == 200
    assert "Er hebben al 3 deelnemers voor deze sessie gekozen." in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 10


def test_the_demo_congress_has_two_rounds_of_sessions_and_two_questions(client):
    from events import demo as events_demo
    from events.models import EventPage
    from home import demo as home_demo
    from members import demo as members_demo
    from vakgenoten import demo

    home = demo.load()
    home_demo.load_shared()
    members_demo.load(home)
    events_demo.load(home)
    events_demo.load(home)  # a second run adds nothing
    congress = EventPage.objects.get(slug=events_demo.CONGRESS_SLUG)
    assert congress.sessions.count() == 5
    assert congress.questions.count() == 2
    # In the published revision too, so the page editor opens with them.
    assert len(congress.get_latest_revision_as_object().sessions.all()) == 5
    html = client.get(congress.url).content.decode()
    assert "Workshop: een zaaksysteem aanbesteden" in html
