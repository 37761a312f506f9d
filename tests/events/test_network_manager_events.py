"""Network managers announce their network's events: an event counts as theirs when one of its
``networks`` is a network they manage, next to its organising network (``events.permissions``).

The managers' rights come from the "Netwerkbeheerders" group, which every approved manager is
in (``members.content_rights``), not from the organisers group.
"""

import pytest

from events.models import EventPage
from tests.events.test_organiser_rights import event_form_data
from tests.factories import network_manager, with_second_factor

pytestmark = pytest.mark.django_db

REFUSED = (302, 403, 404)


@pytest.fixture
def manager(agenda, network):
    user = network_manager(network)
    assert not user.groups.filter(name="Organisatoren").exists()
    return with_second_factor(user)


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def test_an_event_of_their_network_is_theirs_even_when_another_organises_it(
    manager, manager_client, agenda, make_event, network, other_network, other_event
):
    shared = make_event(
        title="Kringdag samen", slug="kringdag-samen", organiser_network=other_network
    )
    shared.networks.set([network])
    shared.save()

    assert shared.permissions_for_user(manager).can_publish()
    assert manager_client.get(f"/admin/pages/{shared.pk}/edit/").status_code == 200
    assert not other_event.permissions_for_user(manager).can_edit()
    assert manager_client.get(f"/admin/pages/{other_event.pk}/edit/").status_code in REFUSED

    explorer = manager_client.get(f"/admin/pages/{agenda.pk}/").content.decode()
    assert shared.title in explorer
    assert other_event.title not in explorer


def test_manager_creates_an_event_with_only_their_networks(
    manager_client, agenda, network, other_network
):
    add = f"/admin/pages/add/events/eventpage/{agenda.pk}/"
    form = manager_client.get(add).content.decode()
    assert network.name in form
    assert other_network.name not in form

    refused = manager_client.post(
        add,
        event_form_data(
            network, networks=[other_network.pk], **{"action-publish": "action-publish"}
        ),
    )
    assert refused.status_code == 200
    assert "Je kunt alleen een netwerk kiezen waarvan je beheerder bent." in (
        refused.content.decode()
    )

    response = manager_client.post(
        add,
        event_form_data(network, networks=[network.pk], **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    event = EventPage.objects.get(slug="webinar-open-data")
    assert event.live
    assert list(event.networks.all()) == [network]


def test_networks_the_manager_does_not_manage_stay_on_the_event(
    manager_client, make_event, network, other_network
):
    event = make_event(title="Webinar Open Data", slug="webinar-open-data")
    event.networks.set([network, other_network])
    event.save()
    response = manager_client.post(
        f"/admin/pages/{event.pk}/edit/",
        event_form_data(network, networks=[network.pk], **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    assert set(event.networks.values_list("pk", flat=True)) == {network.pk, other_network.pk}
