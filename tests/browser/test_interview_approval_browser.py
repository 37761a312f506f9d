"""An author submits an interview with a note; the interviewee opens the link from the e-mail,
reads the text and approves; the editor sees the approval and the note, and publishes."""

import re

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group

from tests.browser.helpers import sign_in_with_cookie

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://[^\s]+/interview-akkoord/[A-Za-z0-9_-]+/")


@pytest.fixture
def interview(transactional_db):
    from blog.editorial import ensure_editorial_setup
    from blog.models import Interviewee, InterviewPage
    from tests.blog.factories import make_article
    from tests.factories import BlogIndexPageFactory
    from vakgenoten import demo

    home = demo.load()
    index = BlogIndexPageFactory(parent=home)
    ensure_editorial_setup(index)
    return make_article(
        index,
        InterviewPage,
        title="Samen inkopen met de buren",
        intro="Anouk de Vries vertelt hoe vier gemeenten samen inkopen.",
        publish=False,
        interviewees=[
            Interviewee(
                name="Anouk de Vries",
                role="beleidsadviseur",
                email="anouk@lindenholt.example",
                sort_order=0,
            )
        ],
    )


def member_of(group_name, **names):
    from tests.factories import UserFactory, with_second_factor

    user = UserFactory(is_staff=True, **names)
    user.groups.add(Group.objects.get(name=group_name))
    return with_second_factor(user)


def click_action(page, selector):
    """Wagtail keeps the other actions in a drop-down menu; this presses the button itself."""
    page.locator(selector).first.evaluate("button => button.click()")


def test_interviewee_approves_and_the_editor_publishes(
    page, browser, live_server, interview, mailoutbox
):
    # The author submits, with a note for the editors.
    author = member_of("Auteurs", first_name="Aad", last_name="Auteur")
    sign_in_with_cookie(page.context, live_server, author)
    page.goto(f"/admin/pages/{interview.pk}/edit/")
    page.get_by_role("textbox", name="Notitie voor de redactie").fill(
        "Anouk is na 15 december op vakantie."
    )
    click_action(page, "button[name=action-submit]")
    expect(page.locator(".messages")).to_contain_text("Samen inkopen met de buren")

    # The interviewee follows the link in the e-mail, reads the text and approves.
    to_anouk = [message for message in mailoutbox if message.to == ["anouk@lindenholt.example"]]
    assert len(to_anouk) == 1
    link = LINK.search(to_anouk[0].body).group(0)
    path = link[link.index("/interview-akkoord/") :]
    reader = browser.new_context(base_url=live_server.url, locale="nl-NL")
    anouk = reader.new_page()
    anouk.goto(path)
    expect(anouk.get_by_role("heading", level=1)).to_have_text("Samen inkopen met de buren")
    expect(anouk.get_by_text("Voorbeeld voor Anouk de Vries")).to_be_visible()
    anouk.get_by_label("Akkoord: de tekst mag zo gepubliceerd worden").check()
    anouk.get_by_role("button", name="Antwoord versturen").click()
    expect(anouk.get_by_role("heading", level=1)).to_have_text("Bedankt voor je antwoord")
    reader.close()

    # The editor sees the answer and the note, and publishes.
    editor = member_of("Redactie", first_name="Ria", last_name="Redacteur")
    admin_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    sign_in_with_cookie(admin_context, live_server, editor)
    admin = admin_context.new_page()
    admin.goto(f"/admin/pages/{interview.pk}/edit/")
    panel = admin.locator(".review-status")
    expect(panel).to_contain_text("Anouk is na 15 december op vakantie.")
    expect(panel.locator("tbody tr").first).to_contain_text("Anouk de Vries")
    expect(panel.locator("tbody tr").first).to_contain_text("Akkoord")
    click_action(
        admin, "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    expect(admin.locator(".messages")).to_be_visible()
    admin_context.close()

    interview.refresh_from_db()
    assert interview.live
    page.goto(interview.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Samen inkopen met de buren")
    assert "anouk@lindenholt.example" not in page.content()
    page.problems.assert_none()
