"""Every list shows one page at a time, however many items there are."""

import re

import pytest

from bench import data as bench_data
from blog.models.pages import LISTING_PAGE_SIZE
from blog.search import SEARCH_PAGE_SIZE
from comments.threads import THREADS_PER_PAGE
from events.models import EVENTS_PER_PAGE
from members.views.common import MEMBERS_PER_PAGE

pytestmark = pytest.mark.django_db


def count_links(html, prefix):
    """Distinct links into ``prefix`` (cards link their title and sometimes their image)."""
    return len(set(re.findall(rf'href="({re.escape(prefix)}[^"?#]+/)"', html)))


def test_knowledge_base_shows_one_page_of_articles(client, blog_index, text):
    bench_data.create_articles(blog_index, LISTING_PAGE_SIZE * 3 + 1, text, with_body=False)
    html = client.get(blog_index.url).content.decode()
    assert count_links(html, blog_index.url) <= LISTING_PAGE_SIZE + 2  # cards + feeds
    assert "page=2" in html
    last = client.get(blog_index.url, {"page": 4}).content.decode()
    assert "page=3" in last


def test_agenda_shows_one_page_of_events(client, agenda, text):
    bench_data.create_events(agenda, EVENTS_PER_PAGE * 2 + 1, text)
    html = client.get(agenda.url).content.decode()
    assert count_links(html, agenda.url) <= EVENTS_PER_PAGE
    assert "page=2" in html


def test_directory_shows_one_page_of_members(client, site_tree, text):
    people = bench_data.create_members(MEMBERS_PER_PAGE * 2 + 1, text, prefix="dir")
    client.force_login(people[0])
    html = client.get("/leden/").content.decode()
    assert len(set(re.findall(r'href="/leden/(\d+)/"', html))) <= MEMBERS_PER_PAGE
    assert "page=2" in html


def test_conversation_shows_one_page_of_threads(client, blog_index, members, text):
    article = bench_data.create_articles(blog_index, 1, text)[0]
    bench_data.create_comments([article], THREADS_PER_PAGE * 3, members, text)
    html = client.get(article.url).content.decode()
    shown = set(re.findall(r'id="reactie-(\d+)"', html))
    assert 0 < len(shown) <= THREADS_PER_PAGE * 2  # threads of one page with their replies
    assert "reacties=2" in html


def test_search_shows_one_page_of_results(client, blog_index, text):
    articles = bench_data.create_articles(blog_index, SEARCH_PAGE_SIZE * 3, text)
    for model in {type(article) for article in articles}:
        bench_data.index_pages(model, [a.pk for a in articles if type(a) is model])
    response = client.get("/zoeken/", {"q": "gemeente"})
    assert response.context["result_count"] > SEARCH_PAGE_SIZE
    assert len(response.context["results"].object_list) == SEARCH_PAGE_SIZE
