"""Readers narrow the knowledge base by type, theme and tag, without JavaScript."""

import pytest

from blog.models import BestPracticePage, InterviewPage, NewsPage
from blog.models.pages import LISTING_PAGE_SIZE
from taxonomy.models import Theme
from tests.blog.cards import card_titles as titles
from tests.blog.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(blog_index):
    social = Theme.objects.get(slug="sociaal-domein")
    omgevingswet = Theme.objects.get(slug="omgevingswet")
    return {
        "wmo_interview": make_article(
            blog_index, InterviewPage, title="Wmo-interview", themes=[social], tags=["wmo"]
        ),
        "omgevingswet_practice": make_article(
            blog_index, BestPracticePage, title="Omgevingsloket", themes=[omgevingswet]
        ),
        "wmo_news": make_article(
            blog_index, NewsPage, title="Wmo-nieuws", themes=[social], tags=["wmo", "nieuws"]
        ),
    }


def test_reader_sees_all_articles_newest_first(client, blog_index, articles):
    response = client.get(blog_index.url)
    assert response.status_code == 200
    assert titles(response) == ["Wmo-nieuws", "Omgevingsloket", "Wmo-interview"]
    assert "3 artikelen" in response.content.decode()


def test_reader_filters_by_type(client, blog_index, articles):
    assert titles(client.get(blog_index.url, {"type": "interview"})) == ["Wmo-interview"]
    assert titles(client.get(blog_index.url, {"type": "praktijkvoorbeeld"})) == ["Omgevingsloket"]


def test_reader_filters_by_theme(client, blog_index, articles):
    response = client.get(blog_index.url, {"thema": "sociaal-domein"})
    assert titles(response) == ["Wmo-nieuws", "Wmo-interview"]
    html = response.content.decode()
    assert '<option value="sociaal-domein" selected>' in html
    # The theme's own feed is announced while the filter is on.
    assert 'href="/kennisbank/thema/sociaal-domein/feed/rss/"' in html


def test_reader_combines_type_theme_and_tag(client, blog_index, articles):
    response = client.get(blog_index.url, {"type": "nieuws", "thema": "sociaal-domein"})
    assert titles(response) == ["Wmo-nieuws"]
    assert titles(client.get(blog_index.url, {"tag": "wmo"})) == ["Wmo-nieuws", "Wmo-interview"]
    assert titles(client.get(blog_index.url, {"tag": "wmo", "type": "interview"})) == [
        "Wmo-interview"
    ]


def test_tag_under_an_article_leads_to_the_filtered_list(client, blog_index, articles):
    html = client.get(articles["wmo_news"].url).content.decode()
    assert 'href="/kennisbank/?tag=wmo"' in html
    assert 'href="/kennisbank/?thema=sociaal-domein"' in html


def test_unknown_filter_value_is_explained_not_an_error(client, blog_index, articles):
    response = client.get(blog_index.url, {"thema": "bestaat-niet", "type": "podcast"})
    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert "bestaat niet (meer)" in response.content.decode()


def test_no_matches_shows_an_empty_state(client, blog_index, articles):
    response = client.get(blog_index.url, {"thema": "privacy"})
    assert titles(response) == []
    assert "geen artikelen die bij deze filters passen" in response.content.decode()


def test_listing_is_paginated_and_keeps_the_filters(client, blog_index):
    theme = Theme.objects.get(slug="privacy")
    for number in range(LISTING_PAGE_SIZE + 2):
        make_article(blog_index, title=f"Privacy {number}", themes=[theme])
    first = client.get(blog_index.url, {"thema": "privacy"})
    assert len(titles(first)) == LISTING_PAGE_SIZE
    assert "?thema=privacy&amp;page=2" in first.content.decode()
    second = client.get(blog_index.url, {"thema": "privacy", "page": 2})
    assert len(titles(second)) == 2
    # A page number past the end shows the last page rather than an error.
    assert client.get(blog_index.url, {"page": 99}).status_code == 200


def test_drafts_and_private_articles_stay_out_of_the_list(client, blog_index):
    from wagtail.models import PageViewRestriction

    make_article(blog_index, title="Concept", publish=False)
    private = make_article(blog_index, title="Alleen leden")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_article(blog_index, title="Openbaar")
    assert titles(client.get(blog_index.url)) == ["Openbaar"]
