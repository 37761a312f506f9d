"""Mentions and "Meldingen" in a real browser: a member picks a name from the suggestions with
the keyboard, another types a name without JavaScript, and the member mentioned reads both."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from members.models import Notification
from tests.browser.helpers import commentable_article, sign_in_with_cookie

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article(transactional_db):
    return commentable_article(hold_first_comments=0)


@pytest.fixture
def people(transactional_db):
    from tests.factories import UserFactory

    return {
        "fatima": UserFactory(first_name="Fatima", last_name="El Amrani"),
        "anouk": UserFactory(first_name="Anouk", last_name="de Vries"),
        "bram": UserFactory(first_name="Bram", last_name="Jansen"),
    }


def test_a_name_picked_with_the_keyboard_and_one_typed_without_javascript(
    page, browser, live_server, article, people
):
    fatima = people["fatima"]
    # Anouk types "@Fat": the suggestions open; the arrow keys and Enter pick the name.
    sign_in_with_cookie(page, live_server, people["anouk"])
    page.goto(article.url)
    field = page.get_by_label("Je reactie")
    field.click()
    field.press_sequentially("Goed punt. @Fat", delay=20)
    listbox = page.get_by_role("listbox", name="Leden om te noemen")
    expect(listbox).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    option = listbox.get_by_role("option", name="Fatima El Amrani")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    field.press("Escape")  # Escape closes the list and keeps what was typed
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    field.press_sequentially("i", delay=20)
    expect(option).to_be_visible()
    field.press("ArrowDown")
    field.press("ArrowUp")
    field.press("Enter")
    expect(field).to_have_value("Goed punt. @Fatima El Amrani ")
    expect(field).to_have_attribute("aria-expanded", "false")
    field.press_sequentially("wat denk jij?")
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    preview_link = page.locator(".comment-preview a.mention")
    expect(preview_link).to_have_text("@Fatima El Amrani")
    expect(preview_link).to_have_attribute("href", f"/leden/{fatima.pk}/")
    page.get_by_role("button", name="Plaatsen").click()
    comment = Comment.objects.get()
    expect(page.locator(f"#reactie-{comment.pk} a.mention")).to_have_text("@Fatima El Amrani")
    page.problems.assert_none()

    # Bram has JavaScript off: he types the whole name and the site links it the same way.
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    sign_in_with_cookie(context, live_server, people["bram"])
    plain = context.new_page()
    plain.goto(article.url)
    plain.get_by_label("Je reactie").fill("Eens, @Fatima El Amrani weet hier alles van.")
    plain.get_by_role("button", name="Voorbeeld bekijken").click()
    plain.get_by_role("button", name="Plaatsen").click()
    expect(plain.get_by_text("Je reactie is geplaatst.")).to_be_visible()
    context.close()
    assert Notification.objects.filter(recipient=fatima, kind="mention").count() == 2

    # Fatima sees the count in the header, reads the list, opens one, then marks all read.
    page.context.clear_cookies()
    sign_in_with_cookie(page, live_server, fatima)
    page.goto("/")
    inbox = page.get_by_role("link", name="Meldingen, 2 ongelezen")
    expect(inbox).to_be_visible()
    inbox.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    expect(page.get_by_text("Je hebt 2 ongelezen meldingen.")).to_be_visible()
    page.get_by_role("link", name="Anouk de Vries noemde je in een reactie").click()
    expect(page.locator(f"#reactie-{comment.pk}")).to_be_visible()
    expect(page.get_by_role("link", name="Meldingen, 1 ongelezen")).to_be_visible()
    page.goto("/meldingen/")
    page.get_by_role("button", name="Alles als gelezen markeren").click()
    expect(page.get_by_text("Je hebt geen ongelezen meldingen.")).to_be_visible()
    expect(
        page.get_by_role("banner").get_by_role("link", name="Meldingen", exact=True)
    ).to_be_visible()
    page.problems.assert_none()
