"""The performance benchmark: one command, a table of figures, at two data sizes.

    make bench                 # or: .venv/bin/python bench/performance.py [--seconds N]

What it does, all on this machine and on loopback only:

1. creates its own PostgreSQL database (``vakgenoten_bench`` on 127.0.0.1:5432, dropped and
   created again; the server itself is never touched), migrates it and loads the demo content;
2. seeds it with ``bench/seed.py`` to the small size, then measures; seeds it up to the
   large size, then measures again;
3. measures each page twice: the SQL queries and HTML bytes of one uncached render through
   Django's test client (``CaptureQueriesContext``), and requests/s, p50 and p99 under
   gunicorn (2 sync workers, production settings, DEBUG off) with ``wrk`` from one client,
   after three seconds of the same load to warm the caches (steady state, not a cold start);
4. prints one table per size, each page's throughput as a share of ``/healthz`` in the same
   run, the search p95 over the large index and the RSS of the gunicorn workers after the run.

The KB columns are the HTML alone. What a browser fetches on a first visit (stylesheets,
fonts, images: requests, bytes on the wire, LCP, CLS, Lighthouse) is measured by
``bench/frontend.py`` (``make bench-frontend``), in a real browser.

It is not part of ``make test``. A run takes about five minutes on two cores.
"""

import argparse
import atexit
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import processes  # noqa: E402  (bench/processes.py: the run's own Redis)

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DB_NAME = os.environ.get("BENCH_DB_NAME", "vakgenoten_bench")
DB_SERVER = os.environ.get("BENCH_DB_SERVER", "postgres://postgres@127.0.0.1:5432")
SMALL = {"articles": 100, "comments": 5, "members": 200, "events": 50}
LARGE = {"articles": 10_000, "comments": 5, "members": 2_000, "events": 1_000}
SEARCH_TERMS = [
    "schuldhulp",
    "omgevingstafel",
    "parkeervergunning",
    "privacy register",
    "jeugdzorg inkoop",
    "begrijpelijke taal",
    "dorpshuis spreekuur",
    "kwartaalrapportage raad",
    "common ground",
    "ondernemers contactpersoon",
]


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(media_root):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="vakgenoten.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="http://127.0.0.1",  # production settings require it; no link is followed here
        DATABASE_URL=f"{DB_SERVER}/{DB_NAME}",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback; a proxy would terminate TLS
        DEBUG="false",
        MEDIA_ROOT=str(media_root),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def run_script(env, script, *args, capture=False):
    command = [PYTHON, str(script), *args]
    result = subprocess.run(
        command, env=env, cwd=ROOT, check=True, text=True, capture_output=capture
    )
    return result.stdout if capture else None


def manage(env, *args, capture=False):
    return run_script(env, ROOT / "manage.py", *args, capture=capture)


def seed(env, *args, capture=False):
    """Bulk rows for the benchmark (bench/seed.py); its output names the busy article."""
    return run_script(env, ROOT / "bench" / "seed.py", *args, capture=capture)


def recreate_database(env):
    script = (
        "import psycopg2, sys\n"
        "connection = psycopg2.connect(sys.argv[1] + '/postgres')\n"
        "connection.autocommit = True\n"
        "cursor = connection.cursor()\n"
        "cursor.execute(f'DROP DATABASE IF EXISTS {sys.argv[2]} WITH (FORCE)')\n"
        "cursor.execute(f'CREATE DATABASE {sys.argv[2]}')\n"
    )
    subprocess.run([PYTHON, "-c", script, DB_SERVER, DB_NAME], env=env, check=True)


# --- Pages and their query counts (runs inside Django, in a subprocess) -----------------------

PROBE = r"""
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from comments.models import Comment
from blog.models import BlogIndexPage
from events.models import EventIndexPage, EventPage
from members.models import Profile, User

busy_id = int(sys.argv[1])
busy = Page.objects.get(pk=busy_id)
event = EventPage.objects.live().order_by("start").last()
# Three signed-in members: one who only reads the busy article, one who commented on it
# earlier (their own comments carry a delete link), and one who has just written a comment
# that awaits moderation: for 15 minutes it carries an edit link, so their thread is rendered
# afresh on every visit.
writers = Comment.objects.filter(page_id=busy_id).values("user_id")
bench_members = User.objects.filter(email__startswith="bench").order_by("pk")
reader = bench_members.exclude(pk__in=writers).first()
writer = bench_members.filter(pk__in=writers).first()
fresh = bench_members.exclude(pk__in=writers).exclude(pk=reader.pk).first()
Comment.objects.create(
    page_id=busy_id, user=fresh, status="pending", body="Net geschreven.",
    body_html="<p>Net geschreven.</p>",
)
profile = Profile.objects.filter(visibility="public", user__email__startswith="bench").first()
# The reader follows what an active member would: three themes and five colleagues who wrote
# comments, so "Voor jou" has a full page of every kind to show.
from members.follows import follow
from taxonomy.models import Theme
for theme in Theme.objects.order_by("pk")[:3]:
    follow(reader, theme)
for colleague in User.objects.filter(pk__in=writers).distinct().order_by("pk")[:5]:
    follow(reader, colleague)
# The writer has two pages of replies under "Meldingen" (the same keys on a second probe).
from members.inbox import notify
for number in range(40):
    notify(
        writer, "reply", f"bench-reply-{number}", actor=reader, subject=busy.title,
        excerpt="Een antwoord op je reactie.", url=busy.url,
    )
# Questions: 300 live ones under /vragen/, the newest with 30 answers, 10 replies and useful
# marks, so the list and a busy question page are measured at a realistic size.
from bench.data import bulk_create_pages
from questions.models import QuestionIndexPage, QuestionPage, UsefulMark
from vakgenoten.models import HomePage
question_index = QuestionIndexPage.objects.first() or HomePage.objects.first().add_child(
    instance=QuestionIndexPage(title="Vragen", slug="vragen")
)
if not QuestionPage.objects.filter(slug__startswith="bench-vraag-").exists():
    askers = list(bench_members[:300])
    bulk_create_pages(question_index, [
        QuestionPage(
            title=f"Hoe pakken jullie vraag {number} aan?", slug=f"bench-vraag-{number}",
            body="Wij zoeken ervaringen van andere gemeenten.",
            body_html="<p>Wij zoeken ervaringen van andere gemeenten.</p>",
            asker=askers[number % len(askers)],
        )
        for number in range(300)
    ])
    busy_question = QuestionPage.objects.get(slug="bench-vraag-299")
    answers = Comment.objects.bulk_create(
        Comment(
            page_id=busy_question.pk, user=askers[(number + 1) % len(askers)], status="published",
            body=f"Antwoord {number}.", body_html=f"<p>Antwoord {number}.</p>",
            published_at=busy_question.first_published_at,
        )
        for number in range(30)
    )
    Comment.objects.bulk_create(
        Comment(
            page_id=busy_question.pk, user=askers[number + 2], parent=answers[number],
            in_reply_to=answers[number], status="published", body="Dank je.",
            body_html="<p>Dank je.</p>", published_at=busy_question.first_published_at,
        )
        for number in range(10)
    )
    UsefulMark.objects.bulk_create(
        UsefulMark(answer=answer, user=askers[-1 - number]) for number, answer in enumerate(answers)
    )
busy_question = QuestionPage.objects.get(slug="bench-vraag-299")
pages = [
    ("/healthz", "/healthz", None),
    ("home", "/", None),
    ("knowledge base", BlogIndexPage.objects.first().url, None),
    ("article, 50 comments", busy.url, None),
    ("article, 50 comments, signed-in reader", busy.url, "reader"),
    ("article, 50 comments, signed-in commenter", busy.url, "writer"),
    ("article, 50 comments, commenter in edit window", busy.url, "fresh"),
    ("search", "/zoeken/?q=schuldhulp", None),
    ("events", EventIndexPage.objects.first().url, None),
    ("event page", event.url, None),
    ("member directory (signed in)", "/leden/", "reader"),
    ("member profile", f"/leden/{profile.user_id}/", None),
    ("voor jou (signed in)", "/voor-jou/", "reader"),
    ("meldingen (signed in)", "/meldingen/", "writer"),
    ("questions", question_index.url, None),
    ("question, 30 answers", busy_question.url, None),
    ("question, 30 answers, signed-in reader", busy_question.url, "reader"),
]
clients = {None: Client(HTTP_HOST="127.0.0.1")}
for role, member in (("reader", reader), ("writer", writer), ("fresh", fresh)):
    clients[role] = Client(HTTP_HOST="127.0.0.1")
    clients[role].force_login(member)
rows = []
for number, (name, url, personal) in enumerate(pages):
    client = clients[personal]
    joiner = "&" if "?" in url else "?"
    # Warm as a running site is (renditions, settings rows, shared page parts), then measure
    # a render the full-page cache cannot answer (a query string nobody asked for before).
    client.get(f"{url}{joiner}warm={number}a")
    client.get(f"{url}{joiner}warm={number}b")
    with CaptureQueriesContext(connection) as context:
        response = client.get(f"{url}{joiner}probe={number}")
    statements = [query["sql"] for query in context.captured_queries]
    rows.append({
        "name": name, "url": url, "personal": personal, "status": response.status_code,
        "queries": len(statements), "duplicates": len(statements) - len(set(statements)),
        "bytes": len(response.content),
    })
comments = Comment.objects.filter(page_id=busy_id, status="published").count()
sessions = {
    role: clients[role].cookies["sessionid"].value for role in ("reader", "writer", "fresh")
}
print(json.dumps({"rows": rows, "sessions": sessions, "busy_comments": comments}))
"""


def probe_pages(env, busy_id):
    output = subprocess.run(
        [PYTHON, "-c", PROBE, str(busy_id)],
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# --- gunicorn and load ------------------------------------------------------------------------


class Server:
    def __init__(self, env, port):
        self.port = port
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "vakgenoten.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_rss_mb(self):
        children = subprocess.run(
            ["ps", "-o", "pid=,rss=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
        ).stdout.split()
        return [int(rss) / 1024 for rss in children[1::2]]

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def ensure_wrk():
    if shutil.which("wrk"):
        return True
    if shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False)
    return bool(shutil.which("wrk"))


def to_ms(text):
    value = float(re.match(r"[\d.]+", text).group())
    if text.endswith("us"):
        return value / 1000
    if text.endswith("ms"):
        return value
    if text.endswith("m"):
        return value * 60_000
    return value * 1000  # seconds


def load_with_wrk(url, seconds, cookie=None):
    command = ["wrk", "-t1", "-c1", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(latency["50"]),
        "p99": to_ms(latency["99"]),
        "requests": requests,
        "errors": "Non-2xx" in output or "Socket errors" in output,
    }


def load_with_python(url, seconds, cookie=None):
    """The fallback when wrk cannot be installed: one client, sequential requests."""
    timings = []
    errors = False
    deadline = time.monotonic() + seconds
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    while time.monotonic() < deadline:
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
            errors = errors or response.status != 200
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "rps": len(timings) / seconds,
        "p50": timings[len(timings) // 2],
        "p99": timings[min(len(timings) - 1, int(len(timings) * 0.99))],
        "requests": len(timings),
        "errors": errors,
    }


def timed_get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return (time.perf_counter() - started) * 1000, status, body


def search_p95(server, rounds=20):
    for term in SEARCH_TERMS:  # warm the workers and PostgreSQL's buffers
        timed_get(server.url("/zoeken/?q=" + urllib.request.quote(term)))
    timings = []
    for round_number in range(rounds):
        for term in SEARCH_TERMS:
            page = "" if round_number % 4 else "&page=2"
            ms, status, _body = timed_get(
                server.url("/zoeken/?q=" + urllib.request.quote(term) + page)
            )
            if status == 200:
                timings.append(ms)
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "count": len(timings),
    }


# --- the run ----------------------------------------------------------------------------------


def measure(env, size_name, busy_id, seconds, loader, media_root, with_extras):
    log(f"{size_name}: queries per page")
    probe = probe_pages(env, busy_id)
    port = free_port()
    log(f"{size_name}: gunicorn on 127.0.0.1:{port}")
    server = Server(env, port)
    total_requests = 0
    try:
        for row in probe["rows"]:
            url = server.url(row["url"])
            role = row["personal"]
            cookie = f"sessionid={probe['sessions'][role]}" if role else None
            # Steady state: three seconds to fill the page cache and each worker's shared parts.
            loader(url, 3, cookie)
            result = loader(url, seconds, cookie)
            total_requests += result["requests"] + 1
            _ms, _status, body = timed_get(url, {"Cookie": cookie} if cookie else {})
            row.update(result, gzip_bytes=len(gzip.compress(body, 6)), served_bytes=len(body))
        extras = {}
        if with_extras:
            log(f"{size_name}: search p95")
            extras["search"] = search_p95(server)
            # Fill up to 10,000 requests on these workers before reading their memory.
            remaining = max(0, 10_000 - total_requests - extras["search"]["count"])
            home = server.url("/")
            while remaining > 0:
                result = loader(home, 2)
                remaining -= result["requests"]
                total_requests += result["requests"]
            extras["rss_mb"] = server.worker_rss_mb()
            extras["requests_served"] = total_requests + extras["search"]["count"]
    finally:
        server.stop()
    return probe, extras


def print_table(size_name, sizes, probe, extras):
    rows = probe["rows"]
    health = next(row for row in rows if row["url"] == "/healthz")
    print(f"\n### {size_name}: {sizes['articles']:,} articles".replace(",", "."))
    print(
        f"({sizes['members']} members, {sizes['events']} events, "
        f"{sizes['comments']} comments per article; measured article: "
        f"{probe['busy_comments']} published comments)\n"
    )
    print(
        "| page | req/s | p50 ms | p99 ms | % of /healthz | queries (uncached) "
        "| repeated SQL | KB | KB gzip |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        share = 100 * row["rps"] / health["rps"] if health["rps"] else 0
        status = "" if row["status"] == 200 and not row["errors"] else " (errors!)"
        print(
            f"| {row['name']}{status} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} "
            f"| {share:.1f}% | {row['queries']} | {row['duplicates']} "
            f"| {row['served_bytes'] / 1024:.1f} | {row['gzip_bytes'] / 1024:.1f} |"
        )
    if extras:
        search = extras["search"]
        print(
            f"\nSearch over {sizes['articles']:,} articles ({search['count']} requests, ten "
            f"terms): p50 {search['p50']:.1f} ms, p95 {search['p95']:.1f} ms."
        )
        print("First-visit weight in a browser (every request, LCP, CLS): make bench-frontend.")
        rss = ", ".join(f"{value:.0f} MB" for value in extras["rss_mb"])
        print(f"gunicorn worker RSS after {extras['requests_served']:,} requests: {rss}.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="load per page (default 5 s)")
    parser.add_argument("--large", type=int, default=LARGE["articles"])
    parser.add_argument("--small", type=int, default=SMALL["articles"])
    args = parser.parse_args()
    started = time.monotonic()
    media_root = ROOT / "var" / "bench-media"
    media_root.mkdir(parents=True, exist_ok=True)
    env = bench_env(media_root)
    # Several gunicorn workers share one page cache, as production requires (settings refuse
    # a per-process cache): a private Redis for the run.
    redis, env["REDIS_URL"] = processes.start_redis(ROOT / "var", ROOT)
    atexit.register(redis.stop)
    loader = load_with_wrk if ensure_wrk() else load_with_python
    log(f"load client: {'wrk' if loader is load_with_wrk else 'Python (wrk not found)'}")

    log(f"database {DB_NAME}: create, migrate, demo content, static files")
    recreate_database(env)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")

    small = dict(SMALL, articles=args.small)
    large = dict(LARGE, articles=args.large)
    results = []
    busy_id = None
    seeded = 0
    for size_name, sizes in (("small", small), ("large", large)):
        log(f"{size_name}: bench/seed.py to {sizes['articles']} articles")
        output = seed(
            env,
            "--articles",
            str(sizes["articles"] - seeded),
            "--comments-per-article",
            str(sizes["comments"]),
            "--members",
            str(sizes["members"]),
            "--events",
            str(sizes["events"]),
            "--busy-article-comments",
            "50" if busy_id is None else str(sizes["comments"]),
            capture=True,
        )
        seeded = sizes["articles"]
        log(output.strip().splitlines()[-2] if output.strip() else "")
        if busy_id is None:
            busy_id = int(re.search(r"busy_article_id=(\d+)", output).group(1))
        manage(
            env,
            "shell",
            "-c",
            # As on a running site, where autovacuum has caught up after the bulk insert.
            "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
        )
        probe, extras = measure(
            env, size_name, busy_id, args.seconds, loader, media_root, size_name == "large"
        )
        results.append((size_name, sizes, probe, extras))

    print(f"\n## Vakgenoten benchmark, {time.strftime('%Y-%m-%d')}")
    print(
        f"PostgreSQL, gunicorn 2 sync workers, production settings, "
        f"{'wrk' if loader is load_with_wrk else 'Python client'} with 1 connection, "
        f"{args.seconds} s per page, {os.cpu_count()} cores."
    )
    for result in results:
        print_table(*result)
    log(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
