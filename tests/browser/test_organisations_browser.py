"""A new member cannot find their organisation at sign-up and asks for it; an editor adds it in
the admin; the member's profile shows it and the e-mail says so. In Chromium, under the CSP."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from django.contrib.auth.models import Permission

from members.models import Organisation, OrganisationRequest, User
from tests.browser.helpers import PASSWORD, totp_code
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
def register_keeper(demo_site):
    """An editor who may add organisations, with the second factor the admin asks for."""
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True, first_name="Ria", last_name="Redacteur")
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "add_organisation", "view_organisation"]
        )
    )
    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    return user


def test_member_asks_for_a_missing_organisation_and_an_editor_adds_it(
    page, browser, live_server, register_keeper, mailoutbox
):
    page.goto("/accounts/signup/")
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Hendriks")
    page.get_by_label("E-mailadres").fill("noor.hendriks@zuidrand.example")
    page.locator("#id_password1").fill("een-lang-wachtwoord-42")
    page.locator("#id_password2").fill("een-lang-wachtwoord-42")
    # Both a choice and a new name: refused, with what was typed kept.
    page.get_by_label("Organisatie", exact=True).select_option(label="Gemeente Lindenholt")
    page.get_by_label("Mijn organisatie staat er niet bij: haar naam").fill(
        "Omgevingsdienst Zuidrand"
    )
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_text("Je koos al een organisatie uit de lijst.").first).to_be_visible()
    expect(page.get_by_label("Mijn organisatie staat er niet bij: haar naam")).to_have_value(
        "Omgevingsdienst Zuidrand"
    )
    page.locator("#id_password1").fill("een-lang-wachtwoord-42")
    page.locator("#id_password2").fill("een-lang-wachtwoord-42")
    page.get_by_label("Organisatie", exact=True).select_option(label="Kies je organisatie")
    page.get_by_label("Website van die organisatie (mag leeg blijven)").fill(
        "https://odzuidrand.example"
    )
    page.get_by_role("button", name="Account aanmaken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig je e-mailadres")
    page.get_by_label("Code uit de e-mail").fill(code_from(mailoutbox[-1]))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
    expect(page.get_by_text("om Omgevingsdienst Zuidrand toe te voegen")).to_be_visible()
    noor = User.objects.get(email="noor.hendriks@zuidrand.example")
    assert OrganisationRequest.objects.get().requested_by == noor
    page.problems.assert_none()

    # The editor adds it from the queue in the admin.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    admin = context.new_page()
    admin.goto("/admin/organisatie-aanvragen/")
    admin.locator("input[name=login]").fill(register_keeper.email)
    admin.locator("input[name=password]").fill(PASSWORD)
    admin.get_by_role("button", name="Inloggen").click()
    admin.locator("input[name=code]").fill(totp_code(register_keeper.totp_secret))
    admin.get_by_role("button", name="Inloggen").click()
    expect(admin.get_by_text("Noor Hendriks")).to_be_visible()
    admin.get_by_role("link", name="Omgevingsdienst Zuidrand afhandelen").click()
    expect(admin.get_by_label("Naam", exact=True)).to_have_value("Omgevingsdienst Zuidrand")
    admin.get_by_label("Soort").select_option(label="Uitvoeringsorganisatie")
    admin.get_by_label("Provincie").select_option(label="Zeeland")
    admin.get_by_role("button", name="Toevoegen en het lid laten weten").click()
    expect(admin.get_by_text("Omgevingsdienst Zuidrand staat in het register")).to_be_visible()
    expect(admin.get_by_text("Er wachten geen aanvragen.")).to_be_visible()
    context.close()

    organisation = Organisation.objects.get(name="Omgevingsdienst Zuidrand")
    assert organisation.province == "zeeland"
    assert mailoutbox[-1].to == ["noor.hendriks@zuidrand.example"]
    assert "staat nu op Vakgenoten" in mailoutbox[-1].subject

    # The member's profile shows it, and so does the profile form.
    page.goto(noor.get_absolute_url())
    expect(page.get_by_role("link", name="Omgevingsdienst Zuidrand")).to_be_visible()
    page.goto("/mijn-account/profiel/")
    expect(page.get_by_label("Organisatie", exact=True)).to_have_value(str(organisation.pk))
    expect(page.get_by_text("om Omgevingsdienst Zuidrand toe te voegen")).to_have_count(0)
    page.problems.assert_none()
