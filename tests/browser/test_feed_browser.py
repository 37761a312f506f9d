"""A member opens "Voor jou" in a real browser under the strict CSP: signed out they are sent to
log in and come back; a newcomer's feed starts from their profile; once they follow a colleague
and a theme, the feed shows what those bring, newest first, page by page."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from wagtail.models import Page

from blog.models import BestPracticePage
from home.feed import ITEMS_PER_PAGE
from members.follows import follow
from members.models import Organisation
from taxonomy.models import Theme
from tests.blog.factories import make_article, make_author
from tests.browser.helpers import PASSWORD
from tests.comments.factories import make_comment
from tests.factories import BlogIndexPageFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def knowledge_base(transactional_db):
    from home import demo as home_demo
    from vakgenoten import demo

    home = demo.load()
    home_demo.load_shared()
    return BlogIndexPageFactory(parent=home)


def test_member_finds_what_they_follow_on_their_own_page(page, knowledge_base):
    westerveen = Organisation.objects.get(slug="gemeente-westerveen")
    member = UserFactory(
        first_name="Noor",
        last_name="Hendriks",
        email="noor.hendriks@westerveen.example",
        profile__organisation=westerveen,
    )
    colleague = UserFactory(first_name="Lotte", last_name="Peeters")
    theme = Theme.objects.order_by("name").first()
    make_article(
        knowledge_base,
        BestPracticePage,
        title="Samen één sociaal loket",
        organisations=[westerveen],
    )

    # Signed out, the page sends the member to log in, and back again afterwards.
    page.goto("/voor-jou/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    page.locator("input[name=login]").fill(member.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voor jou")
    assert page.url.endswith("/voor-jou/")

    # A newcomer: the feed starts from the organisation in their profile, and says so.
    start = page.get_by_role("region", name="Je volgt nog niets")
    expect(start).to_contain_text("Gemeente Westerveen")
    expect(start.get_by_role("link", name="Kies zelf wat je volgt")).to_be_visible()
    expect(page.get_by_role("link", name="Samen één sociaal loket")).to_be_visible()

    # They follow a colleague and a theme (the buttons live on profiles and theme pages).
    now = timezone.now()
    column = make_article(
        knowledge_base,
        title="Wat ik leerde van de keukentafel",
        authors=[make_author(user=colleague)],
    )
    Page.objects.filter(pk=column.pk).update(first_published_at=now - timedelta(hours=2))
    for number in range(ITEMS_PER_PAGE):
        article = make_article(knowledge_base, title=f"Themabericht {number}", themes=[theme])
        Page.objects.filter(pk=article.pk).update(
            first_published_at=now - timedelta(days=1, minutes=number)
        )
    make_comment(column, colleague, "Wie doet er mee met de pilot?")
    follow(member, colleague)
    follow(member, theme)

    # From the header, as from any page.
    page.goto("/")
    page.get_by_role("link", name="Voor jou").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voor jou")
    expect(page.get_by_text("Je volgt nog niets")).to_have_count(0)
    feed = page.get_by_role("region", name="Nieuw voor jou")
    titles = feed.get_by_role("heading", level=3)
    # Newest first: the colleague's comment (just now), their column (two hours ago), then the
    # theme's articles of yesterday; the best practice of the organisation is no longer followed.
    expect(titles.nth(0)).to_have_text("Wat ik leerde van de keukentafel")
    expect(feed.locator(".feed__item").nth(0)).to_contain_text("Reactie van Lotte Peeters")
    expect(titles.nth(1)).to_have_text("Wat ik leerde van de keukentafel")
    expect(titles.nth(2)).to_have_text("Themabericht 0")
    expect(titles).to_have_count(ITEMS_PER_PAGE)
    expect(page.get_by_role("link", name="Samen één sociaal loket")).to_have_count(0)

    page.get_by_role("navigation", name="Paginering").get_by_role(
        "link", name=re.compile("Volgende")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voor jou")
    expect(titles).to_have_count(2)
    expect(titles.nth(1)).to_have_text(f"Themabericht {ITEMS_PER_PAGE - 1}")

    # A comment card opens the comment in its conversation.
    page.goto("/voor-jou/")
    feed.locator(".feed__item--comment").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat ik leerde van de keukentafel")
    expect(page.get_by_text("Wie doet er mee met de pilot?")).to_be_visible()
    page.problems.assert_none()
