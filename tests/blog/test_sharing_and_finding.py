"""Search engines and social media find articles: canonical, Open Graph, JSON-LD, sitemap,
robots.txt."""

import json
import re

import pytest

from blog.models import InterviewPage
from taxonomy.models import Theme
from tests.blog.factories import make_article, make_author, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(blog_index):
    return make_article(
        blog_index,
        InterviewPage,
        title="Het wijkteam </script> komt langs",
        intro="Een teamleider Wmo vertelt.",
        themes=[Theme.objects.get(slug="sociaal-domein")],
        tags=["wmo"],
        authors=[make_author("Linda Hoekstra", role="journalist")],
        hero_image=make_image(size=(1600, 900)),
        hero_image_alt="Een blauw vlak",
    )


def test_article_has_canonical_url_and_open_graph_with_an_image(client, article):
    html = client.get(article.url).content.decode()
    # Canonical addresses are on SITE_URL (here the Site record says the same), not the host.
    assert f'<link rel="canonical" href="{article.full_url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:description" content="Een teamleider Wmo vertelt.">' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith("http://testserver/media/images/") and image.endswith(".jpg")
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="article:tag" content="wmo">' in html


def test_article_has_schema_org_article_data(client, article):
    html = client.get(article.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "</script>" not in raw  # the title's </script> is escaped
    data = json.loads(raw)
    assert data["@type"] == "Article"
    assert data["headline"] == "Het wijkteam </script> komt langs"
    assert data["author"][0]["name"] == "Linda Hoekstra"
    assert data["image"][0].startswith("http://testserver/media/images/")
    assert data["datePublished"] == article.publication_date.isoformat()
    # Counted when the article was saved: the intro's four words (an empty body).
    assert data["wordCount"] == article.word_count == 4


def test_the_word_count_follows_each_publish_and_an_old_row_is_counted(client, article):
    from blog.models import ArticlePage

    def word_count():
        html = client.get(article.url).content.decode()
        raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        return json.loads(raw.group(1))["wordCount"]

    article.intro = "Een teamleider Wmo vertelt over het eerste jaar."
    article.save_revision().publish()
    assert word_count() == ArticlePage.objects.get(pk=article.pk).word_count == 8
    # A row saved before the field existed holds no count: it is counted when shown.
    ArticlePage.objects.filter(pk=article.pk).update(word_count=None)
    article.intro = "Anders"  # not saved: the page shows what is published
    assert word_count() == 8


def test_hero_image_is_responsive_and_reserves_its_space(client, article):
    html = client.get(article.url).content.decode()
    hero = re.search(r'<img\b[^>]*class="article-hero__image"[^>]*>', html).group(0)
    assert 'srcset="' in hero and ".webp 800w" in hero and 'sizes="' in hero
    assert 'width="800"' in hero and 'height="450"' in hero


def test_listing_cards_use_responsive_webp_images(client, blog_index, article):
    html = client.get(blog_index.url).content.decode()
    card_image = re.search(r'<div class="card__image">\s*<picture>.*?(<img[^>]+>)', html).group(1)
    assert "srcset=" in card_image and ".webp" in card_image
    assert 'width="480"' in card_image and 'height="270"' in card_image


def test_sitemap_lists_articles(client, article):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    # On the public address (SITE_URL), like every absolute link.
    assert f"<loc>http://testserver{article.url}</loc>" in response.content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_accounts(client, home_page):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Disallow: /accounts/" in text
    assert "Disallow: /mijn-account/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
