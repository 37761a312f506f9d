"""Organisers edit events only under the agenda and manage the registrations of their events."""

import csv
import io

import pytest

from django.contrib.auth.models import Group

from events.groups import ORGANISERS, setup_organiser_group
from events.models import EventPage, Registration
from events.registration import register
from tests.events.admin_forms import EMPTY_PARTS
from tests.factories import ARTICLE_FACTORIES, UserFactory
from vakgenoten.models import StandardPage

pytestmark = pytest.mark.django_db


def test_organiser_can_edit_events_but_not_articles_or_standard_pages(
    organiser, organiser_client, agenda, event, home_page
):
    about = StandardPage.objects.get(slug="over-vakgenoten")
    assert event.permissions_for_user(organiser).can_edit()
    assert agenda.permissions_for_user(organiser).can_add_subpage()
    assert not about.permissions_for_user(organiser).can_edit()
    assert not home_page.permissions_for_user(organiser).can_edit()
    assert not home_page.permissions_for_user(organiser).can_add_subpage()

    assert organiser_client.get(f"/admin/pages/{event.pk}/edit/").status_code == 200
    assert organiser_client.get(f"/admin/pages/{about.pk}/edit/").status_code in (302, 403)
    add_event = f"/admin/pages/add/events/eventpage/{agenda.pk}/"
    assert organiser_client.get(add_event).status_code == 200


def test_organiser_cannot_edit_articles_outside_their_networks(
    blog_index, organiser, organiser_client
):
    articles = [factory(parent=blog_index) for factory in ARTICLE_FACTORIES.values()]
    assert len(articles) == 4  # one of each type: news, blog, interview, best practice
    setup_organiser_group()  # again, now the knowledge base and its articles exist

    # As a network manager they may write their network's articles (blog.permissions), never
    # the knowledge base itself nor an article without one of their networks.
    assert blog_index.permissions_for_user(organiser).can_add_subpage()
    assert not blog_index.permissions_for_user(organiser).can_edit()
    for article in articles:
        assert not article.permissions_for_user(organiser).can_edit()
        assert not article.permissions_for_user(organiser).can_publish()
        edit = organiser_client.get(f"/admin/pages/{article.pk}/edit/")
        assert edit.status_code in (302, 403), article.specific_class
    edit_index = organiser_client.get(f"/admin/pages/{blog_index.pk}/edit/")
    assert edit_index.status_code in (302, 403)


def test_setting_up_the_group_twice_changes_nothing(agenda):
    from wagtail.models import GroupPagePermission

    setup_organiser_group()
    count = GroupPagePermission.objects.count()
    setup_organiser_group()
    assert GroupPagePermission.objects.count() == count
    assert Group.objects.filter(name=ORGANISERS).count() == 1


def test_organiser_sees_registrations_from_the_page_listing(organiser_client, agenda, event):
    listing = organiser_client.get(f"/admin/pages/{agenda.pk}/").content.decode()
    assert f"/admin/aanmeldingen/{event.pk}/" in listing
    register(event, user=UserFactory(first_name="Anouk", last_name="de Vries"), remark="Vegan")
    page = organiser_client.get(f"/admin/aanmeldingen/{event.pk}/").content.decode()
    assert "Anouk de Vries" in page
    assert "Vegan" in page
    overview = organiser_client.get("/admin/aanmeldingen/").content.decode()
    assert event.title in overview


def test_member_without_rights_cannot_see_registrations(client, event):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(f"/admin/aanmeldingen/{event.pk}/")
    assert response.status_code in (302, 403)


def test_csv_export_lists_name_organisation_status_remark_and_date(organiser_client, event):
    register(event, user=UserFactory(first_name="Bram", last_name="Jansen"), remark="=1+1")
    register(
        event,
        guest_name="Fatima El Amrani",
        guest_email="fatima@werkbedrijf.example",
        guest_organisation="Werkbedrijf Noorderkwartier",
    )
    response = organiser_client.get(f"/admin/aanmeldingen/{event.pk}/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Naam", "Organisatie", "E-mailadres", "Status"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Bram Jansen"][3] == "Aangemeld"
    assert by_name["Bram Jansen"][5] == "'=1+1"  # no formulas in spreadsheets
    assert by_name["Fatima El Amrani"][1] == "Werkbedrijf Noorderkwartier"
    assert by_name["Fatima El Amrani"][2] == "fatima@werkbedrijf.example"
    assert by_name["Fatima El Amrani"][7] == "gast"


def test_organiser_adds_a_member_and_a_phone_guest_by_hand(
    organiser, organiser_client, event, mailoutbox, run_on_commit
):
    member = UserFactory(email="joost@westerveen.example")
    url = f"/admin/aanmeldingen/{event.pk}/toevoegen/"
    with run_on_commit():
        response = organiser_client.post(
            url, {"email": "JOOST@westerveen.example", "send_confirmation": "on"}
        )
    assert response.status_code == 302
    registration = Registration.objects.get(user=member)
    assert registration.added_by == organiser
    assert [m.to for m in mailoutbox] == [[member.email]]

    response = organiser_client.post(url, {"email": "onbekend@gemeente.example"})
    assert response.status_code == 200
    assert "Vul de naam in" in response.content.decode()

    organiser_client.post(
        url,
        {"email": "piet@gemeente.example", "name": "Piet Belt", "organisation": "Gemeente X"},
    )
    guest = Registration.objects.get(guest_name="Piet Belt")
    assert guest.status == Registration.Status.REGISTERED
    assert guest.user is None

    response = organiser_client.post(url, {"email": "joost@westerveen.example"})
    assert "al aangemeld" in response.content.decode()


def test_organiser_removes_a_registration_and_the_waiting_list_moves_up(
    organiser_client, make_event
):
    event = make_event(capacity=1)
    first, second = UserFactory(), UserFactory()
    register(event, user=first, notify=False)
    register(event, user=second, notify=False)
    registration = Registration.objects.get(user=first)
    response = organiser_client.post(f"/admin/aanmeldingen/{event.pk}/{registration.pk}/afmelden/")
    assert response.status_code == 302
    assert Registration.objects.get(user=first).status == Registration.Status.CANCELLED
    assert Registration.objects.get(user=second).status == Registration.Status.REGISTERED


def test_organiser_can_publish_a_new_congress(organiser_client, agenda, network):
    response = organiser_client.post(
        f"/admin/pages/add/events/eventpage/{agenda.pk}/",
        {
            "title": "Congres Informatieveiligheid",
            "slug": "congres-informatieveiligheid",
            "kind": "congres",
            "intro": "Een dag over de BIO in de praktijk.",
            "start": "2030-03-14 09:30",
            "end": "2030-03-14 17:00",
            "status": "gepland",
            "venue_name": "De Werf",
            "venue_street": "Werfkade 12",
            "venue_postal_code": "3511 AB",
            "venue_city": "Utrecht",
            "online_url": "",
            "organiser_network": network.pk,
            "image_alt": "",
            **EMPTY_PARTS,
            "registration_enabled": "on",
            "capacity": "150",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    event = EventPage.objects.get(slug="congres-informatieveiligheid")
    assert event.live
    assert event.capacity == 150
