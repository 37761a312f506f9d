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
