"""A scheduled article goes live by itself, dated the day it went live, and readers see it."""

import time
from datetime import timedelta

import pytest

from django.utils import timezone

from wagtail.models import PageLogEntry, Revision

from tests.blog.factories import make_article
from tests.concurrency import at_once
from vakgenoten.jobs import publish_scheduled
from vakgenoten.scheduler import run_job

pytestmark = pytest.mark.django_db


def draft_written_days_ago(index, days, **fields):
    """An article whose draft was begun ``days`` ago and never published."""
    begun = timezone.now() - timedelta(days=days)
    fields.setdefault("publication_date", timezone.localdate(begun))
    page = make_article(index, title="Nieuwe subsidieregeling", publish=False, **fields)
    Revision.objects.filter(object_id=str(page.pk)).update(created_at=begun)
    return page


def schedule(page, seconds=1, **changes):
    """What the editor does: make changes, choose a go-live moment and press Publish."""
    was_live = page.live
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.go_live_at = timezone.now() + timedelta(seconds=seconds)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live == was_live
    assert Revision.objects.filter(approved_go_live_at__isnull=False).exists()
    return page


def wait_until_due(seconds=1):
    time.sleep(seconds + 0.1)


def test_scheduled_article_goes_live_dated_the_day_it_went_live(blog_index):
    article = schedule(draft_written_days_ago(blog_index, 3))
    wait_until_due()

    before = timezone.now()
    assert run_job("publish_scheduled") == {"unpublished": 0, "published": 1}

    article.refresh_from_db()
    assert article.live
    assert before <= article.first_published_at <= timezone.now()
    assert article.publication_date == timezone.localdate()
    # The editor who opens it later sees (and keeps) that date too.
    latest = article.get_latest_revision()
    assert latest == article.live_revision
    assert latest.content["publication_date"] == timezone.localdate().isoformat()
    assert PageLogEntry.objects.filter(action="wagtail.publish.scheduled").count() == 1


def test_a_date_the_editor_chose_is_kept(blog_index):
    chosen = timezone.localdate() - timedelta(days=30)
    article = schedule(draft_written_days_ago(blog_index, 3, publication_date=chosen))
    wait_until_due()
    publish_scheduled()
    article.refresh_from_db()
    assert article.live and article.publication_date == chosen


def test_a_scheduled_change_to_a_live_article_keeps_its_date(blog_index):
    article = make_article(blog_index, publication_date=timezone.localdate() - timedelta(days=9))
    schedule(article, title="Bijgewerkt")
    wait_until_due()
    publish_scheduled()
    article.refresh_from_db()
    assert article.title == "Bijgewerkt"
    assert article.publication_date == timezone.localdate() - timedelta(days=9)


def test_readers_see_the_article_as_soon_as_it_goes_live(client, blog_index, settings):
    settings.PAGE_CACHE_SECONDS = 600
    article = schedule(draft_written_days_ago(blog_index, 1))
    listing = client.get("/kennisbank/")
    assert article.title not in listing.content.decode()
    assert client.get("/kennisbank/")["X-Page-Cache"] == "hit"
    assert client.get(article.url).status_code == 404
    wait_until_due()

    publish_scheduled()

    listing = client.get("/kennisbank/")
    assert listing["X-Page-Cache"] == "miss"
    assert article.title in listing.content.decode()
    page = client.get(article.url).content.decode()
    assert f'datetime="{timezone.localdate():%Y-%m-%d}"' in page


def test_expired_article_goes_offline(client, blog_index):
    article = make_article(blog_index)
    article.expire_at = timezone.now() + timedelta(seconds=1)
    article.save_revision().publish()
    wait_until_due()
    assert publish_scheduled() == {"unpublished": 1, "published": 0}
    article.refresh_from_db()
    assert not article.live and article.expired
    assert client.get(article.url).status_code == 404
    assert publish_scheduled() == {"unpublished": 0, "published": 0}


def test_running_twice_publishes_once(blog_index):
    schedule(draft_written_days_ago(blog_index, 2))
    wait_until_due()
    assert publish_scheduled()["published"] == 1
    assert publish_scheduled()["published"] == 0
    assert PageLogEntry.objects.filter(action="wagtail.publish.scheduled").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_publish_once(blog_index, tmp_path):
    article = schedule(draft_written_days_ago(blog_index, 2))
    wait_until_due()

    results = at_once([publish_scheduled, publish_scheduled, publish_scheduled], tmp_path)

    assert sorted(result["published"] for result in results) == [0, 0, 1]
    assert PageLogEntry.objects.filter(action="wagtail.publish.scheduled").count() == 1
    article.refresh_from_db()
    assert article.live and article.publication_date == timezone.localdate()


def test_a_broken_scheduled_revision_does_not_hold_up_the_others(blog_index, caplog):
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Page

    page_type = ContentType.objects.get_for_model(Page)
    Revision.objects.create(  # the revision of a page that no longer exists
        content_type=page_type,
        base_content_type=page_type,
        object_id="999999",
        content={},
        object_str="Verdwenen",
        approved_go_live_at=timezone.now() - timedelta(hours=1),
    )
    article = schedule(draft_written_days_ago(blog_index, 1))
    wait_until_due()

    assert publish_scheduled()["published"] == 1
    article.refresh_from_db()
    assert article.live
    assert "Scheduled publishing of revision" in caplog.text
