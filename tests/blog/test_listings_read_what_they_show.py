"""Lists read what their cards show, and no more: no card shows an article's themes, and a
text-only list ("Lees ook" under an article, "Voor jou", the feeds) shows no pictures. The
article page reads its hero image with the renditions it shows in one query."""

import pytest

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.listing import article_listing_queryset, related_articles
from tests.blog.factories import make_article, make_author, make_image, make_theme

pytestmark = pytest.mark.django_db


def _tables(statements):
    return " ".join(query["sql"] for query in statements)


def _pictured_articles(blog_index, theme, prefix, count=3):
    """``count`` articles on ``theme``, each with the same hero image (returned)."""
    image = make_image()
    for number in range(count):
        make_article(
            blog_index,
            title=f"{prefix} {number}",
            themes=[theme],
            hero_image=image,
            hero_image_alt="x",
        )
    return image


def test_related_articles_read_neither_pictures_nor_themes(blog_index):
    theme = make_theme("Kantoorinrichting")
    article = make_article(blog_index, title="Hoofdartikel", themes=[theme])
    _pictured_articles(blog_index, theme, "Verwant")

    with CaptureQueriesContext(connection) as reads:
        related = related_articles(article, themes=[theme])

    assert [item.title for item in related] == ["Verwant 2", "Verwant 1", "Verwant 0"]
    sql = _tables(reads.captured_queries)
    assert "wagtailimages_" not in sql
    assert '"blog_theme"' not in sql
    assert '"blog_articlepage"."body"' not in sql  # a text card shows no body


def test_a_text_card_under_an_article_reads_nothing_more_to_render(blog_index):
    """ "Lees ook" reads only the columns its cards show (``TEXT_CARD_FIELDS``): rendering
    them asks no query for a column left out."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    theme = make_theme("Leerlingenvervoer")
    article = make_article(blog_index, title="Hoofdartikel", themes=[theme])
    for number in range(3):
        make_article(
            blog_index,
            title=f"Verwant {number}",
            themes=[theme],
            authors=[make_author(f"A{number}")],
        )
    related = related_articles(article, themes=[theme])
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as rendering:
        html = render_to_string(
            "blog/includes/article_card_list.html",
            {"articles": related, "heading_level": 3, "no_pictures": True, "request": request},
        )
    assert [
        q["sql"] for q in rendering.captured_queries if "wagtailcore_site" not in q["sql"]
    ] == []
    assert "Verwant 2" in html and "A2" in html and "minu" in html


def test_a_list_of_cards_reads_no_themes_and_pictures_only_when_asked(blog_index):
    image = _pictured_articles(blog_index, make_theme("Bouwleges"), "Artikel")

    with CaptureQueriesContext(connection) as with_pictures:
        articles = list(article_listing_queryset())
    assert all(article.hero_image == image for article in articles)
    sql = _tables(with_pictures.captured_queries)
    assert "wagtailimages_rendition" in sql and '"blog_theme"' not in sql

    with CaptureQueriesContext(connection) as without:
        list(article_listing_queryset(pictures=False))
    assert "wagtailimages_" not in _tables(without.captured_queries)


def test_the_feed_still_names_each_articles_themes(client, blog_index):
    make_article(blog_index, title="Met thema", themes=[make_theme("Grafrechten")])

    xml = client.get(f"{blog_index.url}feed/rss/").content.decode()

    assert "<category>Grafrechten</category>" in xml


def test_an_articles_first_render_reads_its_images_renditions_in_two_queries(client, blog_index):
    author = make_author("Sanne de Wit", photo=make_image(size=(200, 200)))
    article = make_article(
        blog_index, title="Met beeld", authors=[author], hero_image=make_image(), hero_image_alt="x"
    )
    assert client.get(article.url).status_code == 200  # makes the renditions
    for cache in caches.all():
        cache.clear()

    with CaptureQueriesContext(connection) as first_render:
        html = client.get(article.url).content.decode()

    renditions = [
        query
        for query in first_render.captured_queries
        if 'FROM "wagtailimages_rendition"' in query["sql"]
    ]
    assert len(renditions) == 2  # the hero image's (header, link preview), the photos'
    # The hero image comes with its renditions, the photos with their authors: no query of
    # the image table of its own.
    assert not [
        q for q in first_render.captured_queries if 'FROM "wagtailimages_image"' in q["sql"]
    ]
    assert 'class="article-hero__image"' in html and 'class="author-bio__photo"' in html
    assert 'property="og:image" content="http' in html
