"""Every query behind a listing or a "latest" block can be served by an index (issue 24).

Each listing page is rendered once with empty caches, as a visitor and as a member (the
closed-network rule adds subqueries for both), and each SELECT it ran is explained with
sequential scans switched off. A sequential scan of a large table then means no index can
serve the statement: at 100,000 rows it would read them all. The digest's selection, which is
no page, is checked the same way. ``bench/explain.py`` runs the same pages over a seeded
database with EXPLAIN ANALYZE.

PostgreSQL only: SQLite's planner and plans are another matter.
"""

import pytest

from django.db import connection

from bench import data as bench_data
from bench import explain
from members.follows import follow
from members.inbox import notify
from members.models import Network, NetworkMembership, Profile
from questions.models import QuestionIndexPage, QuestionPage
from taxonomy.models import Theme
from vakgenoten.models import HomePage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="EXPLAIN plans are PostgreSQL's; run with DATABASE_URL=postgres://…",
    ),
]


@pytest.fixture
def site(home_page, editor):
    """A few hundred rows of every kind: enough that an index is worth the planner's while."""
    text = bench_data.Text(seed=24)
    _home, blog_index, agenda = bench_data.ensure_site()
    members = bench_data.create_members(60, text, prefix="scale")
    articles = bench_data.create_articles(blog_index, 300, text, with_body=False)
    bench_data.create_comments(articles[:100], 10, members, text)
    events = bench_data.create_events(agenda, 120, text)
    bench_data.create_registrations(events[:20], members, 3)
    questions = QuestionIndexPage.objects.first() or HomePage.objects.first().add_child(
        instance=QuestionIndexPage(title="Vragen", slug="vragen")
    )
    bench_data.bulk_create_pages(
        questions,
        [
            QuestionPage(
                title=f"Hoe pakken jullie vraag {number} aan?",
                slug=f"schaal-vraag-{number}",
                body="Wij zoeken ervaringen.",
                body_html="<p>Wij zoeken ervaringen.</p>",
                asker=members[number % len(members)],
            )
            for number in range(120)
        ],
    )
    reader = members[0]
    Profile.objects.filter(user__in=members).update(visibility=Profile.Visibility.MEMBERS)
    for theme in Theme.objects.order_by("pk")[:3]:
        follow(reader, theme)
    for colleague in members[1:6]:
        follow(reader, colleague)
    network = Network.objects.order_by("pk").first()
    if network:
        NetworkMembership.objects.get_or_create(
            user=reader, network=network, defaults={"status": NetworkMembership.Status.APPROVED}
        )
    for number in range(40):
        notify(reader, "reply", f"scale-{number}", actor=members[1], subject="Een artikel")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"member": reader, "editor": editor}


def test_every_listing_statement_can_use_an_index(client, site):
    from django.test import Client

    clients = {None: client}
    for role, user in site.items():
        clients[role] = Client()
        clients[role].force_login(user)
    pages = explain.listing_pages()
    assert len(pages) > 20, pages  # the pages exist: a missing index page would hide its queries
    failures = []
    checked = 0
    with connection.cursor() as cursor:

        def check(name, role, statements):
            nonlocal checked
            for sql in statements:
                checked += 1
                plan = explain.explain(cursor, sql, seqscan=False)["Plan"]
                scans = explain.large_seq_scans(plan)
                if scans:
                    failures.append(
                        f"{name} ({role or 'visitor'}) reads {', '.join(scans)} whole:\n"
                        f"  SQL: {sql}\n  plan: {explain.plan_summary(plan)}"
                    )

        for name, url, role in pages:
            statements = explain.captured_selects(
                lambda: explain.render(clients[role], url)  # noqa: B023
            )
            check(name, role, statements)
        check("digest", None, explain.captured_selects(explain.digest_selection))
    assert checked > 100
    assert not failures, "\n\n".join(failures)


def _latest_comments():
    from comments.threads import latest_comments

    latest_comments(limit=5)


def _featured_articles():
    from blog.listing import featured_articles

    featured_articles(limit=3)


@pytest.mark.parametrize(
    ("section", "index"),
    [
        (_latest_comments, "comments_latest_published"),
        (_featured_articles, "blog_article_featured_newest"),
    ],
    ids=["latest comments", "featured articles"],
)
def test_home_sections_are_read_in_order_from_an_index(site, section, index):
    """The home page's "latest" blocks stop after a few rows read in order from their index:
    no sort of every comment or article (at 50,000 comments that sort took 153 ms). An
    incremental sort of the rows that tie on the index's columns is allowed."""
    statements = explain.captured_selects(section)
    with connection.cursor() as cursor:
        plan = explain.explain(cursor, statements[0], seqscan=False)["Plan"]
    nodes = list(explain.plan_nodes(plan))
    assert index in {node.get("Index Name") for node in nodes}, explain.plan_summary(plan)
    assert not any(node["Node Type"] == "Sort" for node in nodes), explain.plan_summary(plan)


def test_the_children_of_a_page_are_read_from_the_index_on_depth_and_path(site):
    """The main menu (the children of the site's root) reads its few rows from the index of
    migration ``vakgenoten.0010``, not every page below the root through the one on path."""
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page
    statements = explain.captured_selects(lambda: list(root.get_children().live().in_menu()))
    with connection.cursor() as cursor:
        plan = explain.explain(cursor, statements[0], seqscan=False)["Plan"]
    indexes = {node.get("Index Name") for node in explain.plan_nodes(plan)}
    assert "vakgenoten_page_depth_path" in indexes, explain.plan_summary(plan)


def test_the_knowledge_base_counts_its_articles_from_the_index_alone(transactional_db, site):
    """The knowledge base's count of its articles (for the page numbers) reads the live pages'
    depth, path, type and id from the index of migration ``vakgenoten.0011`` alone, never the
    rows of the page table, which at 100,000 articles took a third of a first render.

    An index-only scan pays off once VACUUM has marked the table's pages all-visible, as it
    has on any running site: so this test commits its rows and vacuums the table."""
    from wagtail.models import Page

    from blog.listing import articles_to_count
    from blog.models import BlogIndexPage

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE wagtailcore_page")
    pages = Page.objects.child_of(BlogIndexPage.objects.get())
    statements = explain.captured_selects(lambda: articles_to_count(pages).count())
    (count,) = [sql for sql in statements if "COUNT(*)" in sql]
    with connection.cursor() as cursor:
        plan = explain.explain(cursor, count, seqscan=False)["Plan"]
    outer = [
        (node["Node Type"], node.get("Index Name"))
        for node in explain.plan_nodes(plan)
        if node.get("Alias") == "wagtailcore_page"
    ]
    assert outer == [("Index Only Scan", "vakgenoten_live_page_count")], explain.plan_summary(plan)
