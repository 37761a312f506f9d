"""The yardstick from outside: Wagtail's own demo site (bakerydemo), measured with the same
client, the same gunicorn command and the same PostgreSQL as ``bench/performance.py``.

    .venv/bin/python bench/bakerydemo.py --setup     # once: checkout, venv, database, demo data
    .venv/bin/python bench/bakerydemo.py             # the figures
    .venv/bin/python bench/bakerydemo.py --beside    # first renders, ours and its, taken in turn

Issue 24 asks that no page of ours, cold or signed in, is slower than bakerydemo's uncached
equivalent. Figures from two machines say nothing about that, so run this right after
``make bench``, on the same machine, with nothing else running.

bakerydemo runs as its production settings have it without the services it can use: no
Redis (so Django's per-process memory cache, which keeps Wagtail's rendition lookups and the
blog index's ``{% wagtailcache %}`` fragment), no Elasticsearch (Wagtail's database search),
DEBUG off, no HTTPS redirect. Every request renders its page: a FIRST render here is what
``bench/performance.py`` calls cold, and is measured the same way (sequential requests, each
address with a query string never asked for); WARM is ``wrk`` from one connection.

``--beside`` runs our site too, on the database ``make bench`` left (``vakgenoten_bench``, at
whatever size that run ended), and takes the first renders of each pair of pages in turn,
one of bakerydemo's, then one of ours (cold, as ``bench/performance.py`` measures it), and so
on: on a machine whose speed drifts from minute to minute, the ratio of the two is what
holds. Ours is taken a second time after a publish: only that page's own generation moved
on, so what every page shares (the site, the menu, the footer, the rules for closed and
private content) is still kept, as it is for the first reader after an editor's change.

Its current main needs Django 6.0 and so Python 3.12 or newer (``--python``); nothing of it
enters this project's environment. Not part of ``make test``.
"""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.performance import (  # noqa: E402  # the same client and load as our own figures
    DB_SERVER,
    WARM_SECONDS,
    Server,
    bench_env,
    django_json,
    ensure_wrk,
    flush_shared_cache,
    free_port,
    load_with_python,
    load_with_wrk,
    log,
    timed_get,
)
from bench.processes import start_redis  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "https://github.com/wagtail/bakerydemo.git"
# The commit measured on 2026-12-06 (2026-08-19, Wagtail 7.4, Django 6.0).
COMMIT = "8e2b625755d8942412d5b7627b146a795933b8b2"
DB_NAME = "bakerydemo_bench"

# Each of bakerydemo's pages beside the page of ours that does the same job.
PAGES = [
    ("home", "/", "home"),
    ("blog index", "/blog/", "knowledge base"),
    ("blog page, longest", "/blog/icelandic-baking/", "article, no comments"),
    ("bread page", "/breads/anadama-bread/", "event page"),
    ("search", "/search/?q=bread", "search"),
]


def environment(checkout):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO", "DATABASE", "REDIS", "ELASTICSEARCH", "AWS_", "GS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bakerydemo.settings.production",
        DATABASE_URL=f"{DB_SERVER}/{DB_NAME}",
        DJANGO_SECRET_KEY="bakerydemo-bench-only-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        SECURE_HSTS_SECONDS="0",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=str(checkout),
    )
    return env


def run(command, **kwargs):
    log(" ".join(str(part) for part in command))
    subprocess.run(command, check=True, **kwargs)


def setup(checkout, python, source):
    """Checkout at ``COMMIT``, a venv of its own, a fresh database with its demo data."""
    if not (checkout / ".git").exists():
        run(["git", "clone", "--quiet", source, checkout])
    run(["git", "-C", checkout, "checkout", "--quiet", COMMIT])
    venv = checkout / ".venv"
    if not venv.exists():
        run([python, "-m", "venv", venv])
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--quiet"]
    # Its base requirements and what its production settings import; not the cloud storage
    # and search clients of requirements/production.txt, which these figures never use.
    run([*pip, "-r", checkout / "requirements" / "base.txt"])
    run([*pip, "whitenoise>=6.11,<7", "psycopg[binary]>=3.3,<3.4", "gunicorn"])
    admin = ["psql", f"{DB_SERVER}/postgres", "-q", "-c"]
    run([*admin, f"DROP DATABASE IF EXISTS {DB_NAME}"])
    run([*admin, f"CREATE DATABASE {DB_NAME}"])
    env = environment(checkout)
    manage = [venv / "bin" / "python", "manage.py"]
    for args in (["migrate", "--noinput"], ["load_initial_data"], ["collectstatic", "--noinput"]):
        run([*manage, *args, "-v0"], cwd=checkout, env=env)


def first_renders(server, path, count):
    """As ``bench.performance.cold_renders``: sequential requests, each address new, after
    four warm-up requests (both workers have imported everything and made the page's image
    renditions, as ours have in ``probe_pages`` before their cold renders)."""
    joiner = "&" if "?" in path else "?"
    for _number in range(4):
        timed_get(server.url(path))
    timings = []
    for number in range(count):
        ms, status, _body = timed_get(
            server.url(f"{path}{joiner}cold={secrets.token_hex(4)}{number}")
        )
        if status == 200:
            timings.append(ms)
    timings.sort()
    return statistics.median(timings), timings[-1]


def bakerydemo_server(checkout):
    """bakerydemo under the same gunicorn command as ours, from its own checkout and venv."""
    return Server(
        environment(checkout),
        free_port(),
        application="bakerydemo.wsgi",
        gunicorn=checkout / ".venv" / "bin" / "gunicorn",
        cwd=checkout,
        ready_path="/",
    )


def measure(checkout, seconds, count):
    loader = load_with_wrk if ensure_wrk() else load_with_python
    server = bakerydemo_server(checkout)
    try:
        rows = []
        for name, path, ours in PAGES:
            log(f"bakerydemo: {name}")
            cold_p50, cold_max = first_renders(server, path, count)
            loader(server.url(path), WARM_SECONDS)
            warm = loader(server.url(path), seconds)
            rows.append((name, path, ours, cold_p50, cold_max, warm))
    finally:
        server.stop()
    print(f"\nbakerydemo {COMMIT[:7]}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("| bakerydemo page | address | our equivalent | first render p50 ms | max ms |", end="")
    print(" req/s | p50 ms | p99 ms |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, path, ours, cold_p50, cold_max, warm in rows:
        print(
            f"| {name} | `{path}` | {ours} | {cold_p50:.1f} | {cold_max:.1f} | "
            f"{warm['rps']:.0f} | {warm['p50']:.1f} | {warm['p99']:.1f} |"
        )


# Our page for each of bakerydemo's (``PAGES``), found on the benchmark's database as
# bench/performance.py finds them.
OUR_PAGES = r"""
import json
import django
django.setup()
from django.db.models import Exists, OuterRef
from blog.listing import article_listing_queryset
from blog.models import BlogIndexPage
from comments.models import Comment
from events.models import EventPage
quiet = article_listing_queryset().exclude(
    Exists(Comment.objects.filter(page_id=OuterRef("pk")))
).first()
from wagtail.models import Site
blog_index = BlogIndexPage.objects.first().specific
event = EventPage.objects.live().order_by("start").last()
# Each page's address, and the page whose publication refreshes it (None: no page).
print(json.dumps({
    "home": ["/", Site.objects.get(is_default_site=True).root_page_id],
    "knowledge base": [blog_index.url, blog_index.pk],
    "article, no comments": [quiet.url, quiet.pk],
    "event page": [event.url, event.pk],
    "search": ["/zoeken/?q=schuldhulp", None],
}))
"""


def measure_beside(checkout, count):
    """First renders of bakerydemo's pages and ours, taken in turn (see the docstring).

    Ours twice: cold, the shared cache flushed (nothing kept, as after Redis restarted), and
    after a publish: only the page's own generation moved on, as publishing it does, so what
    every page shares (the site, the menu, the footer) is still kept. The first is the
    target's measure; the second is what the first reader after an editor's change waits."""
    env = bench_env(ROOT / "var" / "bench-media")
    redis, env["REDIS_URL"] = start_redis(ROOT / "var", ROOT)
    ours_server = bakery_server = None
    try:
        ours = django_json(env, OUR_PAGES)
        ours_server = Server(env, free_port())
        bakery_server = bakerydemo_server(checkout)
        rows = []
        for name, path, our_name in PAGES:
            log(f"beside: {name} and {our_name}")
            address, page_id = ours[our_name]
            sides = [("bakerydemo", bakery_server, path), ("cold", ours_server, address)]
            if page_id is not None:
                sides.append(("published", ours_server, address))
            timings = {side: [] for side, _server, _address in sides}
            for number in range(-4, count):  # four of each first, as warm-up
                token = f"first={secrets.token_hex(4)}{number}"
                for side, server, url in sides:
                    if side == "cold":
                        flush_shared_cache(env["REDIS_URL"])
                    elif side == "published":
                        publish_generation(env["REDIS_URL"], page_id)
                    joiner = "&" if "?" in url else "?"
                    ms, status, _body = timed_get(server.url(f"{url}{joiner}{token}"))
                    if status == 200 and number >= 0:
                        timings[side].append(ms)
            medians = {side: statistics.median(values) for side, values in timings.items()}
            rows.append((name, our_name, medians))
    finally:
        for server in (ours_server, bakery_server):
            if server is not None:
                server.stop()
        redis.stop()
    print(f"\nFirst renders in turn, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, ")
    print(f"{count} of each; ours cold (the shared cache flushed before each) and after a")
    print("publish (only the page's own generation moved on)\n")
    print(
        "| bakerydemo page | p50 ms | our page | cold p50 ms | cold / bakerydemo "
        "| after a publish p50 ms | after a publish / bakerydemo |"
    )
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: |")
    for name, our_name, medians in rows:
        theirs, cold = medians["bakerydemo"], medians["cold"]
        published = medians.get("published")
        after = f"{published:.1f} | {published / theirs:.2f}" if published else "– | –"
        print(
            f"| {name} | {theirs:.1f} | {our_name} | {cold:.1f} | {cold / theirs:.2f} | {after} |"
        )


def publish_generation(redis_url, page_id):
    """Move the page's generation on, as publishing it does (``vakgenoten.cache``): its entry
    and its own parts are no longer current; what every page shares stays kept. The key as
    Django's Redis cache writes it for the "pages" cache (prefix "vakgenoten", version 1)."""
    import redis  # the client Django's Redis cache uses; in the site's own dependencies

    from django.core.cache.backends.base import default_key_func

    from vakgenoten.cache import generation_key

    client = redis.Redis.from_url(redis_url)
    client.incr(default_key_func(generation_key(page_id), "vakgenoten", 1))
    client.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", action="store_true", help="checkout, venv, database")
    parser.add_argument("--checkout", type=Path, default=ROOT / "var" / "bakerydemo")
    parser.add_argument("--python", default="python3.12", help="Python 3.12 or newer")
    parser.add_argument("--source", default=SOURCE, help="where to clone bakerydemo from")
    parser.add_argument("--seconds", type=int, default=10, help="warm load per page")
    parser.add_argument("--first", type=int, default=10, help="first renders per page")
    parser.add_argument("--beside", action="store_true", help="ours and its in turn")
    args = parser.parse_args()
    if args.setup:
        setup(args.checkout.resolve(), args.python, args.source)
    if args.beside:
        measure_beside(args.checkout.resolve(), args.first)
    else:
        measure(args.checkout.resolve(), args.seconds, args.first)


if __name__ == "__main__":
    main()
