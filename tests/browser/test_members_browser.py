"""A new member signs up, verifies the address with the code from the e-mail, completes the
profile and finds a colleague in the directory, in a real browser under the strict CSP."""

import re

import pytest
from playwright.sync_api import expect

from members.models import Organisation, Profile, User
from tests.factories import UserFactory
from tests.members.conftest import code_from

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_site(transactional_db):
    from home import demo as home_demo
    from vakgenoten import demo

    home = demo.load()
    home_demo.load_shared()
    return home


@pytest.fixture
def colleague(demo_site):
    """Someone in another municipality who already solved the problem (no photo: media files
    are not served by the test server)."""
    return UserFactory(
        first_name="Lotte",
        last_name="Peeters",
        profile__organisation=Organisation.objects.get(slug="gemeente-westerveen"),
        profile__role="Architect informatievoorziening",
        profile__province=Profile.Province.GRONINGEN,
    )


def test_new_member_signs_up_verifies_completes_profile_and_finds_a_colleague(
    page, colleague, mailoutbox
):
    page.goto("/")
    page.get_by_role("link", name="Lid worden").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lid worden")

    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Hendriks")
    page.get_by_label("E-mailadres").fill("noor.hendriks@lindenholt.example")
    page.locator("#id_password1").fill("een-lang-wachtwoord-42")
    page.locator("#id_password2").fill("een-lang-wachtwoord-42")
    page.get_by_role("button", name="Account aanmaken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig je e-mailadres")
    assert mailoutbox[-1].to == ["noor.hendriks@lindenholt.example"]
    page.get_by_label("Code uit de e-mail").fill(code_from(mailoutbox[-1]))
    page.get_by_role("button", name="Bevestigen").click()

    # A new member lands on the profile form.
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
    page.get_by_label("Organisatie", exact=True).select_option(label="Gemeente Lindenholt")
    page.get_by_label("Functie").fill("Beleidsadviseur Omgevingswet")
    page.get_by_label("Provincie").select_option(label="Utrecht")
    page.get_by_label("Omgevingswet").check()
    page.get_by_label("Over mij").fill("Ik werk aan het omgevingsplan van Lindenholt.")
    page.get_by_role("button", name="Profiel opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Noor Hendriks")
    expect(page.get_by_text("Je profiel is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Beleidsadviseur Omgevingswet")).to_be_visible()
    noor = User.objects.get(email="noor.hendriks@lindenholt.example")
    assert noor.profile.organisation.slug == "gemeente-lindenholt"

    # Find the colleague in Westerveen through the directory.
    page.get_by_role("link", name="Leden zoeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leden zoeken")
    page.get_by_label("Organisatie").select_option(label="Gemeente Westerveen")
    page.get_by_role("button", name="Zoeken naar leden").click()
    expect(page.locator(".directory__count")).to_have_text(re.compile(r"^\s*1 lid gevonden\s*$"))
    page.get_by_role("link", name="Lotte Peeters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lotte Peeters")
    expect(page.get_by_text("Architect informatievoorziening")).to_be_visible()
    assert colleague.email not in page.content()

    page.problems.assert_none()


def test_member_chooses_how_often_the_digest_comes(page, live_server, demo_site):
    """One choice of three on the e-mail page, by keyboard, without JavaScript's help."""
    from members.models import NotificationPreferences
    from tests.browser.helpers import sign_in_with_cookie

    member = UserFactory(first_name="Noor", last_name="Hendriks")
    sign_in_with_cookie(page, live_server, member)
    page.goto("/mijn-account/meldingen/")
    group = page.get_by_role("group", name="Een overzicht van het nieuws over wat ik volg")
    expect(group).to_be_visible()
    expect(group.get_by_label("Wekelijks")).to_be_checked()  # the default
    group.get_by_label("Dagelijks").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Je keuzes voor e-mail zijn opgeslagen.")).to_be_visible()
    preferences = NotificationPreferences.for_user(member)
    assert preferences.digest and preferences.digest_frequency == "daily"

    group = page.get_by_role("group", name="Een overzicht van het nieuws over wat ik volg")
    expect(group.get_by_label("Dagelijks")).to_be_checked()
    group.get_by_label("Nooit").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Opslaan").press("Enter")
    expect(page.get_by_text("Je keuzes voor e-mail zijn opgeslagen.")).to_be_visible()
    assert not NotificationPreferences.for_user(member).digest
    page.problems.assert_none()
