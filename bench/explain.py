"""Which index serves each query behind the listings: ``python bench/explain.py``.

Runs against whatever database DATABASE_URL names (a seeded benchmark database, production
settings; see ``bench/performance.py``). Renders every listing and "latest" page through
Django's test client, as a visitor and as a signed-in member, each time with empty caches (a
first render), and asks PostgreSQL to EXPLAIN ANALYZE every SELECT it captured. Also runs the
digest's selection, which is no page. Prints one line per statement: the page, the statement
(shortened), the plan's root node, whether an index served it (no sequential scan of a large
table) and the time PostgreSQL took.

The same plan check, with sequential scans switched off, is the test
``tests/scale/test_listing_indexes.py``: there a sequential scan means no index can serve the
statement at all. Here the planner chooses freely over real row counts.

``main()`` returns the rows, so the benchmark can call it in its own process.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vakgenoten.settings.production")

# Tables that grow with the platform. A sequential scan of one of these in a listing query
# means the list reads every row however few it shows. Small lookup tables (themes, networks,
# sites, locales, content types) are read whole and are left out.
LARGE_TABLES = (
    "wagtailcore_page",
    "wagtailcore_pageviewrestriction",
    "wagtailcore_revision",
    "wagtailimages_",
    "blog_",
    "comments_",
    "events_",
    "questions_",
    "members_",
    "collaborations_",
    "taggit_taggeditem",
    "auth_user",
)
SMALL_TABLES = (
    "members_network",
    "members_organisation",
    "members_organisation_networks",
    "blog_author",
    "blog_theme",
    "taxonomy_theme",
    "events_eventseries",
    "wagtailimages_rendition",
)


def is_large(table):
    if table in SMALL_TABLES:
        return False
    return table.startswith(LARGE_TABLES)


def plan_nodes(node):
    """Every node of a JSON plan, depth first."""
    yield node
    for child in node.get("Plans", ()):
        yield from plan_nodes(child)


def large_seq_scans(plan):
    """The large tables a plan reads with a sequential scan."""
    return sorted(
        {
            node["Relation Name"]
            for node in plan_nodes(plan)
            if node["Node Type"] == "Seq Scan" and is_large(node.get("Relation Name", ""))
        }
    )


def plan_summary(node, depth=0):
    """The plan as an indented outline: node type, table and index, one node a line."""
    name = node["Node Type"]
    if node.get("Relation Name"):
        name += f" on {node['Relation Name']}"
    if node.get("Index Name"):
        name += f" using {node['Index Name']}"
    lines = ["\n    " + "  " * depth + name]
    for child in node.get("Plans", ()):
        lines.append(plan_summary(child, depth + 1))
    return "".join(lines)


class _RolledBack(Exception):
    """Leaves ``explain``'s transaction (or savepoint), undoing its SET LOCAL."""


def explain(cursor, sql, analyze=False, seqscan=True):
    """The JSON plan of ``sql`` (its root node and the planner's totals). With ``seqscan``
    off, in a transaction (a savepoint inside a test's) that is rolled back afterwards: the
    setting lasts for this statement only."""
    from django.db import transaction

    result = None
    try:
        with transaction.atomic():
            if not seqscan:
                cursor.execute("SET LOCAL enable_seqscan = off")
            options = "ANALYZE, BUFFERS, FORMAT JSON" if analyze else "FORMAT JSON"
            cursor.execute(f"EXPLAIN ({options}) {sql}")
            result = cursor.fetchone()[0]
            raise _RolledBack
    except _RolledBack:
        pass
    if isinstance(result, str):
        result = json.loads(result)
    return result[0]


def is_select(sql):
    head = sql.lstrip().upper()
    return head.startswith(("SELECT", "WITH", "(SELECT"))


def listing_pages():
    """(name, url, role) for every listing and "latest" page: role None is a visitor,
    "member" a signed-in member, "editor" a moderator (the admin's queues)."""
    from blog.models import ArticlePage, Author, BlogIndexPage
    from events.models import EventIndexPage, EventSeries
    from members.models import Network, Organisation
    from questions.models import QuestionIndexPage
    from taxonomy.models import Theme

    pages = [("home", "/", None), ("home", "/", "member")]
    blog = BlogIndexPage.objects.live().first()
    if blog:
        url = blog.url
        theme = Theme.objects.order_by("pk").first()
        article = ArticlePage.objects.live().order_by("-first_published_at").first()
        author = Author.objects.order_by("pk").first()
        pages += [
            ("knowledge base", url, None),
            ("knowledge base", url, "member"),
            ("knowledge base, page 5", url + "?page=5", None),
            ("knowledge base, type", url + "?type=praktijkvoorbeeld", None),
            ("knowledge base, practice filters", url + "?provincie=utrecht&overgenomen=ja", None),
            ("knowledge base, most adopted", url + "?volgorde=meest-overgenomen", None),
            ("knowledge base, feed", url + "feed/rss/", None),
        ]
        if theme:
            pages += [
                ("knowledge base, theme", f"{url}?thema={theme.slug}", None),
                ("knowledge base, theme feed", f"{url}thema/{theme.slug}/feed/atom/", None),
            ]
        if author:
            pages.append(("author page", f"{url}auteur/{author.slug}/", None))
        if article:
            pages += [("article", article.url, None), ("article", article.url, "member")]
    agenda = EventIndexPage.objects.live().first()
    if agenda:
        pages += [
            ("agenda", agenda.url, None),
            ("agenda", agenda.url, "member"),
            ("agenda, feed", "/evenementen/agenda.ics", None),
        ]
    series = EventSeries.objects.order_by("pk").first()
    if series:
        pages.append(("event series", f"/evenementen/reeks/{series.slug}/", None))
    questions = QuestionIndexPage.objects.live().first()
    if questions:
        pages += [
            ("questions", questions.url, None),
            ("questions", questions.url, "member"),
            ("questions, feed", "/vragen/feed/rss/", None),
        ]
    pages += [
        ("member directory", "/leden/", "member"),
        ("organisations", "/organisaties/", None),
        ("networks", "/netwerken/", None),
        ("collaborations", "/samenwerkingen/", None),
        ("meldingen", "/meldingen/", "member"),
        ("voor jou", "/voor-jou/", "member"),
        ("mijn evenementen", "/mijn-evenementen/", "member"),
        ("moderation: comments", "/admin/reacties/", "editor"),
        ("moderation: questions", "/admin/vragen/", "editor"),
    ]
    organisation = Organisation.objects.order_by("pk").first()
    if organisation:
        pages.append(("organisation", f"/organisaties/{organisation.slug}/", None))
    network = Network.objects.filter(is_closed=False).order_by("pk").first()
    if network:
        pages.append(("network", f"/netwerken/{network.slug}/", "member"))
    return pages


def people():
    """A signed-in member (the most active writer: a full "Meldingen" and feed) and an editor
    who moderates."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from comments.groups import MODERATOR_GROUPS

    user_model = get_user_model()
    member = (
        user_model.objects.filter(is_active=True, is_superuser=False)
        .annotate(written=Count("comments"))
        .order_by("-written", "pk")
        .first()
    )
    # The admin asks for a second factor: a moderator who has one set up.
    editor = (
        user_model.objects.filter(
            is_active=True,
            groups__name__in=list(MODERATOR_GROUPS),
            authenticator__type="totp",
        )
        .order_by("pk")
        .first()
    )
    return {"member": member, "editor": editor}


def digest_selection():
    """The digest's selection for last week, loaded once for all members (``home.digest``)."""
    from home import digest

    digest.load_items(digest.period_for(digest.WEEKLY))


def captured_selects(action):
    """The SELECT statements ``action()`` runs, in order, each once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        action()
    seen, statements = set(), []
    for query in context.captured_queries:
        sql = query["sql"]
        if is_select(sql) and sql not in seen:
            seen.add(sql)
            statements.append(sql)
    return statements


def render(client, url):
    """One cold render: both caches emptied first, so every shared part is built anew."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")


def shorten(sql, width=70):
    text = " ".join(sql.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def measure(statements, page, role, cursor):
    rows = []
    for sql in statements:
        result = explain(cursor, sql, analyze=True)
        plan = result["Plan"]
        scans = large_seq_scans(plan)
        rows.append(
            {
                "page": page,
                "role": role or "visitor",
                "sql": sql,
                "root": plan["Node Type"],
                "indexed": not scans,
                "seq_scans": scans,
                "ms": result.get("Execution Time", 0.0),
            }
        )
    return rows


def print_table(rows, out=sys.stdout, slowest=15):
    print(f"{'page':34} {'as':8} {'root':16} {'index':5} {'ms':>8}  statement", file=out)
    for row in rows:
        print(
            f"{row['page'][:34]:34} {row['role'][:8]:8} {row['root'][:16]:16} "
            f"{'yes' if row['indexed'] else 'NO':5} {row['ms']:8.2f}  {shorten(row['sql'])}",
            file=out,
        )
    print(f"\nSlowest {slowest} statements:", file=out)
    for row in sorted(rows, key=lambda row: -row["ms"])[:slowest]:
        scans = f" seq scan: {', '.join(row['seq_scans'])}" if row["seq_scans"] else ""
        print(
            f"{row['ms']:8.2f} ms  {row['page']} ({row['role']}){scans}\n"
            f"            {shorten(row['sql'], 200)}",
            file=out,
        )
    missing = [row for row in rows if not row["indexed"]]
    print(
        f"\n{len(rows)} statements, {len(missing)} with a sequential scan of a large table.",
        file=out,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--only", help="only the pages whose name contains this")
    options = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment

    if connection.vendor != "postgresql":
        raise SystemExit("bench/explain.py needs PostgreSQL (DATABASE_URL).")
    setup_test_environment()
    caches = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "pages")
    }
    caches["sessions"] = caches["pages"]  # production's sessions read through the page store
    rows = []
    with override_settings(CACHES=caches, ALLOWED_HOSTS=["*"]):
        clients = {None: Client()}
        for role, user in people().items():
            if user is not None:
                clients[role] = Client()
                clients[role].force_login(user)
        with connection.cursor() as cursor:
            for page, url, role in listing_pages():
                if options.only and options.only not in page:
                    continue
                if role not in clients:
                    continue
                try:
                    statements = captured_selects(lambda: render(clients[role], url))  # noqa: B023
                except RuntimeError as error:
                    print(f"{page}: left out, {error}", file=sys.stderr)
                    continue
                rows += measure(statements, page, role, cursor)
            if not options.only or options.only in "digest":
                rows += measure(captured_selects(digest_selection), "digest", None, cursor)
    if options.json:
        print(json.dumps(rows, indent=1))
    else:
        print_table(rows)
    return rows


if __name__ == "__main__":
    main()
