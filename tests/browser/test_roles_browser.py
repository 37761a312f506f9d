"""Each demo account, logged in through the site's login (and the second factor where the
admin asks for it), sees and may do what its role allows in the admin: the author writes and
submits but cannot publish, the editor publishes, the moderator reaches the comment queue but
not the pages, the organiser reaches the agenda, a member does not enter the admin."""

import io
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from playwright.sync_api import expect

from django.core.management import call_command

from blog.models import BlogIndexPage, BlogPostPage
from events.models import EventIndexPage
from members.models import User

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def accounts(transactional_db, settings, tmp_path):
    """The demo loaded as `make run` does, and its accounts: {role: (user, password, secret)}.
    The admin roles get an authenticator app, as they would on their first visit."""
    from home import demo as home_demo

    settings.BASE_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    home_demo.load()
    call_command("demo_accounts", stdout=io.StringIO())
    accounts = {}
    for line in (tmp_path / "var" / "demo-accounts.txt").read_text().splitlines():
        role, email, password = line.split("\t")
        user = User.objects.get(email=email)
        secret = None
        if role != "lid":
            secret = generate_totp_secret()
            TOTP.activate(user, secret)
        accounts[role] = (user, password, secret)
    return accounts


def log_in(page, account, next_url="/admin/"):
    user, password, secret = account
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if secret:
        expect(page.get_by_role("heading", name="Code uit je app")).to_be_visible()
        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        page.locator("input[name=code]").fill(code)
        page.get_by_role("button", name="Inloggen").click()


def open_more_actions(page):
    """The footer's dropdown next to "Concept opslaan" holds submit and publish."""
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()


def add_blog_form(page, title):
    index = BlogIndexPage.objects.get(slug="kennisbank")
    page.goto(f"/admin/pages/add/blog/blogpostpage/{index.pk}/")
    page.locator("input[name=title]").fill(title)
    page.locator("textarea[name=intro]").fill(
        "Hoe drie gemeenten samen inkopen en wat het oplevert."
    )
    # Wagtail fills the slug from the title a moment after the title loses focus; on a fast
    # machine the test pressed submit before that, and the form came back ("slug required").
    expect(page.locator("input[name=slug]")).not_to_have_value("")


def test_the_author_writes_and_submits_an_article_but_cannot_publish(page, live_server, accounts):
    log_in(page, accounts["auteur"])
    expect(page).to_have_url(re.compile(r"/admin/$"))
    # Vakgenoten's mark, not Wagtail's bird, in the sidebar.
    expect(page.locator("#wagtail-sidebar img[src$='img/logo.svg']")).to_be_visible()
    expect(page.locator(".icon-wagtail")).to_have_count(0)

    page.get_by_role("button", name="Kennisbank").click()
    page.get_by_role("link", name="Artikelen", exact=True).click()
    expect(
        page.get_by_role("link", name=re.compile("Het Wmo-loket is geen loket meer"))
    ).to_be_visible()

    add_blog_form(page, "Samen inkopen met de buurgemeenten")
    open_more_actions(page)
    expect(page.locator("button[name=action-publish]")).to_have_count(0)
    page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text("Samen inkopen met de buurgemeenten")

    article = BlogPostPage.objects.get(title="Samen inkopen met de buurgemeenten")
    assert not article.live
    assert article.current_workflow_state is not None
    assert article.current_workflow_state.status == "in_progress"


def test_the_editor_publishes_an_article(page, live_server, accounts):
    log_in(page, accounts["redactie"])
    expect(page).to_have_url(re.compile(r"/admin/$"))
    add_blog_form(page, "Nieuwe werkwijze voor de Wmo-aanvraag")
    open_more_actions(page)
    page.locator("button[name=action-publish]").click()
    expect(page.locator(".messages")).to_contain_text("Nieuwe werkwijze voor de Wmo-aanvraag")
    article = BlogPostPage.objects.get(title="Nieuwe werkwijze voor de Wmo-aanvraag")
    assert article.live


def test_the_moderator_reaches_the_comment_queue_but_not_the_pages(page, live_server, accounts):
    log_in(page, accounts["moderator"], next_url="/admin/reacties/")
    expect(page).to_have_url(re.compile(r"/admin/reacties/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    index = BlogIndexPage.objects.get(slug="kennisbank")
    page.goto(f"/admin/pages/{index.pk}/edit/")
    expect(page.locator("input[name=title]")).to_have_count(0)
    page.goto(f"/admin/pages/add/blog/blogpostpage/{index.pk}/")
    expect(page.locator("input[name=title]")).to_have_count(0)
    expect(page.locator("#wagtail-sidebar")).not_to_contain_text("Pagina's")


def test_the_organiser_reaches_the_agenda(page, live_server, accounts):
    log_in(page, accounts["organisator"])
    agenda = EventIndexPage.objects.get(slug="agenda")
    page.goto(f"/admin/pages/{agenda.pk}/")
    expect(
        page.get_by_role("link", name=re.compile("Ledendag Netwerk Bedrijfsvoering"))
    ).to_be_visible()
    page.get_by_role("link", name=re.compile("Ledendag Netwerk Bedrijfsvoering")).first.click()
    expect(page.locator("input[name=title]")).to_have_value(
        "Ledendag Netwerk Bedrijfsvoering Gemeenten"
    )
    # As the manager of his network he writes its articles (blog.permissions), and may pick
    # only his own network for them.
    index = BlogIndexPage.objects.get(slug="kennisbank")
    page.goto(f"/admin/pages/add/blog/blogpostpage/{index.pk}/")
    expect(page.locator("input[name=title]")).to_have_count(1)
    expect(page.get_by_label("Netwerk Bedrijfsvoering Gemeenten")).to_have_count(1)
    page.goto(f"/admin/pages/{index.pk}/edit/")
    expect(page.locator("input[name=title]")).to_have_count(0)


def test_a_member_does_not_enter_the_admin(page, live_server, accounts):
    log_in(page, accounts["lid"], next_url="/leden/")
    expect(
        page.get_by_role("link", name=re.compile("Uitloggen|Mijn profiel|Anouk"))
    ).not_to_have_count(0)
    page.problems.assert_none()
    page.goto("/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    expect(page.locator("#wagtail-sidebar")).to_have_count(0)
    assert page.problems.csp_violations == []  # the 403 itself is the one console error
