"""Members find colleagues in the directory by name, organisation, network, theme, province."""

import pytest

from members.models import NetworkMembership, Profile
from taxonomy.models import Theme
from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from tests.vakgenoten.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleagues(db):
    lindenholt = OrganisationFactory(name="Gemeente Lindenholt", slug="gemeente-lindenholt")
    westerveen = OrganisationFactory(name="Gemeente Westerveen", slug="gemeente-westerveen")
    wmo = Theme.objects.create(name="Sociaal domein", slug="sociaal-domein")
    privacy = Theme.objects.create(name="Privacy", slug="privacy")
    network = NetworkFactory(name="Netwerk Informatiebeveiliging", slug="netwerk-ib")
    people = {
        "anouk": UserFactory(
            first_name="Anouk",
            last_name="de Vries",
            profile__organisation=lindenholt,
            profile__province=Profile.Province.UTRECHT,
            profile__themes=[wmo],
        ),
        "joost": UserFactory(
            first_name="Joost",
            last_name="Bakker",
            profile__organisation=westerveen,
            profile__province=Profile.Province.GRONINGEN,
            profile__themes=[privacy],
            profile__visibility=Profile.Visibility.PUBLIC,
        ),
        "sanne": UserFactory(
            first_name="Sanne",
            last_name="Vriesema",
            profile__organisation=westerveen,
            profile__province=Profile.Province.UTRECHT,
            profile__themes=[privacy, wmo],
        ),
    }
    NetworkMembership.objects.create(
        user=people["joost"], network=network, status=NetworkMembership.Status.APPROVED
    )
    NetworkMembership.objects.create(user=people["sanne"], network=network)  # pending only
    return people


@pytest.fixture
def member_client(client, db):
    """A member whose own name cannot be mistaken for one of the colleagues."""
    client.force_login(UserFactory(first_name="Kees", last_name="Kijker"))
    return client


def names(response):
    html = response.content.decode().split('id="main"')[1]
    found = set()
    people = [("anouk", "Anouk de Vries"), ("joost", "Joost Bakker"), ("sanne", "Sanne Vriesema")]
    for key, name in people:
        if name in html:
            found.add(key)
    return found


def test_directory_is_for_members_only(client):
    response = client.get("/leden/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/leden/"


def test_directory_lists_every_listed_member_but_no_e_mail(member_client, colleagues):
    UserFactory(first_name="Niet", last_name="Bevestigd", verified=False)
    response = member_client.get("/leden/")
    assert response.status_code == 200
    assert names(response) == {"anouk", "joost", "sanne"}
    html = response.content.decode()
    assert "Niet Bevestigd" not in html
    assert "@" not in html.split('id="main"')[1].split("site-footer")[0]
    assert_csp_clean(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "vries"}, {"anouk", "sanne"}),
        ({"q": "de vries"}, {"anouk"}),
        ({"q": "ANOUK"}, {"anouk"}),
        ({"organisation": "gemeente-westerveen"}, {"joost", "sanne"}),
        ({"network": "netwerk-ib"}, {"joost"}),
        ({"theme": "sociaal-domein"}, {"anouk", "sanne"}),
        ({"province": "utrecht"}, {"anouk", "sanne"}),
        ({"province": "utrecht", "theme": "privacy"}, {"sanne"}),
        ({"organisation": "gemeente-lindenholt", "network": "netwerk-ib"}, set()),
        ({"q": "niemand"}, set()),
    ],
)
def test_directory_filters(member_client, colleagues, query, expected):
    response = member_client.get("/leden/", query)
    assert response.status_code == 200
    assert names(response) == expected
    if not expected:
        assert "Geen leden gevonden" in response.content.decode()


def test_unknown_filter_values_are_ignored_with_a_message(member_client, colleagues):
    response = member_client.get("/leden/", {"organisation": "bestaat-niet"})
    assert response.status_code == 200
    assert names(response) == {"anouk", "joost", "sanne"}
    assert "form-field--invalid" in response.content.decode()


def test_directory_is_paginated(member_client):
    UserFactory.create_batch(30)
    first = member_client.get("/leden/")
    assert first.content.decode().count('class="member-card"') == 24
    second = member_client.get("/leden/", {"page": 2})
    # 30 colleagues and the member who is looking
    assert second.content.decode().count('class="member-card"') == 7
    assert 'aria-label="Paginering"' in first.content.decode()


@pytest.mark.parametrize("size", [10, 200])
def test_directory_uses_a_flat_number_of_queries(
    client, home_page, django_assert_max_num_queries, size
):
    organisation = OrganisationFactory()
    theme = Theme.objects.create(name="Omgevingswet", slug="omgevingswet")
    network = NetworkFactory()
    viewer = UserFactory()
    users = UserFactory.create_batch(
        size, profile__organisation=organisation, profile__province="zeeland"
    )
    for user in users:
        user.profile.themes.add(theme)
    NetworkMembership.objects.bulk_create(
        NetworkMembership(user=user, network=network, status=NetworkMembership.Status.APPROVED)
        for user in users
    )
    client.force_login(viewer)
    # Page chrome (session, user, site, menu, settings, the footer's linked pages, userbar
    # permissions) takes 9, and the header's unread-notification count 1 until it is in the
    # cache; the directory: the three lists of choices, the count and the page of members.
    with django_assert_max_num_queries(15):
        assert client.get("/leden/").status_code == 200
    with django_assert_max_num_queries(15):
        response = client.get(
            "/leden/",
            {"organisation": organisation.slug, "theme": "omgevingswet", "network": network.slug},
        )
    assert response.content.decode().count('class="member-card"') == min(size, 24)
