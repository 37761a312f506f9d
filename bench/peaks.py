"""Two peaks a national platform meets, measured on the benchmark's database: ``make bench-peaks``.

    .venv/bin/python bench/peaks.py [--members 2000] [--capacity 500] [--clients 16]

Run it after ``make bench`` (it reuses that run's database, ``vakgenoten_bench``, at whatever
size the run left it; with none there it stops and says so). Loopback only, production
settings, a private Redis (sessions and the shared cache), gunicorn with ``--workers``:

1. **A popular congress opens its registration.** One new event with ``--capacity`` seats;
   ``--members`` different signed-in members press "Aanmelden" at the same moment, from
   ``--clients`` concurrent connections. Reported: registrations per second, p50/p99/max of the
   POST, and the check that matters more than speed: exactly ``capacity`` members hold a seat,
   every other one is on the waiting list, nobody twice, no error.
2. **A digest was sent to everyone and is clicked.** ``--members`` different signed-in members
   open an article (a different one each, as digests differ), from ``--clients`` connections:
   requests per second, p50/p99 of a signed-in article that none of them has seen before.
3. **A link everyone opens.** ``--members`` visitors, not signed in, open the same article
   (a newsletter's link) from ``--clients`` connections, starting with the article not in the
   page cache: requests per second, p50/p99, and how many of them rendered it. Twice: as the
   site runs (a request that misses while the page is rendered waits for that render), and
   with ``PAGE_CACHE_WAIT_SECONDS=0`` (each renders its own).

The client is Python threads on the same two cores as the server, database and Redis, so the
figures are a floor for what one machine serves, not a load test of a cluster; bench/SCALING.md
turns them into capacity figures.
"""

import argparse
import atexit
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import performance  # noqa: E402  (bench/performance.py: environment, database, gunicorn)
import processes  # noqa: E402

# Runs inside Django: the congress, the members' sessions (one CSRF secret each) and the
# articles each of them "clicks" in their digest.
SETUP = r"""
import json, secrets, sys
from datetime import timedelta
import django
django.setup()
from django.test import Client
from django.utils import timezone
from blog.models import ArticlePage
from events.models import EventIndexPage, EventPage, Registration
from members.models import Network, User
from members.visibility import visible_q

count, capacity = int(sys.argv[1]), int(sys.argv[2])
members = list(
    User.objects.filter(email__startswith="bench", emailaddress__verified=True)
    .exclude(first_name="").order_by("pk")[:count]
)
if len(members) < count:
    sys.exit(f"Only {len(members)} bench members in the database; run make bench first.")
index = EventIndexPage.objects.first()
start = timezone.now() + timedelta(days=60)
event = index.add_child(instance=EventPage(
    title=f"Piekcongres {secrets.token_hex(3)}", slug=f"piekcongres-{secrets.token_hex(4)}",
    kind="congres", intro="Het jaarcongres: de inschrijving gaat nu open.",
    start=start, end=start + timedelta(hours=6), venue_name="Jaarbeurs Utrecht",
    capacity=capacity, registration_enabled=True,
    organiser_network=Network.objects.filter(is_closed=False).order_by("pk").first(),
))
event.save_revision().publish()
articles = list(
    ArticlePage.objects.live().filter(visible_q(None)).order_by("-first_published_at")
    .values_list("url_path", flat=True)[:count]
)
sessions = []
for member in members:
    client = Client()
    client.force_login(member)
    sessions.append(client.cookies["sessionid"].value)
shared = (
    ArticlePage.objects.live().filter(visible_q(None)).order_by("first_published_at")
    .values_list("url_path", flat=True).first()
)
print(json.dumps({
    "event_id": event.pk,
    "register": f"/evenementen/{event.pk}/aanmelden/",
    "sessions": sessions,
    "articles": ["/" + path.split("/", 2)[2] for path in articles],
    "shared": "/" + shared.split("/", 2)[2],
}))
"""

CHECK = r"""
import json, sys
import django
django.setup()
from django.db.models import Count
from events.models import Registration
rows = Registration.objects.filter(event_id=int(sys.argv[1]))
print(json.dumps({
    "by_status": dict(rows.values_list("status").annotate(n=Count("pk")).order_by()),
    "members_twice": rows.values("user_id").annotate(n=Count("pk")).filter(n__gt=1).count(),
    "seats_twice": rows.exclude(seat=None).values("seat").annotate(n=Count("pk"))
        .filter(n__gt=1).count(),
}))
"""


def run_django(env, script, *args):
    output = subprocess.run(
        [performance.PYTHON, "-c", script, *map(str, args)],
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE,  # what goes wrong shows on stderr
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def timed(request):
    started = time.perf_counter()
    try:
        with OPENER.open(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    return (time.perf_counter() - started) * 1000, status


def timed_page(request):
    """As ``timed``, with whether the page cache had the page (X-Page-Cache)."""
    started = time.perf_counter()
    with OPENER.open(request, timeout=60) as response:
        response.read()
        return (
            (time.perf_counter() - started) * 1000,
            response.status,
            response.headers.get("X-Page-Cache"),
        )


def burst(requests, clients, send=timed):
    """Send every request once from ``clients`` threads; the wall time and each timing."""
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(send, requests))
    return time.perf_counter() - started, results


def shared_link(env, path, warm_up_path, args, waiting):
    """Peak 3 on a server of its own: one row of the table and how many requests rendered the
    page. Every worker first renders another article (``warm_up_path``) a few times, as the
    workers of a running site have; then the shared cache is emptied."""
    server = performance.Server(
        {**env, "PAGE_CACHE_WAIT_SECONDS": "5" if waiting else "0"},
        performance.free_port(),
        workers=args.workers,
    )
    try:
        warm_ups = [
            urllib.request.Request(server.url(f"{warm_up_path}?warm={number}"))
            for number in range(8 * args.workers)
        ]
        burst(warm_ups, args.workers)
        performance.flush_shared_cache(env["REDIS_URL"])
        opens = [
            urllib.request.Request(server.url(path), headers={"Accept-Encoding": "gzip"})
            for _number in range(args.members)
        ]
        seconds, results = burst(opens, args.clients, send=timed_page)
    finally:
        server.stop()
    name = "link opened (one article, not signed in" + (")" if waiting else ", no waiting)")
    summary(name, seconds, [(ms, status) for ms, status, _cache in results], {200})
    return sum(1 for _ms, _status, cache in results if cache == "miss")


def summary(name, seconds, results, expected):
    timings = sorted(ms for ms, _status in results)
    statuses = {}
    for _ms, status in results:
        statuses[status] = statuses.get(status, 0) + 1
    unexpected = sum(n for status, n in statuses.items() if status not in expected)
    print(
        f"| {name} | {len(results)} | {len(results) / seconds:.0f} "
        f"| {statistics.median(timings):.0f} | {timings[int(len(timings) * 0.99) - 1]:.0f} "
        f"| {timings[-1]:.0f} | {unexpected} |"
    )
    return statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--capacity", type=int, default=500)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (2 per core)")
    args = parser.parse_args()
    media_root = ROOT / "var" / "bench-media"
    media_root.mkdir(parents=True, exist_ok=True)
    env = performance.bench_env(media_root)
    redis, env["REDIS_URL"] = processes.start_redis(ROOT / "var", ROOT)
    atexit.register(redis.stop)

    performance.log("the congress, the members' sessions and their digest articles")
    setup = run_django(env, SETUP, args.members, args.capacity)
    server = performance.Server(env, performance.free_port(), workers=args.workers)
    try:
        print(f"\n## Peaks, {time.strftime('%Y-%m-%d %H:%M')} UTC")
        print(
            f"gunicorn {args.workers} sync workers, production settings, {args.clients} "
            f"concurrent Python clients on the same {os.cpu_count()} cores; "
            f"{args.members} different signed-in members.\n"
        )
        print("| peak | requests | per second | p50 ms | p99 ms | max ms | unexpected status |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        secrets_ = [os.urandom(16).hex() for _ in setup["sessions"]]
        registrations = [
            urllib.request.Request(
                server.url(setup["register"]),
                data=urllib.parse.urlencode({"csrfmiddlewaretoken": secret}).encode(),
                headers={"Cookie": f"sessionid={session}; csrftoken={secret}"},
                method="POST",
            )
            for session, secret in zip(setup["sessions"], secrets_, strict=True)
        ]
        seconds, results = burst(registrations, args.clients)
        summary("registration opens (POST, one per member)", seconds, results, {302})
        clicks = [
            urllib.request.Request(
                server.url(setup["articles"][number % len(setup["articles"])]),
                headers={"Cookie": f"sessionid={session}"},
            )
            for number, session in enumerate(setup["sessions"])
        ]
        seconds, results = burst(clicks, args.clients)
        summary("digest clicked (signed-in article, first visit)", seconds, results, {200})
    finally:
        server.stop()
    rendered = {
        waiting: shared_link(env, setup["shared"], setup["articles"][0], args, waiting)
        for waiting in (True, False)
    }
    print(
        f"\nThe shared link ({setup['shared']}) was rendered {rendered[True]} times of "
        f"{args.members} requests with waiting for a render in progress, {rendered[False]} times "
        "without."
    )
    check = run_django(env, CHECK, setup["event_id"])
    registered = check["by_status"].get("registered", 0)
    waiting = check["by_status"].get("waiting", 0)
    ok = (
        registered == min(args.capacity, args.members)
        and registered + waiting == args.members
        and not check["members_twice"]
        and not check["seats_twice"]
    )
    print(
        f"\nAfter the registration peak: {registered} seats taken of {args.capacity}, "
        f"{waiting} on the waiting list, {check['members_twice']} members twice, "
        f"{check['seats_twice']} seats twice: {'✓' if ok else '✗'}."
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
