"""A reader finds an interview from the home page, by searching and by filtering on a theme,
and follows the knowledge base's feed."""

import re

import feedparser
import pytest
from playwright.sync_api import expect

from blog.models import ArticleViewCount, InterviewPage

# After each transactional test's flush, vakgenoten.baseline recreates the tree roots and groups.
pytestmark = pytest.mark.django_db(transaction=True)

INTERVIEW = "Het Wmo-loket is geen loket meer"


@pytest.fixture
def knowledge_base():
    from blog import demo as blog_demo
    from home import demo as home_demo
    from vakgenoten import demo

    home = demo.load()
    home_demo.load_shared()
    return blog_demo.load(home)


def test_reader_finds_an_interview_by_search_and_by_theme(page, knowledge_base):
    interview = InterviewPage.objects.get(title=INTERVIEW)
    # The demo has two weeks of reading already; this reader adds one.
    before = ArticleViewCount.objects.get(page=interview).views
    page.goto("/")
    # The home page has one search form, in its hero (the header leaves its own out there).
    search = page.get_by_role("search")
    expect(search).to_have_count(1)
    search.get_by_role("searchbox", name="Waar ben je naar op zoek?").fill("keukentafel")
    search.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken")
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name=INTERVIEW)).to_be_visible()
    expect(results.locator("mark").first).to_have_text(re.compile("keukentafel", re.I))
    results.get_by_role("link", name=INTERVIEW).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(INTERVIEW)
    expect(page.get_by_text("In gesprek met")).to_be_visible()
    # The beacon counted this reader and the page shows the fresh total.
    expect(page.locator("[data-view-count]")).to_have_text(str(before + 1))
    assert ArticleViewCount.objects.get(page=interview).views == before + 1

    page.goto("/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Kennisbank").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kennisbank")
    page.get_by_label("Soort", exact=True).select_option("interview")
    page.get_by_label("Thema").select_option(label="Sociaal domein")
    page.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile(r"type=interview"))
    expect(page.locator("main h2.card__title")).to_have_count(1)
    page.get_by_role("link", name=INTERVIEW).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(INTERVIEW)
    page.problems.assert_none()


def test_reader_opens_the_feed_of_the_knowledge_base(page, knowledge_base):
    page.goto("/kennisbank/?thema=sociaal-domein")
    feed_link = page.get_by_role("link", name="RSS-feed van het thema Sociaal domein")
    expect(feed_link).to_be_visible()
    response = page.request.get(feed_link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.body())
    assert feed.bozo == 0
    assert INTERVIEW in [entry.title for entry in feed.entries]
    announced = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    expect(announced).to_have_count(2)  # all articles and this theme
    page.problems.assert_none()
