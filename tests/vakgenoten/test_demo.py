"""The demo loader builds a believable site and changes nothing when run again."""

import pytest

from django.core.management import call_command

from wagtail.models import Page, PageLogEntry, Revision, Site

from vakgenoten.models import HomePage, SiteSettings

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
        "settings": list(SiteSettings.objects.values()),
    }


def test_load_demo_builds_the_site():
    call_command("load_demo")
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert Page.objects.filter(title="Welcome to your new Wagtail site!").count() == 0
    settings = SiteSettings.for_site(site)
    assert settings.privacy_page.slug == "privacyverklaring"


def test_load_demo_twice_changes_nothing():
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
