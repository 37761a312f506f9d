"""A moderator refuses a careless bulk reject, keeps the selection, confirms a reject and
suspends the writer; the member then finds the ban where the comment form was."""

import pytest
from playwright.sync_api import expect

from django.test import Client

from comments.groups import MODERATORS_GROUP
from comments.models import Comment, CommentBan
from tests.browser.helpers import PASSWORD, commentable_article, staff_with_authenticator, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article(transactional_db):
    return commentable_article(hold_first_comments=0)


@pytest.fixture
def member(transactional_db):
    from tests.factories import UserFactory

    return UserFactory(first_name="Koen", last_name="Smit")


@pytest.fixture
def moderator(transactional_db):
    return staff_with_authenticator(MODERATORS_GROUP, first_name="Mo", last_name="Derator")


def test_moderator_keeps_the_selection_confirms_a_reject_and_bans_the_writer(
    page, browser, live_server, article, member, moderator, mailoutbox
):
    from tests.comments.factories import make_comment

    rude = [
        make_comment(article, member, f"Onbeschofte reactie {n}", status="pending")
        for n in range(2)
    ]
    make_comment(article, member, "Nog een reactie in de wachtrij", status="pending")

    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    admin = context.new_page()
    admin.goto("/admin/reacties/")
    admin.locator("input[name=login]").fill(moderator.email)
    admin.locator("input[name=password]").fill(PASSWORD)
    admin.get_by_role("button", name="Inloggen").click()
    admin.locator("input[name=code]").fill(totp_code(moderator.totp_secret))
    admin.get_by_role("button", name="Inloggen").click()
    expect(admin.get_by_text("Onbeschofte reactie 0")).to_be_visible()

    # A bulk reject without a reason is refused, with every tick and the action kept.
    boxes = [admin.locator(f"#kies-{comment.pk}") for comment in rude]
    for box in boxes:
        box.check()
    admin.get_by_label("Actie", exact=True).select_option("reject")
    admin.get_by_role("button", name="Uitvoeren voor de gekozen reacties").click()
    expect(admin.get_by_text("Geef een reden bij het afwijzen").first).to_be_visible()
    for box in boxes:
        expect(box).to_be_checked()
    expect(admin.locator("#id_reason")).to_have_attribute("aria-invalid", "true")
    expect(admin.get_by_label("Actie", exact=True)).to_have_value("reject")
    assert set(Comment.objects.values_list("status", flat=True)) == {"pending"}

    # With a reason it asks for confirmation first, then rejects exactly those two.
    admin.locator("#id_reason").fill("Persoonlijke aanvallen horen hier niet.")
    admin.get_by_role("button", name="Uitvoeren voor de gekozen reacties").click()
    expect(admin.get_by_text("Afwijzen: weet je het zeker?")).to_be_visible()
    admin.get_by_role("button", name="Ja, afwijzen").click()
    expect(admin.get_by_text("2 reacties: afwijzen.")).to_be_visible()
    assert Comment.objects.filter(status="rejected").count() == 2

    # Suspend the writer from the comment still in the queue, for a week.
    admin.get_by_role("link", name="Koen Smit schorsen").click()
    expect(admin.get_by_label("E-mailadres van het lid")).to_have_value(member.email)
    admin.get_by_label("1 week").check()
    admin.get_by_label("Reden (het lid krijgt die te lezen)").fill("Herhaaldelijk op de man.")
    admin.get_by_role("button", name="Verder naar bevestigen").click()
    expect(admin.get_by_text("Weet je het zeker?")).to_be_visible()
    admin.get_by_role("button", name="Ja, lid schorsen").click()
    expect(admin.get_by_text("Koen Smit is geschorst tot")).to_be_visible()
    expect(admin.get_by_role("cell", name="Herhaaldelijk op de man.")).to_be_visible()
    context.close()
    assert CommentBan.objects.get().user == member

    # The member sees the ban where the form was.
    client = Client()
    client.force_login(member)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(article.url)
    expect(page.get_by_text("Je bent tijdelijk geschorst")).to_be_visible()
    expect(page.get_by_text("niet reageren: Herhaaldelijk op de man.")).to_be_visible()
    expect(page.get_by_label("Je reactie")).to_have_count(0)
    page.problems.assert_none()
    assert any("tijdelijk niet reageren" in message.subject for message in mailoutbox)
