"""Wij doen dit ook in Chromium under the strict CSP: a member adds her organisation to a
practice example with a note, sees the count go up and then changes the status."""

import pytest
from playwright.sync_api import expect

from blog.models import Adoption

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def scene(transactional_db):
    from blog.models import BestPracticePage
    from tests.blog.factories import make_article
    from tests.factories import BlogIndexPageFactory, UserFactory
    from tests.factories.members import OrganisationFactory
    from vakgenoten import demo

    home = demo.load()
    index = BlogIndexPageFactory(parent=home)
    practice = make_article(
        index,
        BestPracticePage,
        title="Eén loket voor drie gemeenten",
        contact_email="loket@voorbeeld.example",
    )
    earlier = OrganisationFactory(name="Gemeente Eerder", slug="gemeente-eerder")
    Adoption.objects.create(page=practice, organisation=earlier, status="ingevoerd")
    organisation = OrganisationFactory(name="Gemeente Wijook", slug="gemeente-wijook")
    anouk = UserFactory(
        first_name="Anouk",
        last_name="de Vries",
        email="anouk@wijook.example",
        profile__organisation=organisation,
    )
    return practice, anouk


def test_member_adds_her_organisation_and_changes_the_status(page, live_server, scene, mailoutbox):
    from tests.browser.helpers import sign_in_with_cookie

    practice, anouk = scene
    sign_in_with_cookie(page, live_server, anouk)
    page.goto(f"{live_server.url}{practice.url}")
    section = page.locator("#wie-doet-dit-ook")
    expect(section.get_by_text("1 organisatie doet dit ook.")).to_be_visible()

    section.get_by_label("Bezig met invoeren").check()
    section.get_by_label("Toelichting (niet verplicht)").fill("We starten in maart met de buren.")
    section.get_by_role("button", name="Wij doen dit ook").click()

    expect(page.get_by_text("Gemeente Wijook staat nu bij de organisaties")).to_be_visible()
    section = page.locator("#wie-doet-dit-ook")
    expect(section.get_by_text("2 organisaties doen dit ook.")).to_be_visible()
    expect(section.get_by_role("link", name="Gemeente Wijook")).to_be_visible()
    expect(section.get_by_text("We starten in maart met de buren.").first).to_be_visible()
    assert len(mailoutbox) == 1 and anouk.email not in mailoutbox[0].body

    section.get_by_label("Ingevoerd").check()
    section.get_by_role("button", name="Wijziging opslaan").click()
    expect(
        page.get_by_text("De stand van zaken van Gemeente Wijook is bijgewerkt.")
    ).to_be_visible()
    adoption = Adoption.objects.get(organisation__slug="gemeente-wijook")
    assert adoption.status == "ingevoerd"
    assert len(mailoutbox) == 1
    page.problems.assert_none()
