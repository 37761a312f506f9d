"""The list of collaborations with its filters, and a page per collaboration."""

from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.blog import ThemeFactory
from tests.factories.collaborations import (
    CollaborationFactory,
    LocatedOrganisationFactory,
    ParticipationFactory,
)
from tests.factories.members import OrganisationFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    """The queries of ``url``, once the site's settings exist (the first request makes them)."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_visitor_filters_collaborations_by_theme_province_and_legal_form(client, theme):
    other_theme = ThemeFactory(name="Jeugd", slug="jeugd")
    friesland = LocatedOrganisationFactory(name="Gemeente Marrewald", province="friesland")
    taxes = CollaborationFactory(name="Belastingen Noord", legal_form="openbaar-lichaam")
    taxes.themes.set([theme])
    ParticipationFactory(collaboration=taxes, organisation=friesland)
    youth = CollaborationFactory(name="Jeugdhulp Zuid", legal_form="centrumgemeente")
    youth.themes.set([other_theme])
    ParticipationFactory(collaboration=youth)

    html = client.get("/samenwerkingen/").content.decode()
    assert "Belastingen Noord" in html and "Jeugdhulp Zuid" in html

    html = client.get("/samenwerkingen/?thema=jeugd").content.decode()
    assert "Jeugdhulp Zuid" in html and "Belastingen Noord" not in html

    html = client.get("/samenwerkingen/?provincie=friesland").content.decode()
    assert "Belastingen Noord" in html and "Jeugdhulp Zuid" not in html
    assert "1 samenwerkingsverband" in html

    html = client.get("/samenwerkingen/?rechtsvorm=centrumgemeente").content.decode()
    assert "Jeugdhulp Zuid" in html and "Belastingen Noord" not in html

    html = client.get("/samenwerkingen/?q=belasting").content.decode()
    assert "Belastingen Noord" in html and "Jeugdhulp Zuid" not in html


def test_a_collaboration_with_two_participants_in_one_province_is_listed_once(client, theme):
    collaboration = CollaborationFactory(name="Dubbel Verband")
    ParticipationFactory.create_batch(2, collaboration=collaboration)

    html = client.get("/samenwerkingen/?provincie=groningen").content.decode()

    assert html.count(">Dubbel Verband</a>") == 1
    assert "1 samenwerkingsverband" in html


def test_unknown_filter_values_are_explained_in_dutch_and_the_list_still_shows(client, theme):
    CollaborationFactory(name="Belastingen Noord")

    response = client.get("/samenwerkingen/?thema=bestaat-niet&provincie=atlantis&rechtsvorm=x")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Het thema ‘bestaat-niet’ kennen we niet" in html
    assert "De provincie ‘atlantis’ kennen we niet" in html
    assert "De rechtsvorm ‘x’ kennen we niet" in html
    assert "Belastingen Noord" in html


def test_empty_list_says_so_in_dutch(client, theme):
    html = client.get("/samenwerkingen/").content.decode()
    assert "Er staan nog geen samenwerkingsverbanden op Vakgenoten." in html

    CollaborationFactory(name="Belastingen Noord")
    html = client.get("/samenwerkingen/?provincie=zeeland").content.decode()
    assert "Er zijn geen samenwerkingsverbanden die bij je keuze passen." in html


def test_the_list_is_paginated_and_keeps_the_filters(client, theme):
    for number in range(23):
        CollaborationFactory(name=f"Verband {number:02d}", themes=[theme])

    first = client.get("/samenwerkingen/?thema=belastingen").content.decode()
    second = client.get("/samenwerkingen/?thema=belastingen&page=2").content.decode()

    assert "Verband 00" in first and "Verband 22" not in first
    assert "Verband 22" in second and "Verband 00" not in second
    assert "thema=belastingen&amp;page=2" in first


def test_list_and_map_link_to_each_other(client, theme):
    html = client.get("/samenwerkingen/?thema=belastingen").content.decode()
    assert 'href="/samenwerkingen/kaart/?thema=belastingen&amp;provincie="' in html
    html = client.get("/samenwerkingen/kaart/?thema=belastingen").content.decode()
    assert 'href="/samenwerkingen/?thema=belastingen&amp;provincie="' in html


def test_list_takes_the_same_queries_for_two_or_twelve_collaborations(client, make_collaboration):
    for _ in range(2):
        make_collaboration(size=2)
    small = queries_for(client, "/samenwerkingen/")
    for _ in range(10):
        make_collaboration(size=12)
    large = queries_for(client, "/samenwerkingen/?provincie=groningen")
    assert large == small


def test_collaboration_page_shows_facts_contact_and_participants_with_role(client, theme):
    collaboration = CollaborationFactory(
        name="Belastingen Noord",
        legal_form="bedrijfsvoeringsorganisatie",
        tasks="WOZ en heffingen",
        website="https://belastingen-noord.example",
        contact_name="Secretariaat",
        contact_email="secretariaat@belastingen-noord.example",
        contact_phone="050 123 45 67",
        themes=[theme],
    )
    lead = LocatedOrganisationFactory(name="Gemeente Lindenholt", province="drenthe")
    ParticipationFactory(
        collaboration=collaboration, organisation=lead, role="penvoerder", since="2020-01-01"
    )
    unlocated = OrganisationFactory(name="Gemeente Zonderplek")
    ParticipationFactory(collaboration=collaboration, organisation=unlocated)

    html = client.get("/samenwerkingen/" + collaboration.slug + "/").content.decode()

    assert '<h1 class="page-header__title">Belastingen Noord</h1>' in html
    assert "Bedrijfsvoeringsorganisatie" in html
    assert "WOZ en heffingen" in html
    assert "mailto:secretariaat@belastingen-noord.example" in html
    assert 'href="tel:0501234567"' in html
    assert 'href="/organisaties/' + lead.slug + '/"' in html
    assert "Penvoerder" in html
    assert '<time datetime="2020-01-01">1 januari 2020</time>' in html
    assert "Drenthe" in html
    # The small map: the located participant as a dot, the other named below it.
    assert 'role="img"' in html and 'aria-labelledby="collaboration-map-caption"' in html
    assert "<title>Gemeente Lindenholt (Drenthe)" in html
    assert "1 organisatie zonder plek op de kaart" in html and "Gemeente Zonderplek." in html


def test_unknown_collaboration_is_not_found(client, db):
    assert client.get("/samenwerkingen/bestaat-niet/").status_code == 404


def test_collaboration_page_takes_the_same_queries_for_two_or_twelve_participants(
    client, make_collaboration
):
    small = make_collaboration(size=2)
    large = make_collaboration(size=12)
    assert queries_for(client, large.get_absolute_url()) == queries_for(
        client, small.get_absolute_url()
    )


def test_collaboration_without_participants_says_so(client, theme):
    collaboration = CollaborationFactory(name="Leeg Verband")
    html = client.get(collaboration.get_absolute_url()).content.decode()
    assert "Er staan nog geen deelnemers bij dit verband." in html
    assert "<svg" not in html.split("collaboration-participants-title")[1]


def test_an_organisation_takes_part_once_per_collaboration(theme):
    from django.db import IntegrityError, transaction

    participation = ParticipationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationFactory(
            collaboration=participation.collaboration, organisation=participation.organisation
        )


def test_hub_is_the_central_municipality_then_the_lead_then_the_first(theme):
    collaboration = CollaborationFactory()
    first = ParticipationFactory(
        collaboration=collaboration,
        organisation=LocatedOrganisationFactory(name="A-stad", latitude=Decimal("53.1")),
    )
    assert collaboration.hub() == first
    lead = ParticipationFactory(collaboration=collaboration, role="penvoerder")
    assert collaboration.hub() == lead
    central = ParticipationFactory(collaboration=collaboration, role="centrumgemeente")
    assert collaboration.hub() == central


def test_main_menu_leads_to_the_collaborations_and_marks_the_map_as_below_them(
    client, home_page, make_collaboration
):
    home = client.get("/").content.decode()
    assert '<a class="main-nav__link" href="/samenwerkingen/">Samenwerkingen</a>' in home
    on_list = client.get("/samenwerkingen/").content.decode()
    assert 'href="/samenwerkingen/" aria-current="page">Samenwerkingen</a>' in on_list
    on_map = client.get("/samenwerkingen/kaart/?thema=belastingen").content.decode()
    assert 'href="/samenwerkingen/" aria-current="true">Samenwerkingen</a>' in on_map
