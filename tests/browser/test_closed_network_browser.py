"""A closed network's article, as the demo has it: a visitor is asked to sign in, a member of
another network hears which network it belongs to and finds its page, a member of the network
reads it and sees it among the network's articles."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in_with_cookie

pytestmark = pytest.mark.django_db(transaction=True)

CLOSED_ARTICLE = "salarisonderzoek-leden-bedrijfsvoering"
OPEN_ARTICLE = "wat-de-avg-ons-leerde-over-archiveren"


@pytest.fixture
def demo_networks(transactional_db):
    """The demo's networks (one closed, with a logo and a colour), its members, and two of its
    articles: one of the closed network and one of an open network. Loaded with the demo's own
    loaders, but not the whole demo: a browser test stays cheap."""
    from blog import demo as blog_demo
    from home import demo as home_demo
    from members import demo as members_demo
    from members.models import Organisation, User
    from taxonomy.models import Theme
    from vakgenoten import demo

    home = demo.load()
    home_demo.load_shared()
    members_demo.load(home)
    index = blog_demo.load_index(home)
    authors = blog_demo.load_authors()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    organisations = {organisation.slug: organisation for organisation in Organisation.objects.all()}
    specs = {spec["slug"]: spec for spec in blog_demo.ARTICLES + blog_demo.CLOSED_NETWORK_ARTICLES}
    for number, slug in enumerate((CLOSED_ARTICLE, OPEN_ARTICLE)):
        blog_demo.load_article(index, specs[slug], authors, themes, organisations, number)
    return {
        "closed": specs[CLOSED_ARTICLE]["title"],
        "open": specs[OPEN_ARTICLE]["title"],
        "url": f"/kennisbank/{CLOSED_ARTICLE}/",
        "bram": User.objects.get(email="bram.jansen@bergambacht.example"),
        "anouk": User.objects.get(email="anouk.devries@lindenholt.example"),
    }


def test_visitor_signs_in_first_and_another_member_is_shown_the_network(
    page, live_server, demo_networks
):
    page.goto(demo_networks["url"])
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/kennisbank/"))
    expect(page.get_by_text(demo_networks["closed"])).to_have_count(0)

    # Anouk is a member of an open network, not of this one.
    sign_in_with_cookie(page, live_server, demo_networks["anouk"])
    response = page.goto(demo_networks["url"])
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Alleen voor leden van het netwerk")
    expect(page.get_by_text(demo_networks["closed"])).to_have_count(0)
    # Chromium reports the refusal itself as a failed load; nothing else may fail.
    assert [error for error in page.problems.console_errors if "403" not in error] == []
    page.problems.console_errors.clear()
    network = page.get_by_role("link", name="Netwerk Bedrijfsvoering Gemeenten")
    network.focus()
    expect(network).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/netwerken/netwerk-bedrijfsvoering-gemeenten/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Netwerk Bedrijfsvoering Gemeenten")
    expect(page.get_by_role("button", name=re.compile("^Lidmaatschap aanvragen"))).to_be_visible()
    page.problems.assert_none()


def test_only_members_find_it_and_read_it_on_the_networks_page(page, live_server, demo_networks):
    page.goto("/kennisbank/")
    expect(page.get_by_role("link", name=demo_networks["open"])).to_be_visible()
    expect(page.get_by_role("link", name=demo_networks["closed"])).to_have_count(0)

    # Bram manages the closed network.
    sign_in_with_cookie(page, live_server, demo_networks["bram"])
    page.goto(demo_networks["url"])
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_networks["closed"])
    page.goto("/netwerken/netwerk-bedrijfsvoering-gemeenten/")
    banner = page.locator(".network-banner--accent")
    expect(banner.locator("rect")).to_have_attribute("fill", "#7b2d55")
    expect(banner.get_by_role("img")).to_have_count(0)  # the logo is decoration: alt=""
    expect(banner.locator("img")).to_have_count(1)
    articles = page.get_by_role("region", name="Artikelen")
    articles.get_by_role("link", name=demo_networks["closed"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_networks["closed"])
    page.problems.assert_none()
