"""The register on the site: the list with filters and search, an organisation's page, the menu
item and the sitemap."""

import re

import pytest

from members.models import Organisation
from tests.factories import OrganisationFactory, UserFactory
from tests.vakgenoten.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(home_page):
    return [
        OrganisationFactory(
            name="Gemeente Lindenholt",
            slug="gemeente-lindenholt",
            kind=Organisation.Kind.MUNICIPALITY,
            province="drenthe",
            identifier="GM9001",
        ),
        OrganisationFactory(
            name="Waterschap Vechtstromen Test",
            slug="waterschap-vechtstromen-test",
            kind=Organisation.Kind.WATER_BOARD,
            province="overijssel",
        ),
        OrganisationFactory(
            name="Gemeente Westerveen",
            slug="gemeente-westerveen",
            kind=Organisation.Kind.MUNICIPALITY,
            province="groningen",
        ),
    ]


def names_in(response):
    html = response.content.decode()
    return [
        name
        for name in ("Gemeente Lindenholt", "Waterschap Vechtstromen Test", "Gemeente Westerveen")
        if f">{name}</a>" in html
    ]


def test_list_shows_kind_province_and_the_count(client, register):
    response = client.get("/organisaties/")
    html = response.content.decode()
    assert "3 organisaties gevonden" in html
    assert "Waterschap · Overijssel" in html
    assert "Gemeente · Drenthe" in html
    assert_csp_clean(response)


def test_visitor_filters_on_kind_and_province_without_javascript(client, register):
    html = client.get("/organisaties/").content.decode()
    assert (
        '<select name="soort"' in html and '<option value="waterschap">Waterschap</option>' in html
    )
    assert '<option value="zuid-holland">Zuid-Holland</option>' in html
    assert names_in(client.get("/organisaties/?soort=waterschap")) == [
        "Waterschap Vechtstromen Test"
    ]
    assert names_in(client.get("/organisaties/?soort=gemeente&provincie=groningen")) == [
        "Gemeente Westerveen"
    ]
    response = client.get("/organisaties/?soort=gemeente")
    assert "2 organisaties gevonden" in response.content.decode()
    assert "Alles wissen" in response.content.decode()


def test_visitor_searches_by_name_or_code(client, register):
    assert names_in(client.get("/organisaties/?q=linden")) == ["Gemeente Lindenholt"]
    assert names_in(client.get("/organisaties/?q=gm9001")) == ["Gemeente Lindenholt"]
    response = client.get("/organisaties/?q=xylofoon")
    assert "0 organisaties gevonden" in response.content.decode()
    assert "Geen organisaties gevonden" in response.content.decode()


def test_an_unknown_filter_value_gets_a_dutch_message_not_an_error(client, register):
    response = client.get("/organisaties/?soort=stadstaat&q=linden")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze keuze bestaat niet. Kies een andere." in html
    assert 'value="linden"' in html
    assert names_in(response) == ["Gemeente Lindenholt"]


def test_list_paginates_and_keeps_the_filters_in_the_page_links(client, home_page):
    for number in range(25):
        OrganisationFactory(name=f"Gemeente Reeks {number:02}", slug=f"gemeente-reeks-{number:02}")
    html = client.get("/organisaties/?soort=gemeente").content.decode()
    assert "25 organisaties gevonden" in html
    assert "soort=gemeente&amp;page=2" in html
    second = client.get("/organisaties/?soort=gemeente&page=2").content.decode()
    assert "Gemeente Reeks 24" in second


@pytest.mark.parametrize("size", [3, 20])
def test_list_uses_a_flat_number_of_queries(client, home_page, django_assert_max_num_queries, size):
    for number in range(size):
        OrganisationFactory(
            name=f"Gemeente Telling {number:02}",
            slug=f"gemeente-telling-{number:02}",
            province="utrecht",
        )
    # The page chrome (site, menu, settings) and the count and page of organisations.
    with django_assert_max_num_queries(8):
        assert client.get("/organisaties/?soort=gemeente&provincie=utrecht").status_code == 200


def test_organisation_page_shows_the_register_facts(client, home_page):
    organisation = OrganisationFactory(
        name="Gemeente Oosterdijk",
        slug="gemeente-oosterdijk",
        kind=Organisation.Kind.MUNICIPALITY,
        province="zeeland",
        identifier="GM9002",
        website="https://oosterdijk.example",
        description="Een gemeente aan de kust.",
    )
    UserFactory(
        first_name="Mirjam", profile__organisation=organisation, profile__visibility="public"
    )
    response = client.get(organisation.get_absolute_url())
    html = response.content.decode()
    assert "Gemeente · provincie Zeeland" in html
    assert "GM9002" in html
    assert 'href="https://oosterdijk.example"' in html
    assert "Een gemeente aan de kust." in html
    assert "Leden die hier werken" in html
    assert_csp_clean(response)


def test_main_menu_has_organisaties_marked_current_below_it(client, home_page):
    organisation = OrganisationFactory(name="Gemeente Menu", slug="gemeente-menu")
    home = client.get("/").content.decode()
    assert '<a class="main-nav__link" href="/organisaties/">Organisaties</a>' in home
    on_list = client.get("/organisaties/").content.decode()
    assert 'href="/organisaties/" aria-current="page">Organisaties</a>' in on_list
    on_page = client.get(organisation.get_absolute_url()).content.decode()
    assert 'href="/organisaties/" aria-current="true">Organisaties</a>' in on_page


def test_an_organisation_is_in_the_sitemap(client, home_page):
    organisation = OrganisationFactory(name="Gemeente Kaart", slug="gemeente-kaart")
    xml = client.get("/sitemap.xml").content.decode()
    if "<sitemapindex" in xml:  # an index: read the sections it lists
        xml = "".join(
            client.get(re.sub(r"^https?://[^/]+", "", loc)).content.decode()
            for loc in re.findall(r"<loc>([^<]+)</loc>", xml)
        )
    assert f"{organisation.get_absolute_url()}</loc>" in xml


def test_editor_lists_filters_searches_and_edits_the_register_in_the_admin(
    client, editor, register
):
    client.force_login(editor)
    listing = client.get("/admin/snippets/members/organisation/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "GM9001" in html and "Overijssel" in html and "Waterschap" in html
    filtered = client.get("/admin/snippets/members/organisation/?kind=waterschap").content.decode()
    assert "Waterschap Vechtstromen Test" in filtered and "Gemeente Westerveen" not in filtered
    by_province = client.get("/admin/snippets/members/organisation/?province=groningen")
    assert "Gemeente Lindenholt" not in by_province.content.decode()
    searched = client.get("/admin/snippets/members/organisation/?q=GM9001").content.decode()
    assert "Gemeente Lindenholt" in searched and "Gemeente Westerveen" not in searched

    edit_url = f"/admin/snippets/members/organisation/edit/{register[0].pk}/"
    form = client.get(edit_url).content.decode()
    for heading in ("Wie het is", "Waar het is", "Meer over de organisatie"):
        assert heading in form
    response = client.post(
        edit_url,
        {
            "name": "Gemeente Lindenholt",
            "slug": "gemeente-lindenholt",
            "kind": "gemeente",
            "identifier": "GM9001",
            "province": "drenthe",
            "latitude": "52.8",
            "longitude": "",
            "website": "",
            "description": "",
        },
    )
    assert response.status_code == 200  # refused: a latitude without a longitude
    assert "allebei" in response.content.decode()
