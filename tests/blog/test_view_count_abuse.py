"""The view counter counts readers, not requests: one visitor moves an article's count by one
an hour however many beacons or pixels they send, even all at once.

The probe moved an article from 41 to 90 views with 50 anonymous POSTs.
"""

import time

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


def beacon(client, article, **headers):
    return client.post(f"/weergave/{article.pk}/", HTTP_USER_AGENT=BROWSER, **headers)


def views(article):
    return ArticleViewCount.objects.get(page=article).views


def test_visitor_sending_fifty_beacons_moves_the_count_by_one(client, article):
    responses = [beacon(client, article) for _ in range(50)]
    assert responses[0].json() == {"counted": True, "views": 1}
    assert {response.status_code for response in responses} == {200}
    assert all(response.json()["counted"] is False for response in responses[1:])
    assert views(article) == 1


def test_pixel_after_beacon_does_not_count_the_same_visitor_again(client, article):
    beacon(client, article)
    client.get(f"/weergave/{article.pk}/pixel.gif", HTTP_USER_AGENT=BROWSER)
    client.get(f"/weergave/{article.pk}/pixel.gif", HTTP_USER_AGENT=BROWSER)
    assert views(article) == 1


def test_made_up_forwarded_addresses_do_not_make_new_visitors(client, article):
    for number in range(10):
        beacon(client, article, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    assert views(article) == 1


def test_distinct_visitors_and_distinct_articles_still_count(client, blog_index, article):
    other = make_article(blog_index, NewsPage, title="Ander nieuws")
    for number in range(3):
        beacon(Client(REMOTE_ADDR=f"192.0.2.{number + 1}"), article)
    beacon(Client(REMOTE_ADDR="192.0.2.1"), other)
    assert views(article) == 3
    assert views(other) == 1


def test_visitor_counts_again_once_the_period_is_over(client, article, settings):
    settings.SITE_RATE_LIMITS = {**settings.SITE_RATE_LIMITS, "article_view": (1, 1)}
    beacon(client, article)
    beacon(client, article)
    time.sleep(1.1)
    beacon(client, article)
    assert views(article) == 2


@pytest.mark.django_db(transaction=True)
def test_burst_of_simultaneous_beacons_from_one_visitor_counts_once(article, tmp_path):
    clients = [Client(REMOTE_ADDR="198.51.100.7") for _ in range(20)]
    responses = at_once(
        [lambda client=client: beacon(client, article) for client in clients], tmp_path
    )
    assert [response.json()["counted"] for response in responses].count(True) == 1
    assert views(article) == 1
