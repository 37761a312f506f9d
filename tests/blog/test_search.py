"""Readers search the whole site, narrow by type and theme, and see where their words occur."""

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from blog.models import BestPracticePage, InterviewPage, NewsPage, ZeroResultSearch
from taxonomy.models import Theme
from tests.blog.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(blog_index):
    samenwerking = Theme.objects.get(slug="samenwerking")
    sociaal = Theme.objects.get(slug="sociaal-domein")
    return {
        "interview": make_article(
            blog_index,
            InterviewPage,
            title="Het wijkteam komt naar je toe",
            intro="Een teamleider vertelt over huisbezoeken in de Wmo.",
            themes=[sociaal],
            body=[
                {
                    "type": "question_answer",
                    "value": {
                        "question": "Waarom op huisbezoek?",
                        "answer": "<p>Omdat de keukentafel de beste plek is voor een gesprek.</p>",
                    },
                }
            ],
        ),
        "practice": make_article(
            blog_index,
            BestPracticePage,
            title="Eén omgevingsloket",
            intro="Drie gemeenten bundelen hun vergunningverlening.",
            problem="<p>Te weinig mensen met kennis van de regels.</p>",
            approach="<p>Een intensieve samenwerking tussen drie gemeenten.</p>",
            themes=[samenwerking],
        ),
        "news": make_article(
            blog_index,
            NewsPage,
            title="Ledendag over samenwerking",
            intro="De ledendag gaat dit jaar over samenwerking tussen gemeenten.",
            themes=[samenwerking],
        ),
    }


def result_titles(response):
    return [item.page.title for item in response.context["search"].items]


def test_reader_finds_an_article_by_a_word_in_its_body(client, articles):
    response = client.get("/zoeken/", {"q": "keukentafel"})
    assert response.status_code == 200
    assert result_titles(response) == ["Het wijkteam komt naar je toe"]
    html = response.content.decode()
    assert "Interview" in html
    # The snippet shows the matching words, marked.
    assert "<mark>keukentafel</mark>" in html


def test_snippets_follow_a_republished_page_with_the_page_cache_on(client, articles, settings):
    """The text under a result is kept in the cache; publishing the page again refreshes it.
    The interview's questions and answers are part of that text (its own type's fields)."""
    settings.PAGE_CACHE_SECONDS = 600
    assert (
        "<mark>keukentafel</mark>" in client.get("/zoeken/", {"q": "keukentafel"}).content.decode()
    )

    interview = articles["interview"]
    interview.intro = "Over de keukentafel en het nieuwe spreekuur in het buurthuis."
    interview.save_revision().publish()
    html = client.get("/zoeken/", {"q": "keukentafel"}).content.decode()
    assert "nieuwe spreekuur" in html
    assert "beste plek" in html


def test_search_covers_all_content_types(client, articles):
    response = client.get("/zoeken/", {"q": "samenwerking"})
    assert set(result_titles(response)) == {"Eén omgevingsloket", "Ledendag over samenwerking"}
    standard = client.get("/zoeken/", {"q": "privacyverklaring"})
    assert "Privacyverklaring" in result_titles(standard)


def test_reader_narrows_results_by_type_and_theme(client, articles):
    by_type = client.get("/zoeken/", {"q": "samenwerking", "type": "praktijkvoorbeeld"})
    assert result_titles(by_type) == ["Eén omgevingsloket"]
    by_theme = client.get("/zoeken/", {"q": "gemeenten", "thema": "sociaal-domein"})
    assert result_titles(by_theme) == []
    by_theme = client.get("/zoeken/", {"q": "gemeenten", "thema": "samenwerking"})
    assert set(result_titles(by_theme)) == {"Eén omgevingsloket", "Ledendag over samenwerking"}
    pages = client.get("/zoeken/", {"q": "privacyverklaring", "type": "pagina"})
    assert "Privacyverklaring" in result_titles(pages)
    assert all(title != "Eén omgevingsloket" for title in result_titles(pages))


def test_search_results_are_paginated(client, blog_index):
    for number in range(13):
        make_article(blog_index, title=f"Regenwaterbeleid deel {number}")
    first = client.get("/zoeken/", {"q": "regenwaterbeleid"})
    assert first.context["result_count"] == 13
    assert len(result_titles(first)) == 10
    second = client.get("/zoeken/", {"q": "regenwaterbeleid", "page": 2})
    assert len(result_titles(second)) == 3
    assert not set(result_titles(first)) & set(result_titles(second))
    for beyond in (99, "twee", 0):  # past the end, not a number, zero: a page still answers
        response = client.get("/zoeken/", {"q": "regenwaterbeleid", "page": beyond})
        assert response.status_code == 200
        assert response.context["result_count"] == 13
    assert len(result_titles(client.get("/zoeken/", {"q": "regenwaterbeleid", "page": 99}))) == 3


def test_editors_promote_a_result_for_a_query(client, articles):
    query = Query.get("omgevingswet")
    SearchPromotion.objects.create(
        query=query, page=articles["practice"], description="Lees hoe drie gemeenten het doen."
    )
    html = client.get("/zoeken/", {"q": "Omgevingswet"}).content.decode()
    assert "Aanbevolen door de redactie" in html
    assert "Lees hoe drie gemeenten het doen." in html


def test_a_promotion_shows_at_once_with_the_page_cache_on(
    client, articles, settings, django_capture_on_commit_callbacks
):
    """Which searches have promotions is kept in the shared cache: adding or removing one
    purges it, and a search nobody promoted anything for asks the database nothing about it."""
    settings.PAGE_CACHE_SECONDS = 600
    client.get("/zoeken/", {"q": "omgevingswet"})  # keeps "no promotions"
    with CaptureQueriesContext(connection) as queries:
        client.get("/zoeken/", {"q": "omgevingswet"})
    assert not [q for q in queries if "searchpromotion" in q["sql"]]

    with django_capture_on_commit_callbacks(execute=True):
        promotion = SearchPromotion.objects.create(
            query=Query.get("omgevingswet"),
            page=articles["practice"],
            description="Zo doen zij het.",
        )
    assert "Zo doen zij het." in client.get("/zoeken/", {"q": "Omgevingswet"}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        promotion.delete()
    assert "Zo doen zij het." not in client.get("/zoeken/", {"q": "omgevingswet"}).content.decode()


def test_queries_without_results_are_counted_without_personal_data(client, articles):
    client.get("/zoeken/", {"q": "Parkeervergunning  Buitenland"})
    other_reader = Client(REMOTE_ADDR="192.0.2.20")
    other_reader.get("/zoeken/", {"q": "parkeervergunning buitenland"})
    client.get("/zoeken/", {"q": "jan.jansen@gemeente.example"})
    client.get("/zoeken/", {"q": "bsn 123456782"})
    client.get("/zoeken/", {"q": "0612345678"})
    client.get("/zoeken/", {"q": "1234 AB"})
    client.get("/zoeken/", {"q": "keukentafel"})  # found something: not logged
    logged = list(ZeroResultSearch.objects.values_list("query", "hits"))
    assert logged == [("parkeervergunning buitenland", 2)]


def test_editors_see_unfound_queries_in_the_admin(admin_client, articles):
    ZeroResultSearch.record("parkeervergunning buitenland")
    response = admin_client.get("/admin/snippets/blog/zeroresultsearch/")
    assert response.status_code == 200
    assert "parkeervergunning buitenland" in response.content.decode()


def test_search_page_without_query_explains_what_to_do(client, home_page):
    response = client.get("/zoeken/")
    assert response.status_code == 200
    assert "Typ een of meer woorden" in response.content.decode()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Dutch stemming is PostgreSQL's full-text search (SEARCH_CONFIG 'dutch'); "
    "SQLite's FTS5 backend does not stem Dutch words.",
)
def test_dutch_stemming_finds_the_singular_for_a_plural(client, articles):
    response = client.get("/zoeken/", {"q": "samenwerkingen"})
    assert set(result_titles(response)) == {"Eén omgevingsloket", "Ledendag over samenwerking"}
    assert "<mark>samenwerking</mark>" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL search backend only")
def test_postgres_backend_uses_the_dutch_configuration():
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    assert type(backend).__name__ == "PostgresSearchBackend"
    assert backend.config == "dutch"
