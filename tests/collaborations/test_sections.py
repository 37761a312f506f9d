"""An organisation's page says in which collaborations it works, and with whom."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.collaborations import (
    CollaborationFactory,
    LocatedOrganisationFactory,
    ParticipationFactory,
)

pytestmark = pytest.mark.django_db


def test_organisation_page_lists_its_collaborations_and_partners_once(client, home_page, theme):
    lindenholt = LocatedOrganisationFactory(name="Gemeente Lindenholt")
    esveld = LocatedOrganisationFactory(name="Gemeente Esveld")
    heidebroek = LocatedOrganisationFactory(name="Gemeente Heidebroek")
    taxes = CollaborationFactory(name="Belastingen Hunzedal")
    ParticipationFactory(collaboration=taxes, organisation=lindenholt, role="penvoerder")
    ParticipationFactory(collaboration=taxes, organisation=esveld)
    environment = CollaborationFactory(name="Omgevingsdienst Esmarke")
    ParticipationFactory(collaboration=environment, organisation=lindenholt)
    ParticipationFactory(collaboration=environment, organisation=esveld)
    ParticipationFactory(collaboration=environment, organisation=heidebroek)
    elsewhere = CollaborationFactory(name="Verband Elders")
    ParticipationFactory(collaboration=elsewhere)

    html = client.get(lindenholt.get_absolute_url()).content.decode()

    section = html[html.index('<section class="collab-section"') :]
    section = section[: section.index("</section>")]
    assert "Werkt samen in 2 verbanden" in section
    assert f'<a href="{taxes.get_absolute_url()}">Belastingen Hunzedal</a> (penvoerder)' in section
    assert ">Omgevingsdienst Esmarke</a> (deelnemer)" in section
    assert "Verband Elders" not in section
    # Esveld is a partner in both, and is named once; the organisation itself is not.
    assert section.count(">Gemeente Esveld</a>") == 1
    assert f'href="{heidebroek.get_absolute_url()}"' in section
    assert ">Gemeente Lindenholt</a>" not in section


def test_organisation_in_no_collaboration_shows_no_section(client, home_page, theme):
    organisation = LocatedOrganisationFactory()
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "collab-section" not in html


def test_organisation_page_takes_the_same_queries_for_few_or_many_collaborations(
    client, home_page, theme
):
    def count(organisation):
        client.get(organisation.get_absolute_url())
        with CaptureQueriesContext(connection) as context:
            assert client.get(organisation.get_absolute_url()).status_code == 200
        return len(context.captured_queries)

    small = LocatedOrganisationFactory()
    for _ in range(2):
        collaboration = CollaborationFactory()
        ParticipationFactory(collaboration=collaboration, organisation=small)
        ParticipationFactory.create_batch(1, collaboration=collaboration)
    large = LocatedOrganisationFactory()
    for _ in range(12):
        collaboration = CollaborationFactory()
        ParticipationFactory(collaboration=collaboration, organisation=large)
        ParticipationFactory.create_batch(11, collaboration=collaboration)

    assert count(large) == count(small)
