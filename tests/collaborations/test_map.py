"""The collaboration map: drawn on the server, with the same in a table beside it."""

import re
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from collaborations.map import LABEL_ROOM, MIN_HEIGHT, PADDING, WIDTH, project
from tests.factories.blog import ThemeFactory
from tests.factories.collaborations import (
    CollaborationFactory,
    LocatedOrganisationFactory,
    ParticipationFactory,
)
from tests.factories.members import OrganisationFactory


def located(name, province, latitude, longitude):
    return LocatedOrganisationFactory(
        name=name, province=province, latitude=Decimal(latitude), longitude=Decimal(longitude)
    )


# The projection ------------------------------------------------------------------------------


def test_projection_fits_the_points_in_the_drawing_with_room_around_them():
    positions, width, height = project(
        {"west": ("53.0", "5.0"), "east": ("53.0", "7.0"), "north": ("53.5", "6.0")}
    )
    assert width == WIDTH
    assert positions["west"][0] == pytest.approx(PADDING)
    # The right-hand edge keeps room for the names written beside the dots.
    assert positions["east"][0] == pytest.approx(WIDTH - PADDING - LABEL_ROOM)
    # North is up: a higher latitude has a smaller y.
    assert positions["north"][1] < positions["west"][1]
    assert positions["west"][1] == positions["east"][1]
    for x, y in positions.values():
        assert 0 <= x <= width and 0 <= y <= height


def test_projection_shortens_longitude_by_the_cosine_of_the_middle_latitude():
    # One degree east and one degree north at 60°: the east-west distance is half as long.
    positions, _width, _height = project(
        {"origin": ("59.5", "10.0"), "east": ("59.5", "11.0"), "north": ("60.5", "10.0")}
    )
    across = positions["east"][0] - positions["origin"][0]
    up = positions["origin"][1] - positions["north"][1]
    assert across / up == pytest.approx(0.5, abs=0.01)


def test_projection_of_one_point_puts_it_in_the_middle():
    positions, width, height = project({"only": ("52.0", "5.0")})
    assert positions["only"] == (PADDING + (width - 2 * PADDING - LABEL_ROOM) / 2, height / 2)
    assert height >= MIN_HEIGHT


def test_projection_of_nothing_is_an_empty_drawing():
    assert project({}) == ({}, WIDTH, MIN_HEIGHT)


# The page ------------------------------------------------------------------------------------


@pytest.fixture
def north(theme):
    """Two collaborations on the theme in the north, and one on another theme."""
    groningen = located("Gemeente Westerveen", "groningen", "53.2", "6.5")
    lindenholt = located("Gemeente Lindenholt", "drenthe", "52.8", "6.6")
    marrewald = located("Gemeente Marrewald", "friesland", "53.1", "5.8")
    nowhere = OrganisationFactory(name="Gemeente Zonderplek", province="drenthe")
    youth = CollaborationFactory(name="Jeugdhulp Noord", themes=[theme])
    ParticipationFactory(collaboration=youth, organisation=lindenholt)
    ParticipationFactory(collaboration=youth, organisation=groningen, role="centrumgemeente")
    ParticipationFactory(collaboration=youth, organisation=nowhere)
    taxes = CollaborationFactory(name="Belastingen Noord", themes=[theme])
    ParticipationFactory(collaboration=taxes, organisation=lindenholt, role="penvoerder")
    ParticipationFactory(collaboration=taxes, organisation=marrewald)
    other = CollaborationFactory(name="Privacy Noord", themes=[ThemeFactory(slug="privacy")])
    ParticipationFactory(collaboration=other, organisation=marrewald)
    ParticipationFactory(collaboration=other, organisation=groningen)
    return {"youth": youth, "taxes": taxes}


def test_map_of_a_theme_draws_a_line_from_each_hub_to_the_other_participants(client, north):
    html = client.get("/samenwerkingen/kaart/?thema=belastingen").content.decode()

    start = html.index('<svg class="collab-map__svg"')
    svg = html[start : html.index("</svg>", start)]
    assert 'role="img"' in svg and 'aria-labelledby="map-caption"' in svg
    assert 'id="map-caption"' in html
    # Three located organisations, each a dot with a title; the one without a place has none.
    assert svg.count("<circle") == 3
    assert "<title>Gemeente Lindenholt (Drenthe): Belastingen Noord, Jeugdhulp Noord</title>" in svg
    assert "Zonderplek" not in svg
    # Jeugdhulp: one line from Westerveen (centrumgemeente) to Lindenholt; the participant
    # without a place has no line. Belastingen: one line from Lindenholt to Marrewald.
    assert svg.count("<line") == 2
    assert "Privacy Noord" not in html
    assert "style=" not in svg


def test_map_table_says_the_same_for_those_who_do_not_see_it(client, north):
    html = client.get("/samenwerkingen/kaart/?thema=belastingen").content.decode()
    table = html[html.index("<table") : html.index("</table>")]

    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert [re.search(r'<th scope="row"><a [^>]*>([^<]+)</a>', row)[1] for row in rows] == [
        "Gemeente Lindenholt",
        "Gemeente Marrewald",
        "Gemeente Westerveen",
        "Gemeente Zonderplek",
    ]
    lindenholt = rows[0]
    assert "Drenthe" in lindenholt
    assert ">Belastingen Noord</a> (penvoerder)" in lindenholt
    assert ">Jeugdhulp Noord</a> (deelnemer)" in lindenholt
    # With whom: every partner once, by name.
    assert "Gemeente Marrewald, Gemeente Westerveen, Gemeente Zonderplek" in lindenholt
    assert "1 organisatie zonder plek op de kaart" in html


def test_map_narrows_to_collaborations_with_a_participant_in_the_province(client, north):
    html = client.get("/samenwerkingen/kaart/?thema=belastingen&provincie=friesland")
    html = html.content.decode()

    assert "Belastingen Noord" in html and "Jeugdhulp Noord" not in html
    assert "Belastingen in Friesland" in html
    assert '<option value="friesland" selected>' in html


def test_map_without_collaborations_for_the_choice_says_so_in_dutch(client, north):
    html = client.get("/samenwerkingen/kaart/?thema=belastingen&provincie=zeeland")
    html = html.content.decode()

    assert "Voor deze keuze kennen we nog geen samenwerkingsverbanden." in html
    assert '<svg class="collab-map__svg"' not in html and "<table" not in html


def test_map_with_an_unknown_theme_explains_and_shows_all(client, north):
    response = client.get("/samenwerkingen/kaart/?thema=onbekend&provincie=")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het thema ‘onbekend’ kennen we niet" in html
    assert "Privacy Noord" in html and "Belastingen Noord" in html


def test_map_form_works_without_javascript(client, north):
    html = client.get("/samenwerkingen/kaart/").content.decode()
    start = html.index('<form class="event-filters"')
    form = html[start : html.index("</form>", start)]
    assert 'method="get"' in form and 'action="/samenwerkingen/kaart/"' in form
    assert '<label for="map-thema">' in form and '<label for="map-provincie">' in form
    assert 'name="rechtsvorm"' not in form


def test_map_takes_the_same_queries_for_two_or_twelve_collaborations(client, make_collaboration):
    def count():
        client.get("/samenwerkingen/kaart/?thema=belastingen")
        with CaptureQueriesContext(connection) as context:
            assert client.get("/samenwerkingen/kaart/?thema=belastingen").status_code == 200
        return len(context.captured_queries)

    for _ in range(2):
        make_collaboration(size=2)
    small = count()
    for _ in range(10):
        make_collaboration(size=12)
    assert count() == small
