"""When the shared cache server goes away, visitors still get every page, from the database.

A real Redis of the test's own is stopped mid-test (nothing stands in for it). Reading and
storing pages and page parts then go without the cache; a purge still fails loudly, so no change
is reported as done that the cache never heard of. Members stay signed in: their sessions
are read from the database alone meanwhile (`ShortcutRedisCache`).
"""

from html import unescape

import pytest
from redis.exceptions import RedisError

from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client

from wagtail.models import Site

from blog.models import BlogPostPage
from comments.models import Comment, CommentSettings
from tests.blog.factories import make_article, make_image
from tests.factories import BlogIndexPageFactory
from tests.redis_server import start_redis, stop_redis
from vakgenoten.cache import cached_part, purge_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def lost_redis(settings):
    """The site's page cache, Wagtail's rendition cache and the sessions' cache on a private
    Redis, as production has them with REDIS_URL; ``stop()`` takes the server away."""
    process, url = start_redis()
    original = settings.CACHES
    try:
        pages = {
            "BACKEND": "vakgenoten.cache_backends.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "vakgenoten",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        shortcut = {**pages, "BACKEND": "vakgenoten.cache_backends.ShortcutRedisCache"}
        settings.CACHES = {
            **original,
            "pages": pages,
            "renditions": {**shortcut, "KEY_PREFIX": "vakgenoten-renditions"},
            "sessions": shortcut,
        }
        settings.PAGE_CACHE_SECONDS = 600
        yield lambda: stop_redis(process)
    finally:
        stop_redis(process)
        settings.CACHES = original  # the suite empties every cache afterwards: not this one


@pytest.fixture
def article(home_page):
    index = BlogIndexPageFactory(parent=home_page)
    return make_article(index, model=BlogPostPage, title="Grondstoffen terugwinnen in de regio")


def test_pages_are_served_without_the_cache_when_redis_is_gone(client, lost_redis, article):
    client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"

    lost_redis()
    for url in (article.url, article.get_parent().url, "/", "/healthz"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response
    assert "Grondstoffen terugwinnen in de regio" in client.get(article.url).content.decode()


def test_pictures_are_shown_when_redis_is_gone(client, lost_redis, home_page):
    """Wagtail looks a picture's sizes up in its rendition cache first, and does not expect
    that cache to fail; the database still knows them."""
    index = BlogIndexPageFactory(parent=home_page)
    article = make_article(
        index, title="Met een foto", hero_image=make_image(), hero_image_alt="Een foto"
    )
    assert client.get(article.url).status_code == 200
    lost_redis()
    for url in (article.url, index.url, "/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "article-hero__image" in client.get(article.url).content.decode()


def test_members_are_served_without_the_cache_when_redis_is_gone(
    client, lost_redis, article, member
):
    """Sessions as settings make them (in the database without REDIS_URL at start); the
    editing bar's answer is asked afresh."""
    client.force_login(member)
    client.get(article.url)
    lost_redis()
    for url in (article.url, "/"):
        assert client.get(url).status_code == 200, url


@pytest.fixture
def sessions_in_redis(settings, lost_redis):
    """Sessions as production keeps them with REDIS_URL set: the database, read through Redis."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SESSION_CACHE_ALIAS = "sessions"
    return lost_redis


def test_members_with_sessions_in_redis_stay_signed_in_when_it_is_gone(
    client, sessions_in_redis, article, member
):
    client.force_login(member)
    assert client.get(article.url).wsgi_request.user == member
    assert caches["pages"].get(f"{KEY_PREFIX}{client.session.session_key}")  # kept in Redis
    sessions_in_redis()
    for url in (article.url, "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.wsgi_request.user == member, url


def test_members_sign_in_and_out_while_redis_is_gone(
    client, sessions_in_redis, member, django_capture_on_commit_callbacks
):
    """Through the sign-in form, with what runs after each commit run too (purges included):
    a sign-in saves the member's ``last_login``, which no kept page shows."""
    sessions_in_redis()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/login/", {"login": member.email, "password": "geheim-wachtwoord-123"}
        )
    assert response.status_code == 302
    key = client.session.session_key  # new, checked against the cache and the database
    assert Session.objects.filter(session_key=key).exists()
    assert client.get("/").wsgi_request.user == member
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/logout/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert not client.get("/").wsgi_request.user.is_authenticated


@pytest.mark.django_db(transaction=True)  # real commits: the purge runs in the request
def test_a_comment_posted_while_redis_is_gone_is_kept_and_the_member_told_so(
    sessions_in_redis, article, member
):
    """Its purge cannot reach Redis. The member is told that the comment is kept and may take
    minutes to show everywhere, not asked to try again (which would post it twice)."""
    comment_settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    comment_settings.hold_first_comments = 0  # published at once: the page is purged
    comment_settings.save()
    client = Client(raise_request_exception=False)
    client.force_login(member)
    sessions_in_redis()
    response = client.post(
        f"/reacties/pagina/{article.pk}/", {"body": "Wij doen dit al twee jaar.", "post": "1"}
    )
    html = unescape(response.content.decode())
    assert response.status_code == 503
    assert "is opgeslagen" in html and "Stuur het niet nog een keer" in html
    assert "tot 10 minuten" in html  # PAGE_CACHE_SECONDS: how long an older page may stay
    assert f'href="{article.url}' in html  # on to where the form would have gone
    assert Comment.objects.get(page_id=article.pk).body == "Wij doen dit al twee jaar."


def test_page_parts_are_made_afresh_when_redis_is_gone(lost_redis):
    assert cached_part("footer", lambda: "eerste") == "eerste"
    assert cached_part("footer", lambda: "tweede") == "eerste"  # kept in Redis
    lost_redis()
    assert cached_part("footer", lambda: "derde") == "derde"


def test_a_purge_fails_loudly_when_redis_is_gone(lost_redis):
    lost_redis()
    with pytest.raises(RedisError):
        purge_all()
    assert caches["pages"]  # the alias itself stays usable once Redis is back
