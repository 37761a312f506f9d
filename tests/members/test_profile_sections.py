"""Other apps add sections to profile, organisation and network pages through a registry."""

import pytest

from django.utils.html import format_html

from members import sections
from tests.factories import NetworkFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered():
    """Register test sections in place of the real ones, which come back afterwards (the blog,
    comments and events apps register sections under the same names)."""
    names = []
    real = {kind: dict(registry) for kind, registry in sections._registry.items()}

    def register(kind, name, render, order=100):
        {
            sections.PROFILE: sections.register_profile_section,
            sections.ORGANISATION: sections.register_organisation_section,
            sections.NETWORK: sections.register_network_section,
        }[kind](name, render, order=order)
        names.append((kind, name))

    yield register
    for kind, name in names:
        sections.unregister_section(kind, name)
        if name in real[kind]:
            sections._registry[kind][name] = real[kind][name]


def test_pages_render_no_sections_until_an_app_registers_one(member_client, member):
    html = member_client.get(member.get_absolute_url()).content.decode()
    assert "test-section" not in html


def test_registered_sections_appear_in_order_and_empty_ones_are_left_out(
    member_client, member, registered
):
    registered(
        sections.PROFILE,
        "events",
        lambda request, user: format_html(
            '<section class="test-section"><h2>Evenementen van {}</h2></section>',
            user.first_name,
        ),
        order=30,
    )
    registered(
        sections.PROFILE,
        "articles",
        lambda request, user: '<section class="test-section"><h2>Artikelen</h2></section>',
        order=10,
    )
    registered(sections.PROFILE, "comments", lambda request, user: "", order=20)
    html = member_client.get(member.get_absolute_url()).content.decode()
    assert html.count('class="test-section"') == 2
    assert html.index("Artikelen") < html.index(f"Evenementen van {member.first_name}")


def test_organisation_and_network_pages_have_their_own_sections(client, registered):
    organisation = OrganisationFactory()
    network = NetworkFactory()
    registered(
        sections.ORGANISATION,
        "practice",
        lambda request, obj: f"<section><h2>Praktijk bij {obj.name}</h2></section>",
    )
    registered(
        sections.NETWORK,
        "events",
        lambda request, obj: f"<section><h2>Agenda {obj.name}</h2></section>",
    )
    assert (
        f"Praktijk bij {organisation.name}"
        in client.get(organisation.get_absolute_url()).content.decode()
    )
    assert f"Agenda {network.name}" in client.get(network.get_absolute_url()).content.decode()
    assert "Praktijk bij" not in client.get(network.get_absolute_url()).content.decode()


def test_a_section_needs_a_callable():
    with pytest.raises(TypeError):
        sections.register_profile_section("broken", "<p>geen functie</p>")


def test_profile_without_sections_for_a_visitor_of_a_public_profile(client):
    public = UserFactory(profile__visibility="public")
    assert client.get(public.get_absolute_url()).status_code == 200
