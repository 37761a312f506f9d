"""Every real read counts once ("Weergaven: 248"), even when many readers arrive at once,
and counting leaves the article HTML cacheable."""

import pytest

from django.test import Client

from blog.models import ArticleViewCount, NewsPage
from tests.blog.factories import make_article
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


@pytest.fixture
def article(blog_index):
    return make_article(blog_index, NewsPage, title="Nieuws")


def beacon(client, article, user_agent=BROWSER):
    return client.post(f"/weergave/{article.pk}/", HTTP_USER_AGENT=user_agent)


def test_article_page_counts_through_a_beacon_not_while_rendering(client, article):
    response = client.get(article.url, HTTP_USER_AGENT=BROWSER)
    html = response.content.decode()
    assert f'data-view-beacon="/weergave/{article.pk}/"' in html
    assert f'src="/weergave/{article.pk}/pixel.gif"' in html  # inside <noscript>
    assert "Weergaven: <span data-view-count>0</span>" in html
    # Rendering the page counted nothing and did not make the page private or uncacheable.
    assert not ArticleViewCount.objects.exists()
    cache_control = response.get("Cache-Control", "")
    assert "private" not in cache_control and "no-store" not in cache_control


def test_reader_view_is_counted_and_shown(client, article):
    response = beacon(client, article)
    assert response.json() == {"counted": True, "views": 1}
    assert "no-cache" in response["Cache-Control"]
    other_reader = Client(REMOTE_ADDR="192.0.2.20")
    assert beacon(other_reader, article).json()["views"] == 2
    html = client.get(article.url).content.decode()
    assert "Weergaven: <span data-view-count>2</span>" in html


def test_reader_without_javascript_is_counted_by_the_pixel(client, article):
    response = client.get(f"/weergave/{article.pk}/pixel.gif", HTTP_USER_AGENT=BROWSER)
    assert response["Content-Type"] == "image/gif"
    assert ArticleViewCount.objects.get(page=article).views == 1


@pytest.mark.parametrize(
    "user_agent", ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", ""]
)
def test_bots_are_not_counted(client, article, user_agent):
    assert beacon(client, article, user_agent).json() == {"counted": False, "views": None}
    assert not ArticleViewCount.objects.exists()


def test_prefetches_are_not_counted(client, article):
    client.post(f"/weergave/{article.pk}/", HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch")
    assert not ArticleViewCount.objects.exists()


def test_only_live_articles_can_be_counted(client, blog_index, home_page):
    draft = make_article(blog_index, publish=False)
    assert beacon(client, draft).status_code == 404
    assert client.post("/weergave/999999/", HTTP_USER_AGENT=BROWSER).status_code == 404
    assert beacon(client, home_page).status_code == 404  # not an article
    assert client.get(f"/weergave/{draft.pk}/").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_concurrent_readers_are_all_counted(article, tmp_path):
    readers = 24

    def reader(number):
        client = Client(REMOTE_ADDR=f"192.0.2.{number + 1}")
        return lambda: client.post(f"/weergave/{article.pk}/", HTTP_USER_AGENT=BROWSER)

    responses = at_once([reader(number) for number in range(readers)], tmp_path)
    assert [response.status_code for response in responses] == [200] * readers
    assert ArticleViewCount.objects.get(page=article).views == readers
