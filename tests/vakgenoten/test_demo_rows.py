"""The ``home_page`` fixture writes the demo site layer's rows from a note of one load
(tests/demo_rows.py): what a test gets must be what ``vakgenoten.demo.load()`` makes."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from vakgenoten import demo
from vakgenoten.models import HomePage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def test_the_written_layer_is_complete_for_the_loader_itself(home_page):
    """Loading the demo again on top of the written rows finds everything in place: it writes
    nothing and returns the same home page."""
    with CaptureQueriesContext(connection) as context:
        again = demo.load()
    writes = [
        query["sql"]
        for query in context.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert again.pk == home_page.pk


def test_the_written_layer_is_the_site_a_test_expects(home_page, client):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home_page.pk
    assert isinstance(home_page, HomePage)
    assert home_page.live
    assert home_page.get_latest_revision() is not None
    written = set(StandardPage.objects.child_of(home_page).live().values_list("pk", flat=True))
    assert len(written) == 4
    assert SiteSettings.for_site(site).privacy_page_id in written
    assert client.get("/").status_code == 200
    # New rows get new ids: the sequences were moved past the written ones.
    extra = home_page.add_child(instance=StandardPage(title="Nog een pagina", slug="nog-een"))
    assert extra.pk > max(written)
