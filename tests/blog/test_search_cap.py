"""A search for a common word ranks a bounded number of matches and says "meer dan N".

On PostgreSQL ``blog.search.ranked_rows`` ranks at most ``SEARCH_RESULT_CAP`` matches (plus
those with the words in their title or keywords), so a search costs the same however many
articles hold the word. Here the cap is made small so that a few articles pass it.
"""

import pytest

from django.db import connection

from blog import search
from tests.blog.factories import make_article

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the search table is PostgreSQL's"
    ),
]

CAP = 12


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(search, "SEARCH_RESULT_CAP", CAP)


def titles(response):
    return [item.page.title for item in response.context["search"].items]


def test_reader_sees_more_than_n_results_when_a_word_passes_the_cap(client, blog_index, small_cap):
    for number in range(CAP + 3):
        make_article(blog_index, title=f"Regenwaterbeleid deel {number}")

    response = client.get("/zoeken/", {"q": "regenwaterbeleid"})

    assert response.status_code == 200
    assert response.context["search"].result_capped
    assert response.context["result_count"] == CAP
    assert f"Meer dan {CAP} resultaten voor" in response.content.decode()
    assert len(titles(response)) == 10


def test_a_count_at_the_cap_is_exact(client, blog_index, small_cap):
    for number in range(CAP):
        make_article(blog_index, title=f"Regenwaterbeleid deel {number}")

    response = client.get("/zoeken/", {"q": "regenwaterbeleid"})

    assert not response.context["search"].result_capped
    assert f"{CAP} resultaten voor" in response.content.decode()
    assert "Meer dan" not in response.content.decode()


def test_pages_reach_the_cap_and_a_page_past_it_shows_the_last(client, blog_index, small_cap):
    for number in range(CAP + 3):
        make_article(blog_index, title=f"Regenwaterbeleid deel {number}")

    first = client.get("/zoeken/", {"q": "regenwaterbeleid"})
    second = client.get("/zoeken/", {"q": "regenwaterbeleid", "page": 2})

    assert len(titles(second)) == CAP - 10
    assert not set(titles(first)) & set(titles(second))
    assert not second.context["results"].has_next()
    assert "Alleen de eerste" in second.content.decode()
    for beyond in (3, 99, 10**30, "twee", 0, -1):
        response = client.get("/zoeken/", {"q": "regenwaterbeleid", "page": beyond})
        assert response.status_code == 200
        assert response.context["search"].result_capped
    assert titles(client.get("/zoeken/", {"q": "regenwaterbeleid", "page": 3})) == titles(second)


def test_a_title_match_comes_first_even_behind_many_text_matches(client, blog_index, small_cap):
    # Written first, so the index hands these over before the title match.
    for number in range(CAP + 5):
        make_article(
            blog_index, title=f"Bericht {number}", intro="Ook de omgevingstafel komt voorbij."
        )
    make_article(blog_index, title="De omgevingstafel in de praktijk")

    response = client.get("/zoeken/", {"q": "omgevingstafel"})

    assert response.context["search"].result_capped
    assert titles(response)[0] == "De omgevingstafel in de praktijk"


def test_odd_page_numbers_on_a_capped_search_answer(client, blog_index, small_cap):
    for number in range(CAP + 3):
        make_article(blog_index, title=f"Regenwaterbeleid deel {number}")

    for page in ("1e9", "9" * 400, "2'--", str(2**63)):
        response = client.get("/zoeken/", {"q": "regenwaterbeleid", "page": page})
        assert response.status_code == 200
