"""The collaborations in the sitemap, the demo and the admin."""

import re

import pytest

from collaborations.models import Collaboration, Participation
from tests.factories.collaborations import CollaborationFactory
from tests.factories.members import OrganisationFactory

pytestmark = pytest.mark.django_db

PUBLIC = "https://vakgenoten.example"


def test_sitemap_lists_every_collaboration_on_the_public_address(client, home_page, settings):
    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["*"]
    collaboration = CollaborationFactory(slug="belastingen-noord")

    response = client.get("/sitemap.xml", HTTP_HOST="alias.example")

    locations = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    assert f"{PUBLIC}{collaboration.get_absolute_url()}" in locations
    assert not any("alias.example" in location for location in locations)


def test_demo_collaborations_overlap_and_load_once(taxonomy):
    from collaborations import demo

    demo.load()
    demo.load()

    assert Collaboration.objects.count() == len(demo.COLLABORATIONS) >= 10
    assert Participation.objects.filter(organisation=None).count() == 0
    per_municipality = [
        Participation.objects.filter(organisation__slug=slug).count()
        for slug in ("gemeente-westerveen", "gemeente-lindenholt", "gemeente-greidhoeke")
    ]
    assert all(3 <= count <= 5 for count in per_municipality)
    # Every participant is a demo organisation with a place on the map, every one has a theme.
    assert not Participation.objects.filter(organisation__latitude=None).exists()
    assert not Collaboration.objects.filter(themes=None).exists()
    # Every collaboration has a hub: a lead, central municipality or the first participant.
    for collaboration in Collaboration.objects.with_participants():
        assert collaboration.hub() is not None


def test_editor_adds_a_collaboration_with_participants_in_the_admin(client, editor):
    client.force_login(editor)
    lindenholt = OrganisationFactory(name="Gemeente Lindenholt", slug="lindenholt")
    esveld = OrganisationFactory(name="Gemeente Esveld", slug="esveld")
    url = "/admin/snippets/collaborations/collaboration/add/"
    assert client.get(url).status_code == 200

    data = {
        "name": "Belastingen Hunzedal",
        "slug": "belastingen-hunzedal",
        "legal_form": "openbaar-lichaam",
        "description": "",
        "tasks": "WOZ",
        "since": "",
        "website": "",
        "contact_name": "Secretariaat",
        "contact_email": "",
        "contact_phone": "",
        "participations-TOTAL_FORMS": "2",
        "participations-INITIAL_FORMS": "0",
        "participations-MIN_NUM_FORMS": "0",
        "participations-MAX_NUM_FORMS": "1000",
        "participations-0-organisation": str(lindenholt.pk),
        "participations-0-role": "penvoerder",
        "participations-0-since": "",
        "participations-0-ORDER": "1",
        "participations-1-organisation": str(esveld.pk),
        "participations-1-role": "deelnemer",
        "participations-1-since": "",
        "participations-1-ORDER": "2",
    }
    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    collaboration = Collaboration.objects.get(slug="belastingen-hunzedal")
    assert {(p.organisation.slug, p.role) for p in collaboration.participations.all()} == {
        ("lindenholt", "penvoerder"),
        ("esveld", "deelnemer"),
    }
    listing = client.get("/admin/snippets/collaborations/collaboration/?q=hunzedal")
    assert "Belastingen Hunzedal" in listing.content.decode()
    listing = client.get("/admin/snippets/collaborations/collaboration/?legal_form=convenant")
    assert "Belastingen Hunzedal" not in listing.content.decode()
