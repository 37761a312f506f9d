"""The ``home_page`` fixture writes the demo site layer's rows from a note of one load
(tests/demo_rows.py): what a test gets must be what ``vakgenoten.demo.load()`` makes. The
same holds for the other demo loads noted that way (the taxonomy, the whole demo)."""

from dataclasses import dataclass

import pytest

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from taxonomy.models import Theme
from tests.demo_rows import NotedLoad
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


@dataclass
class Made:
    theme: object
    label: str


class CountedLoad:
    """A load that makes one theme, and counts how often it really ran."""

    def __init__(self):
        self.runs = 0

    def __call__(self):
        self.runs += 1
        return Made(Theme.objects.create(name="Inkoop", slug="inkoop"), "gemaakt")


def in_three_tests(noted, load):
    """What ``noted(load)`` gives in three tests one after the other (each rolled back)."""
    results = []
    for _ in range(3):
        with transaction.atomic():
            made = noted(load)
            assert Theme.objects.filter(slug="inkoop").count() == 1
            results.append(made)
            transaction.set_rollback(True)
    return results


def test_a_load_runs_once_and_its_rows_are_written_for_each_test_after():
    load = CountedLoad()
    results = in_three_tests(NotedLoad(saves_files=False), load)
    assert load.runs == 1
    # What the load returned, fetched again: the same row under the same id, and plain values.
    assert len({made.theme.pk for made in results}) == 1
    assert all(made.theme.name == "Inkoop" and made.label == "gemaakt" for made in results)


def test_a_load_that_saves_files_runs_itself_under_another_media_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # its files would not be where the note's rows point
    load = CountedLoad()
    in_three_tests(NotedLoad(saves_files=True), load)
    assert load.runs == 3


def test_a_load_is_noted_again_when_a_test_starts_from_other_rows():
    load = CountedLoad()
    noted = NotedLoad(saves_files=False)
    in_three_tests(noted, load)
    Theme.objects.create(name="Wonen", slug="wonen")  # this test's own row, before the load
    noted(load)
    assert load.runs == 2
    assert set(Theme.objects.values_list("slug", flat=True)) == {"wonen", "inkoop"}
