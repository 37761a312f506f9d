"""Members join and leave networks; approval networks need a manager's yes."""

import pytest

from members.models import NetworkMembership, Profile
from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from tests.vakgenoten.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_network(db):
    return NetworkFactory(name="Community Overheid 2.0", requires_approval=False)


@pytest.fixture
def approval_network(db):
    return NetworkFactory(name="Netwerk Bedrijfsvoering Gemeenten", requires_approval=True)


@pytest.fixture
def manager(approval_network):
    manager = UserFactory(first_name="Bram", last_name="Jansen")
    NetworkMembership.objects.create(
        user=manager,
        network=approval_network,
        status=NetworkMembership.Status.APPROVED,
        role=NetworkMembership.Role.MANAGER,
    )
    return manager


def test_member_joins_an_open_network_at_once_and_leaves(member_client, member, open_network):
    response = member_client.post(f"/netwerken/{open_network.slug}/aanmelden/", follow=True)
    assert "Je bent lid van Community Overheid 2.0." in response.content.decode()
    membership = NetworkMembership.objects.get(user=member, network=open_network)
    assert membership.is_approved and membership.role == NetworkMembership.Role.MEMBER

    page = member_client.get(open_network.get_absolute_url()).content.decode()
    assert "Je bent lid van dit netwerk." in page
    assert member.get_full_name() in page

    response = member_client.post(f"/netwerken/{open_network.slug}/opzeggen/", follow=True)
    assert "Je bent geen lid meer van Community Overheid 2.0." in response.content.decode()
    assert not NetworkMembership.objects.filter(user=member).exists()


def test_joining_an_approval_network_waits_for_a_manager_who_approves(
    client, manager, approval_network, mailoutbox, deliver
):
    member = UserFactory(first_name="Noor", last_name="Hendriks")
    client.force_login(member)
    with deliver():
        response = client.post(f"/netwerken/{approval_network.slug}/aanmelden/", follow=True)
    assert "Je aanvraag is verstuurd." in response.content.decode()
    membership = NetworkMembership.objects.get(user=member, network=approval_network)
    assert membership.status == NetworkMembership.Status.PENDING
    assert "Je aanvraag wacht op goedkeuring." in response.content.decode()
    assert member.get_full_name() not in response.content.decode().split('id="network-members')[1]

    # The manager hears about it and sees the request on the network page.
    assert [message.to for message in mailoutbox] == [[manager.email]]
    assert f"{member.get_full_name()} wil lid worden" in mailoutbox[0].body
    client.force_login(manager)
    page = client.get(approval_network.get_absolute_url())
    html = page.content.decode()
    assert 'id="aanvragen"' in html
    assert member.get_full_name() in html
    assert_csp_clean(page)

    with deliver():
        response = client.post(
            f"/netwerken/{approval_network.slug}/aanvragen/{membership.pk}/",
            {"decision": "approve"},
            follow=True,
        )
    assert f"{member.get_full_name()} is nu lid van het netwerk." in response.content.decode()
    membership.refresh_from_db()
    assert membership.is_approved
    assert membership.decided_by == manager
    assert mailoutbox[-1].to == [member.email]
    assert mailoutbox[-1].subject == "Vakgenoten: je bent lid van Netwerk Bedrijfsvoering Gemeenten"
    assert "Goed nieuws: je aanvraag is goedgekeurd." in mailoutbox[-1].body

    client.force_login(member)
    page = client.get(approval_network.get_absolute_url()).content.decode()
    assert "Je bent lid van dit netwerk." in page


def test_manager_declines_a_request(client, member, manager, approval_network, mailoutbox, deliver):
    membership = NetworkMembership.objects.create(user=member, network=approval_network)
    client.force_login(manager)
    with deliver():
        client.post(
            f"/netwerken/{approval_network.slug}/aanvragen/{membership.pk}/",
            {"decision": "decline"},
        )
    assert not NetworkMembership.objects.filter(pk=membership.pk).exists()
    assert mailoutbox[-1].to == [member.email]
    assert "niet goedgekeurd" in mailoutbox[-1].body


def test_only_managers_decide_on_requests(client, member, manager, approval_network):
    applicant = UserFactory()
    membership = NetworkMembership.objects.create(user=applicant, network=approval_network)
    client.force_login(member)
    response = client.post(
        f"/netwerken/{approval_network.slug}/aanvragen/{membership.pk}/",
        {"decision": "approve"},
        follow=True,
    )
    assert "Alleen beheerders van dit netwerk" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == NetworkMembership.Status.PENDING
    assert 'id="aanvragen"' not in client.get(approval_network.get_absolute_url()).content.decode()


def test_the_only_manager_cannot_leave_an_approval_network(client, manager, approval_network):
    client.force_login(manager)
    response = client.post(f"/netwerken/{approval_network.slug}/opzeggen/", follow=True)
    assert "Je bent de enige beheerder van dit netwerk." in response.content.decode()
    assert NetworkMembership.objects.filter(user=manager).exists()


def test_a_member_without_surname_is_sent_to_the_profile_first(client, open_network):
    nameless = UserFactory(last_name="")
    client.force_login(nameless)
    response = client.post(
        f"/netwerken/{open_network.slug}/aanmelden/",
        HTTP_REFERER=f"http://testserver{open_network.get_absolute_url()}",
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"/mijn-account/profiel/?next=http%3A%2F%2Ftestserver%2Fnetwerken%2F{open_network.slug}%2F"
    )
    assert not NetworkMembership.objects.exists()


def test_visitors_see_public_members_of_a_network_only(client, open_network):
    public = UserFactory(
        first_name="Open", last_name="Profiel", profile__visibility=Profile.Visibility.PUBLIC
    )
    hidden = UserFactory(first_name="Verborgen", last_name="Profiel")
    for user in (public, hidden):
        NetworkMembership.objects.create(
            user=user, network=open_network, status=NetworkMembership.Status.APPROVED
        )
    html = client.get(open_network.get_absolute_url()).content.decode()
    assert public.get_full_name() in html
    assert hidden.get_full_name() not in html
    assert "Log in om lid te worden" in html


def test_organisation_page_lists_its_visible_members(client, member):
    organisation = OrganisationFactory(name="Gemeente Oosterdijk")
    public = UserFactory(
        first_name="Lotte",
        last_name="Peeters",
        profile__organisation=organisation,
        profile__visibility=Profile.Visibility.PUBLIC,
    )
    hidden = UserFactory(first_name="Koen", last_name="Smit", profile__organisation=organisation)
    elsewhere = UserFactory(
        first_name="Iris", last_name="Mulder", profile__visibility=Profile.Visibility.PUBLIC
    )

    visitor_html = client.get(organisation.get_absolute_url()).content.decode()
    assert public.get_full_name() in visitor_html
    assert hidden.get_full_name() not in visitor_html

    client.force_login(member)
    member_html = client.get(organisation.get_absolute_url()).content.decode()
    assert public.get_full_name() in member_html
    assert hidden.get_full_name() in member_html
    assert elsewhere.get_full_name() not in member_html
    for user in (public, hidden):
        assert user.email not in member_html


def test_lists_of_networks_and_organisations_render(client, open_network, approval_network):
    OrganisationFactory(name="Werkbedrijf Noorderkwartier")
    networks = client.get("/netwerken/")
    assert "Community Overheid 2.0" in networks.content.decode()
    assert "aanmelding met goedkeuring" in networks.content.decode()
    assert_csp_clean(networks)
    organisations = client.get("/organisaties/")
    assert "Werkbedrijf Noorderkwartier" in organisations.content.decode()
    assert_csp_clean(organisations)


@pytest.mark.parametrize("size", [5, 40])
def test_network_and_organisation_pages_use_a_flat_number_of_queries(
    client, home_page, django_assert_max_num_queries, size
):
    network = NetworkFactory()
    organisation = OrganisationFactory()
    viewer = UserFactory()
    for _index in range(size):
        user = UserFactory(profile__organisation=organisation)
        NetworkMembership.objects.create(
            user=user, network=network, status=NetworkMembership.Status.APPROVED
        )
    client.force_login(viewer)
    # The page chrome (site, menu, settings, the footer's linked pages, userbar permissions)
    # takes 9 of these, and the header's unread-notification count 1 until it is in the
    # cache; the sections other apps add (events, articles, questions; on a network also its
    # collaborations) take one query each when they are empty; the follow button one (does
    # the viewer follow this network or organisation).
    with django_assert_max_num_queries(20):
        assert client.get(network.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(17):
        assert client.get(organisation.get_absolute_url()).status_code == 200
