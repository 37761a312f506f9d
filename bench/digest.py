"""The digest benchmark: one weekly digest run for 20,000 members on PostgreSQL.

    make bench-digest          # or: .venv/bin/python bench/digest.py [--members N]

Creates its own PostgreSQL database (``vakgenoten_bench_digest`` on 127.0.0.1:5432, dropped
and created again; the server itself is never touched), migrates it, loads the demo site and
seeds: ``--members`` members (verified, with a profile and an organisation) of whom three in
four follow themes, colleagues and an organisation and one in four follow nothing (their
interests come from their profile), and a week of content: articles with themes and authors
(some of them members), events and comments, all first published in the previous ISO week.
Then it runs ``home.digest.send_digest`` for that week, as the Monday morning job would, and
prints members considered, e-mails queued, seconds and queries; then runs it a second time
(a retried job) to show it queues nothing again. The delivery tasks are enqueued, not run.
Not part of ``make test``. The database is dropped at the end unless ``--keep``.
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_NAME = os.environ.get("BENCH_DB_NAME", "vakgenoten_bench_digest")
DB_SERVER = os.environ.get("BENCH_DB_SERVER", "postgres://postgres@127.0.0.1:5432")
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def log(message):
    print(f"[bench-digest {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def database(action):
    """Drop (and create) the benchmark's own database, in a separate process."""
    statements = [f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"]
    if action == "create":
        statements.append(f"CREATE DATABASE {DB_NAME}")
    script = (
        "import psycopg2, sys\n"
        "connection = psycopg2.connect(sys.argv[1] + '/postgres')\n"
        "connection.autocommit = True\n"
        "for statement in sys.argv[2:]:\n"
        "    connection.cursor().execute(statement)\n"
    )
    subprocess.run([PYTHON, "-c", script, DB_SERVER, *statements], check=True)


def seed(members, articles, events, comments_per_article, monday):
    """The members, their follows and last week's content; returns the number of follows."""
    import random

    from django.db import transaction
    from django.utils import timezone

    from bench import data
    from blog.models import ArticlePage, Author
    from comments.models import Comment
    from events.models import EventPage
    from members.models import Follow, Network, Organisation
    from taxonomy.models import Theme

    rng = random.Random(2026)
    text = data.Text()
    with transaction.atomic():
        _home, blog_index, event_index = data.ensure_site()
        users = data.create_members(members, text, prefix="digest")
        log(f"{len(users)} leden")
        # Some authors are members, so following a colleague finds their articles.
        for author in Author.objects.filter(user__isnull=True)[:20]:
            author.user = rng.choice(users)
            author.save(update_fields=["user"])
        pages = data.create_articles(blog_index, articles, text, with_body=False)
        event_pages = data.create_events(event_index, events, text)
        themes = list(Theme.objects.values_list("pk", flat=True))
        networks = list(Network.objects.values_list("pk", flat=True))
        organisations = list(Organisation.objects.values_list("pk", flat=True))
        EventPage.themes.through.objects.bulk_create(
            [
                EventPage.themes.through(eventpage_id=page.pk, theme_id=themes[n % len(themes)])
                for n, page in enumerate(event_pages)
            ]
        )
        for n, page in enumerate(event_pages):
            EventPage.objects.filter(pk=page.pk).update(
                organiser_network_id=networks[n % len(networks)] if networks else None,
                organiser_organisation_id=organisations[n % len(organisations)],
            )
        # All of it first published during last week (Monday to Sunday).
        week_start = timezone.make_aware(datetime.combine(monday - timedelta(days=7), clock.min))
        for n, page in enumerate(pages):
            ArticlePage.objects.filter(pk=page.pk).update(
                first_published_at=week_start + timedelta(minutes=17 * n % (7 * 24 * 60))
            )
        EventPage.objects.filter(pk__in=[page.pk for page in event_pages]).update(
            first_published_at=week_start + timedelta(days=2)
        )
        count = data.create_comments(pages, comments_per_article, users, text)
        Comment.objects.filter(page_id__in=[page.pk for page in pages]).update(
            created_at=week_start + timedelta(days=3), published_at=week_start + timedelta(days=3)
        )
        log(f"{len(pages)} artikelen, {len(event_pages)} evenementen, {count} reacties")
        follows = []
        for n, user in enumerate(users):
            if n % 4 == 3:
                continue  # follows nothing: their profile's organisation and themes count
            for theme in rng.sample(themes, min(3, len(themes))):
                follows.append(Follow(user=user, theme_id=theme))
            for other in rng.sample(users, 2):
                if other.pk != user.pk:
                    follows.append(Follow(user=user, member=other))
            follows.append(Follow(user=user, organisation_id=rng.choice(organisations)))
        Follow.objects.bulk_create(follows, batch_size=5000, ignore_conflicts=True)
        log(f"{len(follows)} keer iets gevolgd")
    return len(follows)


def measure(monday):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from home.digest import WEEKLY, period_for, send_digest

    run_at = timezone.make_aware(datetime.combine(monday, clock(6, 30)))
    period = period_for(WEEKLY, run_at)
    rows = []
    for label in ("eerste run", "tweede run (herhaald)"):
        started = time.monotonic()
        with CaptureQueriesContext(connection) as queries:
            summary = send_digest(period, run_at)
        seconds = time.monotonic() - started
        rows.append((label, summary, seconds, len(queries)))
        log(
            f"{label}: {summary.members} leden, {summary.queued} e-mails, "
            f"{summary.items} nieuwe items, {seconds:.1f} s, {len(queries)} queries"
        )
    return period, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--events", type=int, default=40)
    parser.add_argument("--comments-per-article", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="leave the database in place")
    options = parser.parse_args()

    os.environ["DATABASE_URL"] = f"{DB_SERVER}/{DB_NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vakgenoten.settings.dev")
    os.environ.setdefault("SITE_URL", "https://vakgenoten.example")
    log(f"database {DB_NAME} opnieuw aanmaken en migreren")
    database("create")
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.utils import timezone

        call_command("migrate", verbosity=0)
        today = timezone.localdate()
        monday = today - timedelta(days=today.weekday())
        started = time.monotonic()
        follows = seed(
            options.members, options.articles, options.events, options.comments_per_article, monday
        )
        log(f"gevuld in {time.monotonic() - started:.0f} s")
        period, rows = measure(monday)
    finally:
        if not options.keep:
            from django.db import connections

            connections.close_all()
            database("drop")

    print(
        f"\nDigest (wekelijks, {period.first_day} t/m {period.last_day}) op PostgreSQL: "
        f"{options.members} leden, {follows} volgrelaties"
    )
    print("| run | leden bekeken | e-mails in de wachtrij | nieuwe items | seconden | queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, summary, seconds, queries in rows:
        print(
            f"| {label} | {summary.members} | {summary.queued} | {summary.items} "
            f"| {seconds:.1f} | {queries} |"
        )


if __name__ == "__main__":
    main()
