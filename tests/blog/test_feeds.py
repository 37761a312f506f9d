"""Feed readers get valid RSS and Atom for all articles and for each theme."""

import feedparser
import pytest

from blog.models import InterviewPage, NewsPage
from taxonomy.models import Theme
from tests.blog.factories import make_article, make_author

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(blog_index):
    privacy = Theme.objects.get(slug="privacy")
    author = make_author("Samira Bouzid")
    return [
        make_article(
            blog_index,
            InterviewPage,
            title="Privacy in de wijk",
            intro="Hoe deel je gegevens in een wijkteam? <Met toestemming> & zorg.",
            themes=[privacy],
            authors=[author],
        ),
        make_article(blog_index, NewsPage, title="Nieuwe ledendag"),
    ]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_of_all_articles_is_valid(client, blog_index, articles, kind):
    response = client.get(f"{blog_index.url}feed/{kind}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version.startswith(kind)
    assert [entry.title for entry in feed.entries] == ["Nieuwe ledendag", "Privacy in de wijk"]
    entry = feed.entries[1]
    assert entry.link == articles[0].full_url  # the Site's address, as configured
    # Plain text stays text: a reader shows "<Met toestemming> & zorg", it runs no markup.
    assert "&lt;Met toestemming&gt; &amp; zorg" in entry.summary
    assert entry.author == "Samira Bouzid"
    assert [tag.term for tag in entry.tags] == ["Privacy"]
    assert entry.published_parsed is not None


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_per_theme_holds_only_that_theme(client, blog_index, articles, kind):
    response = client.get(f"{blog_index.url}thema/privacy/feed/{kind}/")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["Privacy in de wijk"]
    assert "Privacy" in feed.feed.title


def test_feed_of_unknown_theme_is_not_found(client, blog_index):
    assert client.get(f"{blog_index.url}thema/bestaat-niet/feed/rss/").status_code == 404


def test_pages_announce_their_feeds(client, blog_index, articles):
    listing = client.get(blog_index.url).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Vakgenoten (RSS)" '
        'href="/kennisbank/feed/rss/">' in listing
    )
    assert 'type="application/atom+xml"' in listing
    article = client.get(articles[0].url).content.decode()
    assert 'href="/kennisbank/feed/rss/"' in article


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_say_dutch_whatever_the_interface_language(client, blog_index, articles, kind):
    """The articles are Dutch; a visitor who chose English gets the same Dutch feed."""
    dutch = client.get(f"{blog_index.url}feed/{kind}/")
    client.cookies["django_language"] = "en"
    english = client.get(f"{blog_index.url}feed/{kind}/")
    for response in (dutch, english):
        assert response["Content-Language"] == "nl"
        assert feedparser.parse(response.content).feed.language == "nl"
    declared = "<language>nl</language>" if kind == "rss" else 'xml:lang="nl"'
    assert declared in english.content.decode()
    assert english.content == dutch.content
