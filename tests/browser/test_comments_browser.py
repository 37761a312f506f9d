"""A member previews and posts a comment that is held; an editor approves it in the admin
queue (after the second factor); the member sees it published and gets the e-mail."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.helpers import (
    PASSWORD,
    commentable_article,
    sign_in_with_cookie,
    staff_with_authenticator,
    totp_code,
)
from vakgenoten.models import OutgoingEmail

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article(transactional_db):
    return commentable_article(hold_first_comments=1)


@pytest.fixture
def member(transactional_db):
    from tests.factories import UserFactory

    return UserFactory(first_name="Anouk", last_name="de Vries")


@pytest.fixture
def editor(transactional_db):
    return staff_with_authenticator("Redactie", first_name="Ria", last_name="Redacteur")


def test_held_comment_is_approved_by_an_editor_and_the_member_hears_it(
    page, browser, live_server, article, member, editor, mailoutbox
):
    # The member writes, previews and posts.
    sign_in_with_cookie(page, live_server, member)
    page.goto(article.url)
    page.get_by_label("Je reactie").fill("Wij kopen sinds dit jaar **samen** in met drie buren.")
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorbeeld van je reactie")
    expect(page.locator(".comment-preview strong")).to_have_text("samen")
    page.get_by_role("button", name="Plaatsen").click()
    expect(page.get_by_text("De redactie bekijkt haar eerst")).to_be_visible()
    expect(page.get_by_text("Alleen jij ziet deze reactie")).to_be_visible()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    page.problems.assert_none()

    # The editor logs in with password and authenticator code and approves in the queue.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    admin = context.new_page()
    admin.goto("/admin/reacties/")
    admin.locator("input[name=login]").fill(editor.email)
    admin.locator("input[name=password]").fill(PASSWORD)
    admin.get_by_role("button", name="Inloggen").click()
    expect(admin.get_by_role("heading", name="Code uit je app")).to_be_visible()
    admin.locator("input[name=code]").fill(totp_code(editor.totp_secret))
    admin.get_by_role("button", name="Inloggen").click()
    expect(admin.get_by_text("Wij kopen sinds dit jaar")).to_be_visible()
    expect(admin.get_by_role("button", name="Reacties (1)")).to_be_visible()
    admin.get_by_label("Reactie van Anouk de Vries kiezen").check()
    admin.get_by_label("Actie", exact=True).select_option("approve")
    admin.get_by_role("button", name="Uitvoeren voor de gekozen reacties").click()
    expect(admin.get_by_text("1 reactie: goedkeuren.")).to_be_visible()
    context.close()

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED

    # The member sees it published and has the e-mail.
    page.goto(article.url)
    expect(page.locator(f"#reactie-{comment.pk} strong")).to_have_text("samen")
    expect(page.get_by_text("Alleen jij ziet deze reactie")).to_have_count(0)
    approved = [m for m in mailoutbox if m.to == [member.email]]
    assert len(approved) == 1
    assert "is geplaatst" in approved[0].subject
    assert OutgoingEmail.objects.get(to=member.email).status == OutgoingEmail.Status.SENT
    page.problems.assert_none()
