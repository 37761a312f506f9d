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
