"""The site search finds organisations and collaborations beside the pages."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.collaborations import CollaborationFactory
from tests.factories.members import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_search_finds_organisations_and_collaborations_by_name_description_or_tasks(
    client, home_page
):
    OrganisationFactory(name="Gemeente Hunzedal", slug="gemeente-hunzedal")
    OrganisationFactory(
        name="Belastingkantoor Noord", slug="belastingkantoor-noord", description="Hunzedal e.o."
    )
    OrganisationFactory(name="Gemeente Elders", slug="gemeente-elders")
    CollaborationFactory(name="Samenwerking Hunzedal")
    CollaborationFactory(name="Belastingen Drenthe", tasks="WOZ voor het Hunzedal")
    CollaborationFactory(name="Jeugdhulp Elders")

    html = client.get("/zoeken/?q=hunzedal").content.decode()

    organisations = html[html.index('id="search-organisations-title"') :]
    organisations = organisations[: organisations.index("</section>")]
    assert ">Gemeente Hunzedal</a>" in organisations
    assert ">Belastingkantoor Noord</a>" in organisations
    assert "Elders" not in organisations
    assert 'href="/organisaties/?q=hunzedal"' in organisations
    collaborations = html[html.index('id="search-collaborations-title"') :]
    collaborations = collaborations[: collaborations.index("</section>")]
    assert ">Samenwerking Hunzedal</a>" in collaborations
    assert ">Belastingen Drenthe</a>" in collaborations
    assert "Elders" not in collaborations
    assert 'href="/samenwerkingen/?q=hunzedal"' in collaborations
    # No page mentions it: the empty state points at the blocks above instead.
    assert "wel de organisaties of samenwerkingsverbanden hierboven" in html


def test_search_shows_five_of_each_and_the_same_queries_for_many(client, home_page):
    def count():
        client.get("/zoeken/?q=noord")
        with CaptureQueriesContext(connection) as context:
            html = client.get("/zoeken/?q=noord").content.decode()
        return len(context.captured_queries), html

    OrganisationFactory(name="Gemeente Noord 1", slug="noord-1")
    CollaborationFactory(name="Noord 1")
    small, _html = count()
    for number in range(2, 12):
        OrganisationFactory(name=f"Gemeente Noord {number}", slug=f"noord-{number}")
        CollaborationFactory(name=f"Noord {number}")
    large, html = count()

    assert large == small
    organisations = html[html.index('id="search-organisations-title"') :]
    assert organisations[: organisations.index("</section>")].count("<li") == 5


def test_search_without_matches_in_the_registers_shows_no_blocks(client, home_page):
    OrganisationFactory(name="Gemeente Lindenholt", slug="lindenholt")
    html = client.get("/zoeken/?q=xylofoon").content.decode()
    assert "search-organisations-title" not in html
    assert "search-collaborations-title" not in html


def test_collaboration_list_search_keeps_the_words(client, home_page):
    CollaborationFactory(name="Samenwerking Hunzedal")
    html = client.get("/samenwerkingen/?q=Hunzedal").content.decode()
    assert 'name="q" type="search" value="Hunzedal"' in html
    assert ">Samenwerking Hunzedal</a>" in html


def test_kept_register_matches_follow_new_and_renamed_entries(
    client, home_page, settings, django_capture_on_commit_callbacks
):
    """With the page cache on, the blocks are kept per search; an organisation or a
    collaboration saved or deleted shows at the next search."""
    settings.PAGE_CACHE_SECONDS = 600
    with django_capture_on_commit_callbacks(execute=True):
        collaboration = CollaborationFactory(name="Samenwerking Veenhoop")
    assert ">Samenwerking Veenhoop</a>" in client.get("/zoeken/?q=veenhoop").content.decode()
    with CaptureQueriesContext(connection) as context:
        client.get("/zoeken/?q=veenhoop")
    assert not [q for q in context.captured_queries if "collaborations_collaboration" in q["sql"]]

    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory(name="Gemeente Veenhoop", slug="gemeente-veenhoop")
        collaboration.name = "Regio Veenhoop"
        collaboration.save()
    html = client.get("/zoeken/?q=veenhoop").content.decode()
    assert ">Gemeente Veenhoop</a>" in html
    assert ">Regio Veenhoop</a>" in html

    with django_capture_on_commit_callbacks(execute=True):
        collaboration.delete()
    assert "Regio Veenhoop" not in client.get("/zoeken/?q=veenhoop").content.decode()
