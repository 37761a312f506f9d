"""The attendee list looks like the admin's own tables, and cancelling someone asks first."""

import re

import pytest

from events.models import Registration
from events.registration import register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_attendee_list_uses_the_admins_table_markup_and_hidden_texts(organiser_client, event):
    register(event, user=UserFactory(first_name="Koen", last_name="Smit"), notify=False)
    html = organiser_client.get(f"/admin/aanmeldingen/{event.pk}/").content.decode()
    assert 'class="visually-hidden"' not in html  # a class the admin does not have
    assert '<caption class="w-sr-only">Aanmeldingen voor Congres Samen Digitaal</caption>' in html
    assert '<th scope="col"><span class="w-sr-only">Acties</span></th>' in html
    link = re.search(r'<a class="button button-small[^"]*" href="([^"]+)">(.*?)</a>', html)
    assert link.group(2) == 'Afmelden<span class="w-sr-only"> Koen Smit</span>'
    registration = Registration.objects.get(event=event)
    assert link.group(1) == f"/admin/aanmeldingen/{event.pk}/{registration.pk}/afmelden/"


def test_cancelling_an_attendee_asks_for_confirmation_first(organiser_client, event):
    registration = register(
        event, user=UserFactory(first_name="Koen", last_name="Smit"), notify=False
    ).registration
    url = f"/admin/aanmeldingen/{event.pk}/{registration.pk}/afmelden/"
    page = organiser_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Weet je zeker dat je <strong>Koen Smit</strong> wilt afmelden" in html
    assert 'method="post"' in html
    assert "csrfmiddlewaretoken" in html
    assert "Ja, afmelden" in html
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED  # looking changes nothing

    response = organiser_client.post(url, follow=True)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert response.redirect_chain[-1][0] == f"/admin/aanmeldingen/{event.pk}/"
    assert "Koen Smit is afgemeld voor Congres Samen Digitaal." in response.content.decode()


def test_the_confirmation_says_the_waiting_list_moves_up(organiser_client, make_event):
    event = make_event(capacity=1)
    first = register(event, guest_name="Anouk de Vries", notify=False).registration
    register(event, guest_name="Bram Jansen", notify=False)
    html = organiser_client.get(
        f"/admin/aanmeldingen/{event.pk}/{first.pk}/afmelden/"
    ).content.decode()
    assert "De vrijgekomen plaats gaat naar de eerste op de wachtlijst" in html


def test_cancelling_twice_only_tells_it_was_done(organiser_client, event):
    registration = register(event, guest_name="Fatima El Amrani", notify=False).registration
    url = f"/admin/aanmeldingen/{event.pk}/{registration.pk}/afmelden/"
    organiser_client.post(url)
    response = organiser_client.get(url, follow=True)
    assert "Fatima El Amrani was al afgemeld." in response.content.decode()


def test_the_confirmation_needs_csrf(organiser, event):
    from django.test import Client

    registration = register(event, guest_name="Joost Bakker", notify=False).registration
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)
    response = client.post(f"/admin/aanmeldingen/{event.pk}/{registration.pk}/afmelden/")
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED


def test_attendee_list_takes_the_same_queries_for_many_people(
    organiser_client, event, django_assert_max_num_queries
):
    url = f"/admin/aanmeldingen/{event.pk}/"
    register(event, user=UserFactory(), notify=False)
    organiser_client.get(url)
    with django_assert_max_num_queries(40) as few:
        organiser_client.get(url)
    for _number in range(15):
        register(event, user=UserFactory(), notify=False)
        register(event, guest_name="Gast Voorbeeld", notify=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        organiser_client.get(url)


# Sessions, answers and check-in in the list (issue 21) ------------------------------------------


@pytest.fixture
def workshops(event):
    """Two parallel workshops at 10.00 on the day of ``event``, with a question asked."""
    from datetime import timedelta

    from events.models import EventSession, RegistrationQuestion

    start = event.start + timedelta(hours=1)
    end = start + timedelta(hours=1)
    ai = EventSession.objects.create(
        event=event, title="AI in de publieke dienst", starts_at=start, ends_at=end, capacity=1
    )
    privacy = EventSession.objects.create(
        event=event, title="Privacy by design", starts_at=start, ends_at=end, room="Zaal 2"
    )
    diet = RegistrationQuestion.objects.create(event=event, label="Dieetwensen")
    return ai, privacy, diet


def _choose(registration, session, seat=1):
    from events.models import SessionChoice

    SessionChoice.objects.create(
        registration=registration, session=session, slot=session.starts_at, seat=seat
    )


def test_attendee_list_shows_sessions_answers_check_in_and_code(organiser_client, event, workshops):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from events.models import RegistrationAnswer

    ai, privacy, diet = workshops
    koen = register(
        event, user=UserFactory(first_name="Koen", last_name="Smit"), notify=False
    ).registration
    _choose(koen, ai)
    RegistrationAnswer.objects.create(registration=koen, question=diet, value="Vegetarisch")
    day = event.start.astimezone(ZoneInfo("Europe/Amsterdam")).date()
    koen.checked_in_at = datetime(
        day.year, day.month, day.day, 9, 12, tzinfo=ZoneInfo("Europe/Amsterdam")
    )
    koen.save()
    register(event, guest_name="Fatima El Amrani", notify=False)

    html = organiser_client.get(f"/admin/aanmeldingen/{event.pk}/").content.decode()
    assert '<th scope="col">Dieetwensen</th>' in html
    assert '<th scope="col">Sessies</th>' in html
    assert "<td>Vegetarisch</td>" in html
    assert "aanwezig om 9.12" in html
    assert koen.code in html
    assert "AI in de publieke dienst</li>" in html
    # The seats per session, each with its own list to view and download.
    assert '<th scope="row" class="title">AI in de publieke dienst</th>' in html
    assert "1 van 1" in html and ">vol</span>" in html
    assert "0 (geen maximum)" in html
    assert f'href="/admin/aanmeldingen/{event.pk}/xlsx/?sessie={ai.pk}" download' in html
    excel = f"/admin/aanmeldingen/{event.pk}/xlsx/"
    assert f'href="{excel}" download>Exporteer als Excel' in html


def test_attendee_list_filters_by_session_check_in_and_status(organiser_client, event, workshops):
    from django.utils import timezone

    from events.models import Registration

    ai, privacy, _diet = workshops
    koen = register(event, guest_name="Koen Smit", notify=False).registration
    _choose(koen, ai)
    fatima = register(event, guest_name="Fatima El Amrani", notify=False).registration
    _choose(fatima, privacy)
    fatima.checked_in_at = timezone.now()
    fatima.save()
    bram = register(event, guest_name="Bram Jansen", notify=False).registration
    bram.status, bram.seat = Registration.Status.CANCELLED, None
    bram.save()
    url = f"/admin/aanmeldingen/{event.pk}/"

    def names(query):
        html = organiser_client.get(url + query).content.decode()
        return re.findall(r'<td class="title">([^<(]+?)(?: \(gast\))?</td>', html)

    assert names("") == ["Koen Smit", "Fatima El Amrani"]
    assert names(f"?sessie={ai.pk}") == ["Koen Smit"]
    assert names(f"?sessie={privacy.pk}") == ["Fatima El Amrani"]
    assert names("?aanwezig=ja") == ["Fatima El Amrani"]
    assert names("?aanwezig=nee") == ["Koen Smit"]
    assert names("?status=cancelled") == ["Bram Jansen"]
    assert names(f"?status=registered&sessie={ai.pk}&aanwezig=ja") == []
    html = organiser_client.get(url + f"?sessie={ai.pk}&aanwezig=ja").content.decode()
    assert "Niemand voldoet aan deze filters." in html
    assert f'<option value="{ai.pk}" selected>' in html
    assert '<option value="ja" selected>' in html
    # Unknown values are ignored, never an error.
    for query in ("?sessie=abc", "?sessie=999999", "?sessie=%C2%B2", "?aanwezig=misschien",
                  "?status=weg", "?p=99"):  # fmt: skip
        response = organiser_client.get(url + query)
        assert response.status_code == 200
        assert names(query) == ["Koen Smit", "Fatima El Amrani"]


def test_filters_are_labelled_and_work_without_javascript(organiser_client, event, workshops):
    html = organiser_client.get(f"/admin/aanmeldingen/{event.pk}/").content.decode()
    form = re.search(r'<form method="get"[^>]*class="attendee-filters">(.*?)</form>', html, re.S)
    assert form
    for name, field_id in (("status", "filter-status"), ("sessie", "filter-session"),
                           ("aanwezig", "filter-checked-in")):  # fmt: skip
        assert f'<label for="{field_id}">' in form.group(1)
        assert f'name="{name}" id="{field_id}"' in form.group(1)
    assert '<button type="submit"' in form.group(1)
    assert "<script" not in form.group(1) and "style=" not in form.group(1)


def test_many_questions_make_one_compact_list(organiser_client, event):
    from events.models import RegistrationAnswer, RegistrationQuestion

    questions = [
        RegistrationQuestion.objects.create(event=event, label=f"Vraag {n}", sort_order=n)
        for n in range(5)
    ]
    registration = register(event, guest_name="Anouk de Vries", notify=False).registration
    RegistrationAnswer.objects.create(
        registration=registration, question=questions[3], value="Antwoord drie"
    )
    html = organiser_client.get(f"/admin/aanmeldingen/{event.pk}/").content.decode()
    assert '<th scope="col">Antwoorden</th>' in html
    assert '<th scope="col">Vraag 3</th>' not in html
    assert "<dt>Vraag 3</dt>" in html and "<dd>Antwoord drie</dd>" in html
    assert "<dt>Vraag 1</dt>" not in html  # unanswered questions are left out


def test_attendee_list_queries_stay_the_same_with_sessions_and_answers(
    organiser_client, event, workshops, django_assert_max_num_queries
):
    from events.models import Registration, RegistrationAnswer

    ai, privacy, diet = workshops

    def add(count, offset):
        for number in range(count):
            registration = Registration.objects.create(
                event=event, user=UserFactory(), status=Registration.Status.WAITING
            )
            _choose(registration, privacy, seat=offset + number + 1)
            RegistrationAnswer.objects.create(registration=registration, question=diet, value="x")

    url = f"/admin/aanmeldingen/{event.pk}/"
    add(2, 0)
    organiser_client.get(url)
    with django_assert_max_num_queries(40) as few:
        organiser_client.get(url)
    add(30, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = organiser_client.get(url).content.decode()
    assert "32 (geen maximum)" in html
