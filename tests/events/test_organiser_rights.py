"""Least privilege: an organiser manages only the events of their own networks and organisation.

An organiser of network A gets 403 (or a 404 for a registration of another event) for network
B's event on every admin URL, and no list shows it; editors keep seeing everything.
"""

import csv
import io

import pytest

from events.models import EventPage, Registration
from events.permissions import EventScope, manageable_events
from events.registration import register
from members.models import NetworkMembership
from tests.events.admin_forms import EMPTY_PARTS
from tests.factories import EditorFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSED = (302, 403, 404)


def event_form_data(agenda_network=None, organisation=None, **fields):
    data = {
        "title": "Webinar Open Data",
        "slug": "webinar-open-data",
        "kind": "webinar",
        "intro": "Een uur over open data in de gemeente.",
        "start": "2030-04-10 15:00",
        "end": "2030-04-10 16:00",
        "status": "gepland",
        "venue_name": "",
        "venue_street": "",
        "venue_postal_code": "",
        "venue_city": "",
        "online_url": "https://webinar.example/open-data",
        "organiser_network": agenda_network.pk if agenda_network else "",
        "organiser_organisation": organisation.pk if organisation else "",
        "image_alt": "",
        **EMPTY_PARTS,
        "registration_enabled": "on",
        "capacity": "",
    }
    data.update(fields)
    return data


def test_the_rule_counts_approved_manager_networks_and_the_own_organisation(
    make_organiser, make_event, network, other_network
):
    town = OrganisationFactory(name="Gemeente Lindenholt", slug="gemeente-lindenholt")
    own_by_network = make_event(organiser_network=network)
    own_by_organisation = make_event(organiser_network=other_network, organiser_organisation=town)
    foreign = make_event(organiser_network=other_network)
    organiser = make_organiser(network, organisation=town)
    # A plain membership or a pending request to manage gives no rights.
    NetworkMembership.objects.create(
        user=organiser, network=other_network, status=NetworkMembership.Status.APPROVED
    )

    assert set(manageable_events(organiser)) == {own_by_network, own_by_organisation}
    assert own_by_network.permissions_for_user(organiser).can_edit()
    assert own_by_organisation.permissions_for_user(organiser).can_publish()
    permissions = foreign.permissions_for_user(organiser)
    assert not permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_unpublish()
    assert not permissions.can_delete()
    assert not permissions.can_copy()
    assert not permissions.can_move()
    assert not permissions.can_lock()


def test_a_pending_manager_or_an_organiser_without_networks_manages_nothing(
    make_organiser, event, network
):
    nobody = make_organiser()
    pending = make_organiser(email="pending@gemeente.example")
    NetworkMembership.objects.create(
        user=pending,
        network=network,
        status=NetworkMembership.Status.PENDING,
        role=NetworkMembership.Role.MANAGER,
    )
    for user in (nobody, pending):
        assert not manageable_events(user).exists()
        assert not event.permissions_for_user(user).can_edit()


def test_the_rule_holds_for_base_page_objects_as_wagtail_lists_them(organiser, other_event, event):
    from wagtail.models import Page

    assert Page.objects.get(pk=event.pk).permissions_for_user(organiser).can_edit()
    assert not Page.objects.get(pk=other_event.pk).permissions_for_user(organiser).can_edit()


@pytest.fixture
def agenda_editor(agenda):
    """An editor whose rights on the agenda come from a group other than the organisers."""
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import GroupPagePermission, Page

    group = Group.objects.create(name="Agendaredactie")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=Page.objects.get(pk=agenda.pk),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return EditorFactory(groups=[group])


def test_editors_and_superusers_keep_every_event(agenda_editor, event, other_event):
    editor = agenda_editor
    admin = UserFactory(is_superuser=True, is_staff=True)
    for user in (editor, admin):
        assert set(manageable_events(user)) >= {event, other_event}
        assert other_event.permissions_for_user(user).can_edit()
        assert other_event.permissions_for_user(user).can_publish()
    assert EventScope.of(editor).has_full_rights_over(other_event)


def test_an_editor_who_is_also_an_organiser_keeps_every_event(agenda_editor, other_event):
    from django.contrib.auth.models import Group

    agenda_editor.groups.add(Group.objects.get(name="Organisatoren"))
    assert other_event.permissions_for_user(agenda_editor).can_edit()
    assert other_event in manageable_events(agenda_editor)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pages/{id}/edit/",
        "/admin/pages/{id}/delete/",
        "/admin/pages/{id}/unpublish/",
        "/admin/pages/{id}/copy/",
        "/admin/pages/{id}/move/",
        "/admin/pages/{id}/history/",
        "/admin/pages/{id}/view_draft/",
        "/admin/pages/{id}/usage/",
        "/admin/aanmeldingen/{id}/",
        "/admin/aanmeldingen/{id}/csv/",
        "/admin/aanmeldingen/{id}/toevoegen/",
        "/admin/aanmeldingen/{id}/{registration}/afmelden/",
    ],
)
def test_organiser_is_refused_another_networks_event_on_every_url(
    organiser_client, other_event, path
):
    registration = register(
        other_event, user=UserFactory(first_name="Koen", last_name="Smit"), notify=False
    ).registration
    url = path.format(id=other_event.pk, registration=registration.pk)
    assert organiser_client.get(url).status_code in REFUSED
    assert organiser_client.post(url, {"email": "iemand@gemeente.example"}).status_code in (REFUSED)
    other_event.refresh_from_db()
    assert other_event.live
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED
    assert other_event.registrations.count() == 1


def test_organiser_cannot_lock_publish_or_save_another_networks_event(
    organiser_client, other_event, network
):
    assert organiser_client.post(f"/admin/pages/{other_event.pk}/lock/").status_code in REFUSED
    response = organiser_client.post(
        f"/admin/pages/{other_event.pk}/edit/",
        event_form_data(
            network,
            title="Overgenomen",
            slug=other_event.slug,
            **{"action-publish": "action-publish"},
        ),
    )
    assert response.status_code in REFUSED
    other_event.refresh_from_db()
    assert other_event.title == "Ledendag Sociaal Domein"
    assert not other_event.locked


def test_a_registration_of_another_event_is_not_reached_through_ones_own(
    organiser_client, event, other_event
):
    foreign = register(other_event, guest_name="Koen Smit", notify=False).registration
    url = f"/admin/aanmeldingen/{event.pk}/{foreign.pk}/afmelden/"
    assert organiser_client.get(url).status_code == 404
    assert organiser_client.post(url).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Registration.Status.REGISTERED


def test_lists_show_an_organiser_only_their_own_events(
    organiser_client, agenda, event, other_event
):
    overview = organiser_client.get("/admin/aanmeldingen/").content.decode()
    assert event.title in overview
    assert other_event.title not in overview

    explorer = organiser_client.get(f"/admin/pages/{agenda.pk}/").content.decode()
    assert event.title in explorer
    assert other_event.title not in explorer

    search = organiser_client.get("/admin/pages/search/", {"q": "Ledendag"}).content.decode()
    assert other_event.title not in search
    search = organiser_client.get("/admin/pages/search/", {"q": "Congres"}).content.decode()
    assert event.title in search


def test_editor_sees_every_event_in_the_lists(client, agenda_editor, agenda, event, other_event):
    client.force_login(agenda_editor)
    overview = client.get("/admin/aanmeldingen/").content.decode()
    explorer = client.get(f"/admin/pages/{agenda.pk}/").content.decode()
    for html in (overview, explorer):
        assert event.title in html
        assert other_event.title in html
    assert client.get(f"/admin/aanmeldingen/{other_event.pk}/").status_code == 200


def test_organiser_gets_own_event_csv_but_not_another(organiser_client, event, other_event):
    register(event, guest_name="Anouk de Vries", guest_email="anouk@lindenholt.example")
    register(other_event, guest_name="Koen Smit", guest_email="koen@sociaal.example")
    response = organiser_client.get(f"/admin/aanmeldingen/{event.pk}/csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Anouk de Vries"]
    assert organiser_client.get(f"/admin/aanmeldingen/{other_event.pk}/csv/").status_code in REFUSED


def test_new_event_offers_only_the_organisers_own_networks_and_organisation(
    make_organiser, client, agenda, network, other_network
):
    town = OrganisationFactory(name="Gemeente Lindenholt", slug="gemeente-lindenholt")
    OrganisationFactory(name="Gemeente Westerveen", slug="gemeente-westerveen")
    client.force_login(make_organiser(network, organisation=town))
    html = client.get(f"/admin/pages/add/events/eventpage/{agenda.pk}/").content.decode()
    assert network.name in html
    assert "Gemeente Lindenholt" in html
    assert other_network.name not in html
    assert "Gemeente Westerveen" not in html


def test_server_refuses_another_network_as_organiser_in_dutch(
    organiser_client, agenda, other_network
):
    response = organiser_client.post(
        f"/admin/pages/add/events/eventpage/{agenda.pk}/",
        event_form_data(other_network, **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Je kunt alleen een netwerk kiezen waarvan je beheerder bent." in html
    assert "Webinar Open Data" in html  # what was typed stays
    assert not EventPage.objects.filter(slug="webinar-open-data").exists()


def test_organiser_cannot_hand_their_event_to_another_organisation(
    make_organiser, client, make_event, network
):
    town = OrganisationFactory(name="Gemeente Lindenholt", slug="gemeente-lindenholt")
    elsewhere = OrganisationFactory(name="Gemeente Westerveen", slug="gemeente-westerveen")
    event = make_event(organiser_network=network, organiser_organisation=elsewhere)
    client.force_login(make_organiser(organisation=town, email="lindenholt@gemeente.example"))
    # Theirs through neither: refused outright.
    assert client.get(f"/admin/pages/{event.pk}/edit/").status_code in REFUSED

    own = make_event(organiser_network=None, organiser_organisation=town, slug="eigen")
    response = client.post(
        f"/admin/pages/{own.pk}/edit/",
        event_form_data(None, elsewhere, title=own.title, slug=own.slug),
    )
    assert response.status_code == 200
    assert "Je kunt alleen je eigen organisatie kiezen." in response.content.decode()
    own.refresh_from_db()
    assert own.organiser_organisation == town


def test_organiser_creates_and_publishes_an_event_of_their_network(
    organiser, organiser_client, agenda, network
):
    response = organiser_client.post(
        f"/admin/pages/add/events/eventpage/{agenda.pk}/",
        event_form_data(network, **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    created = EventPage.objects.get(slug="webinar-open-data")
    assert created.live
    assert created.permissions_for_user(organiser).can_edit()


def test_editor_may_choose_any_organiser(client, agenda_editor, agenda, other_network):
    client.force_login(agenda_editor)
    response = client.post(
        f"/admin/pages/add/events/eventpage/{agenda.pk}/",
        event_form_data(other_network, **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    assert EventPage.objects.get(slug="webinar-open-data").organiser_network == other_network


def test_scope_is_worked_out_in_a_constant_number_of_queries(
    organiser, make_event, django_assert_max_num_queries
):
    for number in range(5):
        make_event(slug=f"bijeenkomst-{number}")
    events = list(EventPage.objects.defer("organiser_network", "organiser_organisation"))
    with django_assert_max_num_queries(4):
        for item in events:
            item.permissions_for_user(organiser).can_edit()


@pytest.mark.parametrize("action", ["delete", "unpublish", "move"])
def test_bulk_actions_leave_another_networks_event_alone(
    organiser_client, agenda, other_event, action
):
    url = f"/admin/bulk/wagtailcore/page/{action}/?id={other_event.pk}"
    html = organiser_client.get(url).content.decode()
    assert "Je hebt niet de juiste rechten" in html  # Wagtail lists it as not allowed
    organiser_client.post(url, {"chooser": agenda.pk, "move_applicable": "on"})
    other_event.refresh_from_db()
    assert other_event.live
    assert other_event.get_parent().pk == agenda.pk


def test_explorer_menu_api_hides_another_networks_event(
    organiser_client, agenda, event, other_event
):
    response = organiser_client.get("/admin/api/main/pages/", {"child_of": agenda.pk})
    titles = {item["title"] for item in response.json()["items"]}
    assert event.title in titles
    assert other_event.title not in titles


def test_make_organiser_gives_the_group_and_a_managers_place(event, other_event, network):
    from events.groups import make_organiser

    user = UserFactory()
    NetworkMembership.objects.create(user=user, network=network)  # an ordinary member first
    make_organiser(user, network)
    make_organiser(user, network)  # twice changes nothing
    assert user.groups.filter(name="Organisatoren").exists()
    assert NetworkMembership.objects.managers().filter(user=user).count() == 1
    assert list(manageable_events(user)) == [event]
