"""A guest without an account registers for a webinar open to guests, confirms through the
link in the e-mail, sees the private registration page and cancels there."""

import re

import pytest
from playwright.sync_api import expect

from events.checkin import display_code
from events.models import Registration

pytestmark = pytest.mark.django_db(transaction=True)

WEBINAR = "Webinar: vroegsignalering van schulden met woningcorporaties"


def link_from(mail, path):
    match = re.search(r"https?://[^/\s]+(" + re.escape(path) + r"\S*)", mail.body)
    assert match, mail.body
    return match.group(1)


def test_guest_registers_confirms_by_email_and_cancels_through_the_private_link(
    page, agenda_site, mailoutbox
):
    page.goto("/agenda/")
    page.get_by_role("link", name=re.compile("vroegsignalering van schulden")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("vroegsignalering")
    guest_form = page.locator("form", has=page.get_by_role("button", name="Aanmelden als gast"))

    # A mistake first: the page comes back with the error and everything typed.
    guest_form.get_by_label("Naam").fill("Sanne Bakker")
    guest_form.get_by_label("E-mailadres").fill("sanne@")
    guest_form.get_by_label("Organisatie").fill("Woonstichting Oost")
    guest_form.get_by_label("Opmerking").fill("Ik stel graag een vraag.")
    guest_form.get_by_role("button", name="Aanmelden als gast").click()
    expect(page.get_by_role("alert").first).to_contain_text("Vul een geldig e-mailadres in")
    guest_form = page.locator("form", has=page.get_by_role("button", name="Aanmelden als gast"))
    expect(guest_form.get_by_label("Naam")).to_have_value("Sanne Bakker")
    expect(guest_form.get_by_label("Opmerking")).to_have_value("Ik stel graag een vraag.")
    # The refused form comes back as 400, which the browser notes in its console; no more.
    assert [error for error in page.problems.console_errors if "400" not in error] == []
    page.problems.console_errors.clear()

    guest_form.get_by_label("E-mailadres").fill("sanne.bakker@woonstichting-oost.example")
    guest_form.get_by_role("button", name="Aanmelden als gast").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je e-mail")

    assert mailoutbox[-1].to == ["sanne.bakker@woonstichting-oost.example"]
    page.goto(link_from(mailoutbox[-1], "/evenementen/gast/bevestigen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig je aanmelding")
    assert not Registration.objects.filter(guest_email__startswith="sanne.bakker").exists()
    page.get_by_role("button", name="Ja, meld mij aan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Je aanmelding")
    expect(page.get_by_text("Je bent aangemeld.").first).to_be_visible()
    registration = Registration.objects.get(guest_email="sanne.bakker@woonstichting-oost.example")
    expect(page.get_by_text(display_code(registration.code))).to_be_visible()

    # The confirmation e-mail carries the same private link.
    private = link_from(mailoutbox[-1], "/evenementen/aanmelding/")
    assert private == f"/evenementen/aanmelding/{registration.access_token}/"
    page.goto(private)
    page.get_by_role("link", name="Afmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afmelden")
    page.get_by_role("button", name="Ja, meld mij af").click()
    expect(page.get_by_text(re.compile("Je bent afgemeld voor")).first).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    page.problems.assert_none()
