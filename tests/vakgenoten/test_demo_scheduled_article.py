"""The demo shows scheduled publishing: one article goes live by itself two minutes later."""

from datetime import timedelta

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Revision

from blog.models import NewsPage
from vakgenoten.jobs import publish_scheduled

pytestmark = pytest.mark.django_db


def test_demo_schedules_an_article_two_minutes_ahead(db):
    call_command("load_demo")
    article = NewsPage.objects.get(slug="artikelen-inplannen")
    assert not article.live
    revision = Revision.objects.get(object_id=str(article.pk), approved_go_live_at__isnull=False)
    seconds_ahead = (revision.approved_go_live_at - timezone.now()).total_seconds()
    assert 60 < seconds_ahead <= 120
    assert revision.content["title"] == article.title
    publish_scheduled()
    article.refresh_from_db()
    assert not article.live  # not before its moment

    # Two minutes later (moved back here) the scheduler's job publishes it.
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - timedelta(seconds=1)
    )
    revision.content["go_live_at"] = (timezone.now() - timedelta(seconds=1)).isoformat()
    Revision.objects.filter(pk=revision.pk).update(content=revision.content)
    assert publish_scheduled()["published"] == 1
    article.refresh_from_db()
    assert article.live and article.publication_date == timezone.localdate()
    assert timezone.now() - article.first_published_at < timedelta(minutes=1)
