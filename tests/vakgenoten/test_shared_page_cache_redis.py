"""Every worker serves from one page cache (Redis): a change made through one worker reaches
the others at once.

Two cache connections stand for two gunicorn workers: "worker A" serves anonymous readers,
"worker B" is where the editor, the writer or the moderator acts. Both talk to a real Redis
server (``redis_url``, a private one); nothing of the page cache lives in a worker's memory.
The last test runs the same scene on per-process caches and sees the stale page the problem
report found, so the scenes here can tell the difference.
"""

import threading

import pytest

from django.core.cache import caches
from django.test import override_settings

from wagtail.models import PageViewRestriction

from blog.models import BlogPostPage
from comments.actions import delete_comment
from tests.blog.factories import make_article
from tests.comments.factories import make_comment
from tests.factories import BlogIndexPageFactory
from tests.settings_process import run_python
from vakgenoten.cache import _bump, purge_all

pytestmark = pytest.mark.django_db


def redis_cache(url):
    return {
        "BACKEND": "vakgenoten.cache_backends.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "vakgenoten",
    }


@pytest.fixture
def two_workers(settings, redis_url):
    """Worker B is the site's page cache ("pages"); worker A has a connection of its own."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": redis_cache(redis_url),
        "worker_a": redis_cache(redis_url),
    }
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    assert caches["worker_a"]._cache.get_client() is not caches["pages"]._cache.get_client()
    yield
    caches["pages"].clear()


@pytest.fixture
def article(home_page):
    index = BlogIndexPageFactory(parent=home_page)
    return make_article(index, model=BlogPostPage, title="Samen inkopen met de buurgemeenten")


def as_worker_a(client, url):
    """A request served by worker A: its page cache is A's own connection."""
    with override_settings(PAGE_CACHE_ALIAS="worker_a"):
        return client.get(url)


def cached_by_worker_a(client, url):
    as_worker_a(client, url)
    response = as_worker_a(client, url)
    assert response["X-Page-Cache"] == "hit"
    return response


def test_a_publish_through_one_worker_shows_on_the_other_at_once(client, two_workers, article):
    cached_by_worker_a(client, article.url)
    article.title = "Samen inkopen: de tweede ronde"
    article.save_revision().publish()

    response = as_worker_a(client, article.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Samen inkopen: de tweede ronde" in response.content.decode()


def test_an_unpublished_article_is_gone_from_every_worker(client, two_workers, article):
    cached_by_worker_a(client, article.url)
    article.unpublish()
    assert as_worker_a(client, article.url).status_code == 404


def test_an_article_made_members_only_leaves_every_worker(client, two_workers, article):
    """The problem report: 15 of 20 anonymous requests still got the whole article."""
    intro = article.intro
    assert intro in cached_by_worker_a(client, article.url).content.decode()
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    for _request in range(20):
        response = as_worker_a(client, article.url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
        assert intro not in response.content.decode()


def test_a_deleted_article_is_gone_from_every_worker(client, two_workers, article):
    url = article.url
    cached_by_worker_a(client, url)
    article.delete()
    assert as_worker_a(client, url).status_code == 404


def test_a_renamed_article_leaves_its_old_address_on_every_worker(client, two_workers, article):
    old_url = article.url
    cached_by_worker_a(client, old_url)
    article.slug = "samen-inkopen-met-de-regio"
    article.save_revision().publish()

    assert as_worker_a(client, old_url).status_code == 404
    assert as_worker_a(client, "/kennisbank/samen-inkopen-met-de-regio/").status_code == 200


def test_a_comment_its_writer_deleted_is_gone_from_every_worker(
    client,
    two_workers,
    article,
    member,
    django_capture_on_commit_callbacks,
):
    """The problem report: a deleted comment still showed in 7 of 20 requests."""
    comment = make_comment(article, member, "Dit trek ik liever weer in")
    assert "Dit trek ik liever weer in" in cached_by_worker_a(client, article.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        delete_comment(comment, member)

    for _request in range(20):
        assert "Dit trek ik liever weer in" not in as_worker_a(client, article.url).content.decode()


def test_a_purge_from_another_process_reaches_the_serving_worker(
    client, two_workers, article, redis_url
):
    """A worker of its own operating-system process (as gunicorn's are) purges everything."""
    cached_by_worker_a(client, article.url)
    script = (
        "from django.conf import settings;"
        f"settings.configure(CACHES={{'pages': {redis_cache(redis_url)!r}}},"
        " PAGE_CACHE_ALIAS='pages');"
        "from vakgenoten.cache import purge_all; purge_all()"
    )
    result = run_python("-c", script)
    assert result.returncode == 0, result.stderr
    assert as_worker_a(client, article.url)["X-Page-Cache"] == "miss"


def test_workers_purging_at_the_same_moment_lose_no_purge(two_workers):
    """Each thread has its own connection (Django's caches are per thread), like workers."""
    workers = 12
    barrier = threading.Barrier(workers)
    errors = []

    def purge():
        try:
            barrier.wait(timeout=30)
            _bump(caches["pages"], "pagecache:gen:race")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=purge) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert caches["pages"].get("pagecache:gen:race") == workers


def test_per_process_caches_would_keep_the_restricted_article(client, settings, article):
    """The same scene with each worker's own memory: the purge misses worker A. Production
    refuses this setup (settings.production) unless SINGLE_PROCESS says one process serves."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "b"},
        "worker_a": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "a"},
    }
    settings.PAGE_CACHE_SECONDS = 600
    cached_by_worker_a(client, article.url)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    purge_all()  # what the restriction's signal did, in worker B

    stale = as_worker_a(client, article.url)
    assert stale.status_code == 200
    assert stale["X-Page-Cache"] == "hit"
