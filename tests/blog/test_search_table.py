"""The search table holds exactly the pages visitors may find, and search reads it.

On PostgreSQL site search ranks rows of ``blog.SearchEntry`` (one weighted vector per live,
public page) instead of joining Wagtail's index to the page table. These tests prove that the
table follows every change that decides what a visitor may find: publishing, drafts,
unpublishing, deleting, moving, view restrictions and renamed themes and authors.
"""

import pytest

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from blog import search_index
from blog.models import BlogIndexPage, NewsPage, SearchEntry
from taxonomy.models import Theme
from tests.blog.factories import make_article, make_author

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search table is PostgreSQL's"
)


def found(client, query, **params):
    response = client.get("/zoeken/", {"q": query, **params})
    assert response.status_code == 200
    return [item.page.title for item in response.context["search"].items]


def has_row(page):
    return SearchEntry.objects.filter(page_id=page.pk).exists()


@postgres_only
def test_search_reads_the_table_not_wagtails_index(client, blog_index):
    article = make_article(blog_index, title="Inkoopafspraken over jeugdzorg")

    assert SearchEntry.objects.get(page_id=article.pk).content_type_id == article.content_type_id
    with CaptureQueriesContext(connection) as queries:
        assert found(client, "inkoopafspraken") == ["Inkoopafspraken over jeugdzorg"]
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "blog_searchentry" in sql
    assert "wagtailsearch_indexentry" not in sql


@postgres_only
def test_a_draft_reaches_search_only_when_published(client, blog_index):
    article = make_article(blog_index, title="Spreekuur in het dorpshuis")
    article.title = "Spreekuur in de bibliotheek"
    article.save_revision()

    assert found(client, "bibliotheek") == []
    assert found(client, "dorpshuis") == ["Spreekuur in het dorpshuis"]

    article.get_latest_revision().publish()
    assert found(client, "bibliotheek") == ["Spreekuur in de bibliotheek"]
    assert found(client, "dorpshuis") == []


@postgres_only
def test_themes_added_in_a_new_revision_count_once_it_is_published(client, blog_index):
    article = make_article(blog_index, title="Huisbezoek door het wijkteam")
    article.themes = [Theme.objects.create(name="Mantelzorg", slug="mantelzorg")]
    article.save_revision().publish()

    assert found(client, "mantelzorg") == ["Huisbezoek door het wijkteam"]


@postgres_only
def test_unpublished_and_deleted_pages_leave_the_table(client, blog_index):
    withdrawn = make_article(blog_index, title="Parkeervergunning digitaal aanvragen")
    deleted = make_article(blog_index, title="Parkeervergunning voor bezoekers")
    never_published = make_article(
        blog_index, title="Parkeervergunning voor deelauto's", publish=False
    )

    withdrawn.unpublish()
    deleted.delete()

    assert not has_row(withdrawn)
    assert not SearchEntry.objects.filter(page_id=deleted.pk).exists()
    assert not has_row(never_published)
    assert found(client, "parkeervergunning") == []


@postgres_only
def test_a_private_section_leaves_search_with_every_page_below_it(client, blog_index):
    article = make_article(blog_index, title="Begrijpelijke taal in brieven")

    restriction = PageViewRestriction.objects.create(page=blog_index, restriction_type="login")
    assert not has_row(blog_index)
    assert not has_row(article)
    assert found(client, "brieven") == []

    restriction.delete()
    assert has_row(article)
    assert found(client, "brieven") == ["Begrijpelijke taal in brieven"]


@postgres_only
def test_opening_up_a_large_section_leaves_the_writing_to_the_task_worker(
    client, blog_index, monkeypatch
):
    from blog import tasks

    restriction = PageViewRestriction.objects.create(page=blog_index, restriction_type="login")
    make_article(blog_index, title="Omgevingstafel voor initiatiefnemers")
    make_article(blog_index, title="Omgevingstafel in kleine gemeenten")
    assert found(client, "omgevingstafel") == []
    monkeypatch.setattr(search_index, "BATCH_SIZE", 1)  # "large": more than one page
    enqueued = []
    task = tasks.write_search_entries

    class RecordingTask:
        def enqueue(self, ids):
            enqueued.append(ids)
            return task.enqueue(ids)  # the test settings' backend runs it at once

    monkeypatch.setattr(tasks, "write_search_entries", RecordingTask())

    restriction.delete()

    assert len(enqueued) == 1 and len(enqueued[0]) == 3  # the index page and two articles
    assert sorted(found(client, "omgevingstafel")) == [
        "Omgevingstafel in kleine gemeenten",
        "Omgevingstafel voor initiatiefnemers",
    ]


@postgres_only
def test_a_section_moved_under_a_private_page_leaves_search_with_its_pages(client, home_page):
    private = home_page.add_child(instance=BlogIndexPage(title="Intern", slug="intern"))
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    section = home_page.add_child(instance=BlogIndexPage(title="Archief", slug="archief"))
    section.save_revision().publish()
    article = make_article(section, title="Kwartaalrapportage voor de raad")

    section.move(private, pos="last-child")

    assert not has_row(section)
    assert not has_row(article)
    assert found(client, "kwartaalrapportage") == []


@postgres_only
def test_renamed_themes_and_authors_find_their_articles(client, blog_index):
    theme = Theme.objects.create(name="Loketten", slug="loketten")
    author = make_author("Ineke Modaal")
    make_article(blog_index, title="Eén loket", themes=[theme], authors=[author])

    assert found(client, "Modaal") == ["Eén loket"]

    theme.name = "Klantcontact"
    theme.save()
    author.name = "Ineke Veldhuis"
    author.save()

    assert found(client, "klantcontact") == ["Eén loket"]
    assert found(client, "Veldhuis") == ["Eén loket"]
    assert found(client, "Modaal") == []


@postgres_only
def test_a_word_in_the_title_ranks_above_the_same_word_in_the_text(client, blog_index):
    make_article(blog_index, title="Ondernemers vinden hun contactpersoon")
    make_article(
        blog_index,
        title="Nieuws uit de regio",
        intro="Ook ondernemers komen in dit bericht voor.",
    )

    assert found(client, "ondernemers") == [
        "Ondernemers vinden hun contactpersoon",
        "Nieuws uit de regio",
    ]


@postgres_only
def test_the_table_is_filled_after_migrate_and_by_the_rebuild_command(blog_index):
    article = make_article(blog_index, title="Common Ground in de praktijk")
    draft = make_article(blog_index, title="Nog niet klaar", publish=False)
    SearchEntry.objects.all().delete()

    search_index.fill_after_migrate(sender=None, app_config=apps.get_app_config("blog"))
    assert has_row(article) and has_row(blog_index)
    assert not has_row(draft)

    SearchEntry.objects.filter(page_id=article.pk).delete()
    call_command("rebuild_search_entries", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert has_row(article)
    assert not has_row(draft)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the demo database only")
def test_sqlite_searches_with_wagtails_backend_and_leaves_the_table_empty(client, blog_index):
    make_article(blog_index, NewsPage, title="Schuldhulp zonder wachtlijst")

    assert not search_index.enabled()
    assert not SearchEntry.objects.exists()
    assert found(client, "wachtlijst") == ["Schuldhulp zonder wachtlijst"]


@postgres_only
def test_search_hides_closed_network_pages_by_the_same_rule_as_every_list(client, blog_index):
    """Search asks the visibility rule the other way round (``blog.search.hidden_page_ids``,
    a hash of the few hidden ids instead of an EXISTS per match): it must hide exactly what
    ``members.visibility.visible`` hides, for a page in two closed networks too."""
    from django.contrib.auth.models import AnonymousUser

    from wagtail.models import Page

    from members.models import NetworkMembership
    from members.visibility import visible
    from tests.factories import NetworkFactory, UserFactory

    first = NetworkFactory(name="Kring Een", slug="kring-een", is_closed=True)
    second = NetworkFactory(name="Kring Twee", slug="kring-twee", is_closed=True)
    open_network = NetworkFactory(name="Kring Open", slug="kring-open")
    make_article(blog_index, title="Wijkbudget voor iedereen", networks=[open_network])
    make_article(blog_index, title="Wijkbudget in twee kringen", networks=[first, second])
    make_article(blog_index, title="Wijkbudget in kring een", networks=[first])
    insider_of_second, pending = UserFactory(), UserFactory()
    NetworkMembership.objects.create(
        user=insider_of_second, network=second, status=NetworkMembership.Status.APPROVED
    )
    NetworkMembership.objects.create(
        user=pending, network=first, status=NetworkMembership.Status.PENDING
    )

    expected = {}
    for name, user in (
        ("visitor", AnonymousUser()),
        ("insider", insider_of_second),
        ("pending", pending),
    ):
        if user.is_authenticated:
            client.force_login(user)
        else:
            client.logout()
        shown = visible(Page.objects.filter(title__startswith="Wijkbudget"), user)
        expected[name] = sorted(shown.values_list("title", flat=True))
        assert sorted(found(client, "wijkbudget")) == expected[name]
    assert expected["visitor"] == expected["pending"] == ["Wijkbudget voor iedereen"]
    assert expected["insider"] == ["Wijkbudget in twee kringen", "Wijkbudget voor iedereen"]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_planner_settings_hold_for_the_search_statement_alone():
    """``SET LOCAL`` travels with the search statement, in one round trip: it must apply to
    that statement and end with it, on a connection in autocommit as a request has it."""
    from django.contrib.postgres.search import SearchQuery

    from blog.search import INDEX_FRIENDLY_PLANNER, ranked_rows

    assert connection.get_autocommit()
    with connection.cursor() as cursor:
        cursor.execute(INDEX_FRIENDLY_PLANNER + "SELECT current_setting('random_page_cost')")
        assert cursor.fetchone() == ("1.1",)
        query = SearchQuery("wijkbudget", search_type="plain", config=search_index.search_config())
        with CaptureQueriesContext(connection) as queries:
            assert ranked_rows(SearchEntry.objects.all(), query, 0) == (0, [])
        assert len(queries) == 1  # no BEGIN, SET or COMMIT of its own
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("4",)
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() != ("0",)


@postgres_only
def test_a_row_keeps_the_text_its_snippet_is_cut_from(client, blog_index):
    """The snippet's text comes with the ten rows of the ranked statement, so a results page
    loads no page's own type and walks no blocks; a row without it (written before the
    column came) gets its snippet from the page, as before."""
    from blog.search_index import page_text

    article = make_article(
        blog_index,
        NewsPage,
        title="Wijkbudget in Oosterhout",
        intro="Bewoners   beslissen\nzelf over het wijkbudget.",
    )
    row = SearchEntry.objects.get(page_id=article.pk)
    assert row.text == " ".join(page_text(article).split())
    assert row.text.startswith("Bewoners beslissen zelf over het wijkbudget.")

    SearchEntry.objects.filter(pk=row.pk).update(text="Alleen de rij noemt dit wijkbudget.")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/zoeken/", {"q": "wijkbudget"}).content.decode()
    assert "Alleen de rij noemt dit <mark>wijkbudget</mark>." in html
    assert not any("blog_newspage" in query["sql"] for query in queries.captured_queries)

    SearchEntry.objects.filter(pk=row.pk).update(text=None)
    html = client.get("/zoeken/", {"q": "wijkbudget"}).content.decode()
    assert "Bewoners beslissen zelf over het <mark>wijkbudget</mark>." in html
