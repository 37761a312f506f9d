"""The stack test: the production shape on this machine, used only through nginx.

Started by ``make stack-test`` (bench/stack/run). It builds, from Debian packages and this
checkout: PostgreSQL (a throw-away database), its own Redis, nginx rendered from
``deploy/nginx/vakgenoten.conf.template`` with TLS in front of two gunicorn servers (two "nodes"
on two ports), two task workers, the scheduler and an SMTP sink. The site runs with the
production settings under a real host name (``vakgenoten.test``, mapped to 127.0.0.1 for
Chromium and for this process only) and its public address ``SITE_URL``.

Then, in Chromium and over HTTP, only through nginx and the public address, the journeys below
run; each prints what it proved. nginx logs which node served each request, so "both nodes" is
read from its log, not assumed. Exits 0 only when every journey held. Loopback only, bounded.
"""

import email
import json
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from email.policy import default as default_policy
from html import unescape
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT / "bench"))
import processes  # noqa: E402  (bench/processes.py)
from processes import Service, free_port, log, start_redis  # noqa: E402

HOST = "vakgenoten.test"
DB_NAME = "vakgenoten_stack"
PG_URL = os.environ.get("STACK_PG_URL", "postgres://postgres@127.0.0.1:5432")
RUN_ID = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
RUN_DIR = ROOT / "var" / "stack" / RUN_ID
TIME_LIMIT = int(os.environ.get("STACK_TIME_LIMIT", "600"))
LOAD_SECONDS = int(os.environ.get("STACK_LOAD_SECONDS", "30"))
PASSWORD = "een-lang-stack-wachtwoord-" + secrets.token_hex(4)


PORTS = {name: free_port() for name in ("https", "http", "node1", "node2", "redis", "smtp")}
ORIGIN = f"https://{HOST}:{PORTS['https']}"
NODES = {f"127.0.0.1:{PORTS['node1']}": "node1", f"127.0.0.1:{PORTS['node2']}": "node2"}

# This process resolves the site's host name to loopback, as Chromium does through
# --host-resolver-rules: the only stand-in in the whole run, for a DNS record.
_getaddrinfo = socket.getaddrinfo


def _resolve_site_host(host, *args, **kwargs):
    return _getaddrinfo("127.0.0.1" if host == HOST else host, *args, **kwargs)


socket.getaddrinfo = _resolve_site_host


class Failed(Exception):
    """A journey found the site not doing what it promises."""


def check(condition, message):
    if not condition:
        raise Failed(message)


# --- Setting up --------------------------------------------------------------------------------


def run(command, env=None, **kwargs):
    """Run a setup command to completion; output goes to the run's setup log."""
    with open(RUN_DIR / "setup.log", "a") as out:
        out.write(f"$ {' '.join(map(str, command))}\n")
        out.flush()
        subprocess.run(
            [str(c) for c in command],
            check=True,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env=env,
            **kwargs,
        )


def psql(sql):
    run(["psql", f"{PG_URL}/postgres", "-q", "-c", sql])


def site_env():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vakgenoten.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "SITE_URL": ORIGIN,
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": ORIGIN,
        "TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": f"{PG_URL}/{DB_NAME}",
        "REDIS_URL": f"redis://127.0.0.1:{PORTS['redis']}/0",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(PORTS["smtp"]),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "5",
        "MEDIA_ROOT": str(RUN_DIR / "media"),
        "SECURE_HSTS_SECONDS": "0",  # a throw-away name; nothing to pin in a browser
        "PAGE_CACHE_SECONDS": "600",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def make_certificate():
    """A self-signed certificate for the host name; Python trusts it, Chromium is told to."""
    key, cert = RUN_DIR / "tls.key", RUN_DIR / "tls.crt"
    run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", key, "-out", cert, "-subj", f"/CN={HOST}"]
        + ["-addext", f"subjectAltName=DNS:{HOST}"]
    )
    return cert, key


def render_nginx(cert, key):
    """The shipped site config, rendered as envsubst would, inside a minimal nginx.conf of
    this run (its own pid, logs and temp folders; a log line per request naming the node)."""
    values = {
        "SERVER_NAME": HOST,
        "HTTPS_PORT": str(PORTS["https"]),
        "HTTP_PORT": str(PORTS["http"]),
        "TLS_CERTIFICATE": str(cert),
        "TLS_CERTIFICATE_KEY": str(key),
        "STATIC_ROOT": str(ROOT / "staticfiles"),
        "MEDIA_ROOT": str(RUN_DIR / "media"),
        "UPSTREAM_SERVERS": "\n    ".join(
            f"server {address} max_fails=1 fail_timeout=5s;" for address in NODES
        ),
    }
    template = (ROOT / "deploy" / "nginx" / "vakgenoten.conf.template").read_text()
    site = re.sub(r"\$\{([A-Z_]+)\}", lambda m: values[m.group(1)], template)
    (RUN_DIR / "vakgenoten.conf").write_text(site)
    temp = RUN_DIR / "nginx-temp"
    temp.mkdir(mode=0o777, exist_ok=True)
    temp.chmod(0o777)
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    conf = f"""
{user}
worker_processes 2;
daemon off;
pid {RUN_DIR}/nginx.pid;
error_log {RUN_DIR}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    log_format stack '$msec $request_id $status "$upstream_addr" $request_method $request_uri';
    access_log {RUN_DIR}/nginx-access.log stack;
    include {RUN_DIR}/vakgenoten.conf;
}}
"""
    (RUN_DIR / "nginx.conf").write_text(conf)
    run(["nginx", "-t", "-c", RUN_DIR / "nginx.conf", "-e", RUN_DIR / "nginx-error.log"])
    return RUN_DIR / "nginx.conf"


def start_services(env, nginx_conf, redis):
    def gunicorn(name, port):
        return Service(
            name,
            # As deploy/ runs it (Containerfile, systemd): sync workers, which keep no
            # connection open after a response, so nginx opens one per request.
            [BIN / "gunicorn", "vakgenoten.wsgi", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", "2", "--timeout", "30", "--graceful-timeout", "25"]
            + ["--keep-alive", "5"],
            env,
            RUN_DIR,
            ROOT,
        )

    manage = [BIN / "python", "manage.py"]
    services = {
        "smtp": Service(
            "smtp-sink",
            [BIN / "python", ROOT / "bench" / "resilience" / "smtp_sink.py"]
            + ["--port", PORTS["smtp"], "--log", RUN_DIR / "mail.jsonl"]
            + ["--messages", RUN_DIR / "mail"],
            env,
            RUN_DIR,
            ROOT,
        ),
        "node1": gunicorn("node1", PORTS["node1"]),
        "node2": gunicorn("node2", PORTS["node2"]),
        "worker1": Service(
            "worker1", [*manage, "db_worker", "--queue-name", "*"], env, RUN_DIR, ROOT
        ),
        "worker2": Service(
            "worker2", [*manage, "db_worker", "--queue-name", "*"], env, RUN_DIR, ROOT
        ),
        # One scheduler per node, as the README allows: only the lease holder enqueues.
        "scheduler1": Service("scheduler1", [*manage, "scheduler"], env, RUN_DIR, ROOT),
        "scheduler2": Service("scheduler2", [*manage, "scheduler"], env, RUN_DIR, ROOT),
        "nginx": Service(
            "nginx",
            ["nginx", "-c", nginx_conf, "-e", RUN_DIR / "nginx-error.log"],
            env,
            RUN_DIR,
            ROOT,
        ),
    }
    services["redis"] = redis
    for name in ("smtp", "node1", "node2", "worker1", "worker2", "scheduler1", "scheduler2"):
        services[name].start()
    for name in ("nginx",):
        services[name].start()
    return services


def wait_for_port(port, limit=30):
    check(processes.wait_for_port(port, limit), f"niets luistert op poort {port}")


# --- Talking to the site over HTTP, as a client does --------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """An HTTP client for the public address: TLS checked against the run's certificate,
    cookies kept, redirects followed only when asked."""

    def __init__(self, cafile):
        self.cafile = cafile
        self.context = ssl.create_default_context(cafile=str(cafile))
        self.cookies = CookieJar()
        handlers = [
            urllib.request.HTTPSHandler(context=self.context),
            urllib.request.HTTPCookieProcessor(self.cookies),
        ]
        self.following = urllib.request.build_opener(*handlers)
        self.direct = urllib.request.build_opener(*handlers, NoRedirect)

    def request(self, url, data=None, follow=False, timeout=15, headers=None):
        """(status, headers, body text, final url); never raises for an HTTP status."""
        if url.startswith("/"):
            url = ORIGIN + url
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})
        opener = self.following if follow else self.direct
        try:
            with opener.open(request, timeout=timeout) as response:
                raw = response.read()
                return response.status, response.headers, raw.decode(errors="replace"), response.url
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace"), url


def wait_until_ready(client, limit=90):
    """Until /readyz answers 200 through nginx (the app servers are still starting)."""
    deadline = time.time() + limit
    while True:
        try:
            if client.request("/readyz", timeout=5)[0] == 200:
                return
        except OSError:
            pass
        check(time.time() < deadline, f"de site werd niet gereed binnen {limit} s; zie node1.log")
        time.sleep(0.5)


def csrf_token(html):
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    check(found, "geen CSRF-token in het formulier")
    return found.group(1)


# --- nginx's log: which node served what --------------------------------------------------------


def access_log(since):
    """nginx's log lines since a moment: (request id, status, upstream, method, uri) each."""
    for line in (RUN_DIR / "nginx-access.log").read_text().splitlines():
        at, *fields = line.split(" ", 5)
        if float(at) >= since:
            yield fields


def not_yet_logged(since, request_ids, patience=5.0):
    """The request ids nginx has not logged since a moment, after waiting for it a little: nginx
    writes a request's line after the answer has gone out, so the client can be quicker."""
    deadline = time.monotonic() + patience
    while True:
        missing = set(request_ids) - {request_id for request_id, *_rest in access_log(since)}
        if not missing or time.monotonic() > deadline:
            return missing
        time.sleep(0.1)


def served_by(since, path_prefix, method="GET"):
    """Counter of node names that served requests to this path since a moment."""
    nodes = Counter()
    for _request_id, _status, upstream, verb, uri in access_log(since):
        if verb != method or not uri.startswith(path_prefix):
            continue
        for address in upstream.strip('"').split(", "):
            nodes[NODES.get(address, address)] += 1
    return nodes


def on_both_nodes(since, path_prefix, method="GET", ask=None, tries=8):
    """Check that both nodes served this path since a moment. With ``ask`` (a function that
    requests it once more), ask again while one node has not yet: nginx's two worker processes
    each keep their own round robin, so a client alternating between two addresses on one
    connection can meet the same node for one of them every time."""
    nodes = served_by(since, path_prefix, method)
    for _attempt in range(tries if ask is not None else 0):
        if nodes.get("node1") and nodes.get("node2"):
            break
        ask()
        time.sleep(0.1)  # nginx logs a request once its answer has gone out
        nodes = served_by(since, path_prefix, method)
    check(
        nodes.get("node1") and nodes.get("node2"),
        f"{method} {path_prefix} niet door beide nodes beantwoord: {dict(nodes)}",
    )
    return nodes


# --- Mail captured by the sink -----------------------------------------------------------------


def messages(to=None):
    found = []
    for path in sorted((RUN_DIR / "mail").glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=default_policy)
        if to is None or to in str(message["To"]):
            found.append(message)
    return found


def text_of(message):
    parts = []
    for part in message.walk():
        if part.get_content_type() in {"text/plain", "text/html"}:
            parts.append(part.get_content())
    return "\n".join(parts)


def wait_for_mail(to, count, limit=60):
    deadline = time.time() + limit
    while time.time() < deadline:
        found = messages(to)
        if len(found) >= count:
            return found
        time.sleep(0.5)
    raise Failed(f"geen e-mail aan {to} binnen {limit} s")


def absolute_links(text):
    return set(re.findall(r"https?://[^\s\"'<>)\]]+", text))


# --- The editor's steps (bench/stack/editor.py, a third process on the same database) -----------


def editor(env, *arguments):
    result = subprocess.run(
        [str(BIN / "python"), str(HERE / "editor.py"), *map(str, arguments)],
        env=env,
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
    )
    check(result.returncode == 0, f"redactiestap {arguments} mislukte:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Journeys ------------------------------------------------------------------------------------


def journey_signup(browser_context, member):
    """Sign up in Chromium, verify with the e-mail's code, complete the profile with a photo."""
    page = browser_context.new_page()
    page.goto(ORIGIN + "/accounts/signup/")
    page.get_by_label("Voornaam").fill(member["first"])
    page.get_by_label("Achternaam").fill(member["last"])
    page.get_by_label("E-mailadres").fill(member["email"])
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    page.wait_for_load_state()
    check(
        "Bevestig je e-mailadres" in page.locator("h1").inner_text(),
        "na aanmelden geen pagina om het adres te bevestigen",
    )
    mail = wait_for_mail(member["email"], 1)[0]
    body = text_of(mail)
    code = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", body, re.M)
    check(code, "geen bevestigingscode in de e-mail")
    for link in absolute_links(body):
        response = page.context.request.get(link)
        check(response.status == 200, f"link in de bevestigingsmail gaf {response.status}: {link}")
    page.get_by_label("Code uit de e-mail").fill(code.group(1))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state()
    check("Mijn profiel" in page.locator("h1").inner_text(), "bevestigd lid komt niet bij profiel")

    photo = RUN_DIR / "photo.png"
    write_png(photo)
    page.get_by_label("Foto", exact=True).set_input_files(str(photo))
    page.get_by_role("button", name="Profiel opslaan").click()
    page.wait_for_load_state()
    image = page.locator("img.avatar, .profile img").first
    source = image.get_attribute("src")
    check(source and "/media/" in source, f"geen foto uit /media/ op het profiel: {source}")
    loaded = page.evaluate(
        "src => new Promise(done => { const i = new Image(); "
        "i.onload = () => done(i.naturalWidth); i.onerror = () => done(0); i.src = src; })",
        source,
    )
    check(loaded > 0, f"de foto laadt niet in de browser: {source}")

    # Out, and in again with the new password.
    page.goto(ORIGIN + "/accounts/logout/")
    page.locator("main").get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()
    page.goto(ORIGIN + "/accounts/login/")
    page.locator("input[name=login]").fill(member["email"])
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    page.goto(ORIGIN + "/mijn-account/profiel/")
    check("Mijn profiel" in page.locator("h1").inner_text(), "inloggen na uitloggen lukt niet")
    page.close()
    return (
        f"aangemeld als {member['email']}, code uit de e-mail, foto {loaded}px via {source}, "
        "uit- en weer ingelogd"
    )


def write_png(path):
    """A small real photo-like PNG (a gradient), made with Pillow (Wagtail's dependency)."""
    from PIL import Image

    image = Image.new("RGB", (240, 240))
    image.putdata([(x, y, (x + y) // 2) for y in range(240) for x in range(240)])
    image.save(path, "PNG")


def journey_media(client, page_html_paths):
    """Images and photos come from /media/ through nginx, as images, with nosniff."""
    checked = []
    for path in page_html_paths:
        _status, _headers, html, _url = client.request(path, follow=True)
        for source in re.findall(r'src="((?:https?://[^"]+)?/media/[^"]+)"', html):
            status, headers, _body, _final = client.request(source)
            check(status == 200, f"{source} gaf {status}")
            check(headers.get("Content-Type", "").startswith("image/"), f"{source} is geen beeld")
            check(headers.get("X-Content-Type-Options") == "nosniff", f"{source} zonder nosniff")
            checked.append(source)
    check(checked, "geen enkele afbeelding uit /media/ gevonden op de gecontroleerde pagina's")
    status, _h, _b, _u = client.request("/media/documents/geheim.pdf")
    check(status == 404, f"een document direct uit /media/documents/ gaf {status}, niet 404")
    return f"{len(checked)} afbeeldingen uit /media/ (200, image/*, nosniff); documenten niet"


def journey_event(browser_context, member, extra_links):
    """Register for an event in Chromium: the confirmation e-mail comes through the worker and
    the SMTP server; the personal calendar link is kept for the link check."""
    page = browser_context.new_page()
    page.goto(ORIGIN + "/agenda/")
    page.get_by_role("link", name=re.compile("Congres Samen Digitaal")).first.click()
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    page.wait_for_load_state()
    check(
        page.get_by_text("Je bent aangemeld").count() > 0,
        "aanmelden voor het congres niet bevestigd op de pagina",
    )
    mails = wait_for_mail(member["email"], 2)
    page.goto(ORIGIN + "/mijn-evenementen/")
    personal = page.get_by_label("Jouw agendalink").input_value()
    extra_links[personal] = "persoonlijke agendalink"
    page.close()
    return f"aangemeld; bevestiging '{mails[-1]['Subject']}' ontvangen; agendalink {personal}"


def journey_session(browser_context):
    """A member's session holds on whichever node answers."""
    page = browser_context.new_page()
    since = time.time()
    for _ in range(8):
        page.goto(ORIGIN + "/mijn-account/profiel/")
        check("Mijn profiel" in page.locator("h1").inner_text(), "sessie kwijt op een andere node")
    page.close()
    nodes = on_both_nodes(since, "/mijn-account/profiel/")
    return f"8 keer ingelogd gebleven, bediend door {dict(nodes)}"


def journey_comment(browser_context, client, env, member):
    """A member's comment, seen by visitors on both nodes, is gone for all at once when its
    writer deletes it."""
    target = editor(env, "article", 1)
    editor(env, "trust", member["email"])
    text = f"Stacktest-reactie {secrets.token_hex(3)}: wij doen dit samen met de buurgemeente."
    page = browser_context.new_page()
    page.goto(ORIGIN + target["path"])
    page.get_by_label("Je reactie").fill(text)
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.get_by_role("button", name="Plaatsen").click()
    page.wait_for_load_state()
    anonymous = Client(client.cafile)
    since = time.time()
    for _ in range(6):
        status, _h, html, _u = anonymous.request(target["path"])
        check(status == 200 and text in html, "geplaatste reactie niet zichtbaar voor bezoekers")
    on_both_nodes(since, target["path"])

    page.goto(ORIGIN + target["path"])
    comment = page.locator(".comment", has_text=text).first
    comment.get_by_role("link", name=re.compile("Verwijderen", re.I)).click()
    page.get_by_role("button", name=re.compile("verwijderen", re.I)).click()
    page.wait_for_load_state()
    page.close()
    since = time.time()
    for _ in range(10):
        status, _h, html, _u = anonymous.request(target["path"])
        check(text not in html, "verwijderde reactie nog zichtbaar op een node")
    nodes = on_both_nodes(since, target["path"])
    return f"reactie zichtbaar op beide nodes, na verwijderen weg op {dict(nodes)}"


def _unread_in_header(as_member, headers, expected, path="/leden/", tries=6):
    """Ask ``path`` ``tries`` times as the member; each answer's header must say ``expected``
    unread notifications (0: no count at all)."""
    for _ in range(tries):
        status, _h, html, _u = as_member.request(path, headers=headers)
        check(status == 200, f"{path} gaf {status}")
        header = html.split("</header>")[0]
        if expected:
            check(f"Meldingen, {expected} ongelezen" in header, "aantal ongelezen meldingen mist")
        else:
            check("ongelezen" not in header, "gelezen melding nog als ongelezen geteld")


def journey_notification(browser, sanne, client, env, member):
    """A reply posted through one node shows as an unread count for the member answered on the
    other node, and opening it clears the count on both (the count lives in the shared Redis)."""
    target = editor(env, "article", 2)
    editor(env, "trust", member["email"])
    replier = {"email": f"joris.{RUN_ID}@gemeente-stapel.example", "first": "Joris"}
    editor(env, "member", replier["email"], "Joris", "Stapelberg", PASSWORD)

    # Sanne (signed in since she signed up) writes; Joris answers her in a browser of his own.
    page = sanne.new_page()
    text = f"Meldingen-stacktest {secrets.token_hex(3)}: wie heeft hier ervaring mee?"
    page.goto(ORIGIN + target["path"])
    page.get_by_label("Je reactie").fill(text)
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.get_by_role("button", name="Plaatsen").click()
    page.wait_for_load_state()
    comment_id = page.locator(".comment", has_text=text).first.get_attribute("id").split("-")[-1]
    cookies = {c["name"]: c["value"] for c in sanne.cookies(ORIGIN)}
    signed_in = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
    as_sanne = Client(client.cafile)
    _unread_in_header(as_sanne, signed_in, 0, tries=1)

    joris = browser.new_context(ignore_https_errors=True, locale="nl-NL")
    answer = joris.new_page()
    answer.goto(ORIGIN + "/accounts/login/")
    answer.locator("input[name=login]").fill(replier["email"])
    answer.locator("input[name=password]").fill(PASSWORD)
    answer.get_by_role("button", name="Inloggen").click()
    answer.wait_for_load_state()
    since = time.time()
    answer.goto(f"{ORIGIN}{target['path']}?reageer={comment_id}#reageren")
    answer.get_by_label("Je reactie").fill("Wij wel, bel me gerust.")
    answer.get_by_role("button", name="Voorbeeld bekijken").click()
    answer.get_by_role("button", name="Plaatsen").click()
    answer.wait_for_load_state()
    posted_by = served_by(since, "/reacties/pagina/", "POST")
    joris.close()

    # A worker stores the notification; then every node shows Sanne the same count.
    deadline = time.time() + 60
    while True:
        status, _h, html, _u = as_sanne.request("/meldingen/", headers=signed_in)
        found = re.search(r'href="/meldingen/([0-9]+)/"', html)
        if status == 200 and found and "Meldingen, 1 ongelezen" in html:
            break
        check(time.time() < deadline, "geen melding van het antwoord binnen 60 s")
        time.sleep(0.5)
    check("Joris Stapelberg antwoordde op je reactie" in html, "melding noemt het antwoord niet")
    since = time.time()
    _unread_in_header(as_sanne, signed_in, 1)
    counted = on_both_nodes(since, "/leden/")

    # Opening the notification (a plain link) marks it read: the count is gone everywhere.
    status, headers, _html, _u = as_sanne.request(
        f"/meldingen/{found.group(1)}/", headers=signed_in
    )
    check(
        status == 302 and headers.get("Location", "").startswith("/reacties/"),
        f"melding openen gaf {status} {headers.get('Location')}",
    )
    since = time.time()
    _unread_in_header(as_sanne, signed_in, 0)
    cleared = on_both_nodes(since, "/leden/")
    page.close()
    return (
        f"antwoord geplaatst via {dict(posted_by)}; 1 ongelezen op {dict(counted)}; "
        f"na openen 0 op {dict(cleared)}"
    )


def _post_twice_at_once(cafile, path, data, cookies):
    """The same form sent twice at the same moment (a double click over a slow line): two
    connections, released together, so nginx hands them to its upstreams side by side."""
    start = threading.Barrier(2)
    answers = [None, None]
    headers = {
        "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "Origin": ORIGIN,
        "Referer": ORIGIN + path,
    }

    def send(slot):
        client = Client(cafile)
        start.wait(timeout=10)
        answers[slot] = client.request(path, data=data, headers=headers)[0]

    threads = [threading.Thread(target=send, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return answers


def _get_at_once(cafile, path, count):
    """``count`` GETs of ``path`` on as many connections, released together; their (status,
    headers, body)."""
    start = threading.Barrier(count)
    answers = [None] * count

    def send(slot):
        client = Client(cafile)
        start.wait(timeout=10)
        status, headers, body, _u = client.request(path)
        answers[slot] = (status, headers, body)

    threads = [threading.Thread(target=send, args=(slot,)) for slot in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    check(all(answers), f"niet alle {count} gelijktijdige verzoeken kregen antwoord")
    return answers


def journey_double_post_and_ban(browser_context, client, env, member):
    """A comment sent twice at once, to both nodes, is stored once; a moderator's ban holds on
    both nodes at once (the member sees why instead of the form), is mailed, and its lifting too."""
    target = editor(env, "article", 3)
    editor(env, "trust", member["email"])
    page = browser_context.new_page()
    page.goto(ORIGIN + target["path"])
    token = csrf_token(page.content())
    cookies = {c["name"]: c["value"] for c in browser_context.cookies(ORIGIN)}
    anonymous = Client(client.cafile)
    action = f"/reacties/pagina/{target['page_id']}/"
    both = None
    for _attempt in range(3):
        text = f"Dubbel verstuurd {secrets.token_hex(3)}: wij delen graag ons draaiboek."
        since = time.time()
        statuses = _post_twice_at_once(
            client.cafile,
            action,
            {"csrfmiddlewaretoken": token, "body": text, "parent": "", "post": "1"},
            cookies,
        )
        check(statuses == [302, 302], f"dubbel versturen gaf {statuses}, verwacht twee keer 302")
        nodes = served_by(since, action, "POST")
        logged_by = time.monotonic() + 5  # nginx logs a request once its answer has gone out
        while sum(nodes.values()) < 2 and time.monotonic() < logged_by:
            time.sleep(0.1)
            nodes = served_by(since, action, "POST")
        for _ in range(4):
            status, _h, html, _u = anonymous.request(target["path"])
            check(status == 200, f"artikel gaf {status}")
            check(html.count(text) == 1, f"dubbel verstuurde reactie {html.count(text)} keer")
        if nodes.get("node1") and nodes.get("node2"):
            both = nodes
            break
    check(both, f"de twee gelijktijdige posts kwamen nooit op beide nodes aan ({dict(nodes)})")

    mails_before = len(messages(member["email"]))
    signed_in = {
        "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "Origin": ORIGIN,
        "Referer": ORIGIN + target["path"],
    }
    as_member = Client(client.cafile)

    editor(env, "ban", member["email"], 600)
    banned_mail = wait_for_mail(member["email"], mails_before + 1)[-1]
    check("geschorst" in text_of(banned_mail).lower(), "de schorsingsmail noemt de schorsing niet")
    page.goto(ORIGIN + target["path"])
    check(page.get_by_text("niet reageren").count() > 0, "geschorst lid ziet geen uitleg")
    check(page.get_by_label("Je reactie").count() == 0, "geschorst lid krijgt het formulier")
    since = time.time()
    for _ in range(6):
        status, _h, html, _u = as_member.request(target["path"], headers=signed_in)
        check(status == 200 and "niet reageren" in html, "geschorst lid ziet geen uitleg")
        check('name="body"' not in html, "geschorst lid krijgt het formulier")
    on_both_nodes(since, target["path"])
    refused = as_member.request(
        action,
        data={"csrfmiddlewaretoken": token, "body": "Toch nog even dit.", "post": "1"},
        headers=signed_in,
    )
    check(
        refused[0] == 200 and "niet reageren" in refused[2], "post tijdens schorsing niet geweigerd"
    )
    check("Toch nog even dit." in refused[2], "getypte tekst kwijt na weigering")

    editor(env, "lift", member["email"])
    wait_for_mail(member["email"], mails_before + 2)
    since = time.time()
    for _ in range(6):
        status, _h, html, _u = as_member.request(target["path"], headers=signed_in)
        check(status == 200 and 'name="body"' in html, "formulier niet terug na opheffen")
    on_both_nodes(since, target["path"])
    page.close()
    both = dict(both)
    return f"één reactie uit twee gelijktijdige posts ({both}); schorsing en opheffen op 2 nodes"


def journey_feed(browser_context, client, env, member):
    """A member who follows a theme finds a news item published on it (by a third process) on
    "Voor jou" on both nodes: personal, never from the shared page cache; visitors are sent to
    log in."""
    cookies = {c["name"]: c["value"] for c in browser_context.cookies(ORIGIN)}
    signed_in = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
    as_member = Client(client.cafile)
    followed = editor(env, "follow-theme", member["email"])
    status, headers, html, _u = as_member.request("/voor-jou/", headers=signed_in)
    check(status == 200 and "<h1" in html and "Voor jou" in html, f"Voor jou gaf {status}")
    check("no-store" in headers.get("Cache-Control", ""), "Voor jou is niet privé")
    check("Je volgt nog niets" not in html, "Voor jou ziet het gevolgde thema niet")

    news = editor(env, "publish-news", followed["theme"])
    since = time.time()
    for _ in range(8):
        status, headers, html, _u = as_member.request("/voor-jou/", headers=signed_in)
        check(status == 200, f"Voor jou gaf {status}")
        check(news["title"] in html, f"'{news['title']}' niet op Voor jou op elke node")
        check("X-Page-Cache" not in headers, "Voor jou kwam uit de gedeelde paginacache")
    nodes = on_both_nodes(since, "/voor-jou/")
    for _ in range(4):
        status, headers, html, _u = Client(client.cafile).request("/voor-jou/")
        check(
            status == 302 and "/accounts/login/" in headers.get("Location", ""),
            f"Voor jou gaf {status} aan een bezoeker",
        )
        check(news["title"] not in html, "Voor jou toonde een bezoeker iets")
    return (
        f"thema '{followed['name']}' gevolgd; '{news['title']}' op Voor jou van "
        f"{member['email']} ({dict(nodes)}); bezoekers naar inloggen"
    )


def journey_member_message(browser_context, client, env, member):
    """A member writes to another member from the profile, through nginx: the sink gets the
    e-mail addressed to the recipient, answered to the writer (Reply-To), from the site; the
    writer's pages never show the recipient's address."""
    to = editor(env, "recipient", member["email"])
    page = browser_context.new_page()
    profile = f"/leden/{to['pk']}/"
    page.goto(ORIGIN + profile)
    seen = [page.content()]
    page.get_by_role("link", name=re.compile("Stuur een bericht")).click()
    page.wait_for_load_state()
    seen.append(page.content())
    text = f"Stacktest-bericht {secrets.token_hex(3)}: hoe pakken jullie de inkoop aan?"
    page.get_by_label("Je bericht").fill(text)
    before = len(messages(to["email"]))
    page.get_by_role("button", name="Bericht versturen").click()
    page.wait_for_load_state()
    seen.append(page.content())
    check("Je bericht is verstuurd" in page.locator("h1").inner_text(), "geen bevestiging")
    page.close()
    check(all(to["email"] not in html for html in seen), "adres van de ontvanger zichtbaar")
    mail = wait_for_mail(to["email"], before + 1)[-1]
    body = text_of(mail)
    check(text in body, "de tekst van het bericht staat niet in de e-mail")
    check(member["email"] in str(mail["Reply-To"]), f"Reply-To is {mail['Reply-To']}")
    check(member["email"] not in str(mail["From"]), f"From is de afzender: {mail['From']}")
    check(mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", "geen one-click")
    report = [link for link in absolute_links(body) if "/berichten/melden/" in link]
    check(report and report[0].startswith(ORIGIN + "/"), f"meldlink niet op {ORIGIN}: {report}")
    status, _h, html, _u = Client(client.cafile).request(report[0][len(ORIGIN) :])
    check(status == 200 and "Bericht melden" in html, f"meldlink gaf {status}")
    return f"bericht aan lid {to['pk']} via de sink, Reply-To {mail['Reply-To']}, adres verborgen"


def journey_question(browser_context, client, env, member):
    """A member asks a question through nginx (preview, then post); a colleague's answer,
    posted by a third process, shows on both nodes; the member marks it as the answer that
    helped, and a visitor on either node sees that at once (the shared page cache purged)."""
    editor(env, "trust", member["email"])
    page = browser_context.new_page()
    page.goto(ORIGIN + "/vragen/stellen/")
    title = f"Stackvraag {secrets.token_hex(3)}: hoe plannen jullie de keukentafelgesprekken?"
    page.get_by_label("Je vraag in één zin").fill(title)
    page.get_by_label("Toelichting").fill("Wij lopen **zes weken** achter. Wie heeft een tip?")
    page.locator("input[name=themes]").first.check()
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.wait_for_load_state()
    check("Voorbeeld van je vraag" in page.locator("h1").inner_text(), "geen voorbeeld")
    page.get_by_role("button", name="Plaatsen").click()
    page.wait_for_load_state()
    check(page.locator("h1").inner_text().strip() == title, "de vraag staat niet online")
    path = page.url[len(ORIGIN) :].split("#")[0]

    answer = editor(env, "answer-question", title)
    since = time.time()
    visitor = Client(client.cafile)
    deadline = time.time() + 30
    while True:
        status, _h, html, _u = visitor.request(path)
        if status == 200 and "1 antwoord" in html and answer["text"] in html:
            break
        check(time.time() < deadline, "het antwoord verschijnt niet binnen 30 s")
        time.sleep(0.5)
    for _ in range(6):
        status, _h, html, _u = visitor.request(path)
        check(status == 200 and answer["text"] in html, f"antwoord mist op een node ({status})")
    answered = on_both_nodes(since, path)

    page.goto(ORIGIN + path)
    page.get_by_role("button", name=re.compile("Dit antwoord hielp")).click()
    page.wait_for_load_state()
    page.close()
    since = time.time()
    for _ in range(8):
        status, _h, html, _u = visitor.request(path)
        check("Het antwoord dat hielp" in html, "een node toont het gekozen antwoord niet")
    marked = on_both_nodes(since, path)
    return f"vraag {path}; antwoord op {dict(answered)}; 'hielp' op {dict(marked)}"


def journey_adoption(browser_context, client, env, member):
    """ "Wij doen dit ook": the member adds their organisation to a practice example through
    nginx; a visitor on either node sees it and the higher count at once (the page purged in
    the shared cache), and the example's contact person gets one e-mail without the member's
    address. A change of status shows on both nodes too."""
    scene = editor(env, "adoption-scene", member["email"])
    path, organisation = scene["path"], scene["organisation"]
    visitor = Client(client.cafile)
    for _ in range(4):  # fill both nodes' view of the cache with the old page
        visitor.request(path)
    before = len(messages(scene["contact_email"]))
    page = browser_context.new_page()
    page.goto(ORIGIN + path + "#wie-doet-dit-ook")
    note = f"Stacktest {secrets.token_hex(3)}: we beginnen na de zomer."
    page.get_by_label("Oriënterend").check()
    page.get_by_label("Toelichting (niet verplicht)").fill(note)
    page.get_by_role("button", name="Wij doen dit ook").click()
    page.wait_for_load_state()
    check("staat nu bij de organisaties" in page.content(), "geen bevestiging na toevoegen")
    count = scene["adopters"] + 1
    expected = f"{count} organisatie{'s doen' if count != 1 else ' doet'} dit ook."
    since = time.time()
    for _ in range(8):
        status, _h, html, _u = visitor.request(path)
        check(status == 200 and expected in html, f"telling mist op een node: {expected}")
        check(organisation in html and note in html, "organisatie of toelichting mist")
    added = on_both_nodes(since, path)
    page.get_by_label("Ingevoerd").check()
    page.get_by_role("button", name="Wijziging opslaan").click()
    page.wait_for_load_state()
    page.close()
    since = time.time()
    for _ in range(8):
        status, _h, html, _u = visitor.request(path)
        check("Ingevoerd" in html and note in html, "nieuwe stand mist op een node")
    changed = on_both_nodes(since, path)
    mail = wait_for_mail(scene["contact_email"], before + 1)[-1]
    body = text_of(mail)
    check(organisation in body and note in body, "organisatie of toelichting mist in de e-mail")
    check(member["email"] not in body, "het adres van het lid staat in de e-mail")
    return (
        f"{organisation} bij {path}: toegevoegd op {dict(added)}, bijgewerkt op "
        f"{dict(changed)}, e-mail aan {scene['contact_email']}"
    )


def journey_guest(browser, client):
    """A guest without an account registers through nginx, confirms with the link from the
    e-mail (on the public address), and the private page with the check-in code answers on
    both nodes; the confirmation carries the QR code; the guest cancels through the link. The
    agenda's calendar answers a repeat with its ETag with 304 through the proxy."""
    address = f"gast-{secrets.token_hex(3)}@stacktest.example"
    context = browser.new_context(ignore_https_errors=True)
    try:
        page = context.new_page()
        page.goto(ORIGIN + "/agenda/")
        page.get_by_role("link", name=re.compile("Regiobijeenkomst Noord")).first.click()
        guest = page.locator(".registration-box__guest")
        guest.get_by_label("Naam").fill("Stacktest Gast")
        guest.get_by_label("E-mailadres").fill(address)
        guest.get_by_role("button", name="Aanmelden als gast").click()
        page.wait_for_load_state()
        check(
            "Kijk in je e-mail" in page.content(), "geen 'Kijk in je e-mail' na het gastformulier"
        )
        mail = wait_for_mail(address, 1)[-1]
        found = [link for link in absolute_links(text_of(mail)) if "/gast/bevestigen/" in link]
        check(found and found[0].startswith(ORIGIN + "/"), f"bevestigingslink niet op {ORIGIN}")
        page.goto(found[0])
        page.get_by_role("button", name="Ja, meld mij aan").click()
        page.wait_for_load_state()
        check("Je bent aangemeld" in page.content(), "gast niet aangemeld na bevestigen")
        private = page.url[len(ORIGIN) :]
        check(private.startswith("/evenementen/aanmelding/"), f"geen eigen pagina: {private}")
        confirmation = wait_for_mail(address, 2)[-1]
        check(
            ORIGIN + private in text_of(confirmation),
            "de bevestiging mist de link naar de aanmelding",
        )
        attachments = [part.get_filename() or "" for part in confirmation.iter_attachments()]
        check(any(name.endswith(".png") for name in attachments), f"geen QR-code: {attachments}")
        visitor = Client(client.cafile)
        since = time.time()
        for _ in range(6):
            status, headers, html, _u = visitor.request(private)
            check(status == 200 and "Je code om in te checken" in html, f"eigen pagina: {status}")
            check("no-store" in headers.get("Cache-Control", ""), "eigen pagina wordt bewaard")
        nodes = on_both_nodes(since, private)
        page.get_by_role("link", name="Afmelden").click()
        page.get_by_role("button", name="Ja, meld mij af").click()
        page.wait_for_load_state()
        check("Je bent afgemeld" in page.content(), "afmelden via de eigen link mislukte")
    finally:
        context.close()
    status, headers, _body, _u = client.request("/evenementen/agenda.ics")
    etag = headers.get("ETag", "")
    check(status == 200 and etag, f"agenda.ics zonder ETag ({status})")
    since = time.time()
    for _ in range(6):
        status, _h, _b, _u = client.request(
            "/evenementen/agenda.ics", headers={"If-None-Match": etag}
        )
        check(status == 304, f"agenda.ics met If-None-Match gaf {status}, geen 304")
    feed_nodes = on_both_nodes(since, "/evenementen/agenda.ics")
    return (
        f"{address}: aangemeld, eigen pagina op {dict(nodes)}, afgemeld; "
        f"agenda.ics 304 op {dict(feed_nodes)}"
    )


def journey_interview_approval(client, env):
    """An interview submitted for review mails each interviewee a link on the public address;
    the link opens the submitted version through nginx on both nodes, privately and for this
    person only, and once everyone approved the review moves on to the editors."""
    submitted = editor(env, "submit-interview")
    emails = submitted["emails"]
    check(emails, "de demo-interviews hebben geen e-mailadressen van geïnterviewden")
    for address in emails:
        mail = wait_for_mail(address, 1)[-1]
        found = [link for link in absolute_links(text_of(mail)) if "/interview-akkoord/" in link]
        check(found and found[0].startswith(ORIGIN + "/"), f"akkoordlink niet op {ORIGIN}: {found}")
        path = found[0][len(ORIGIN) :]
        interviewee = Client(client.cafile)
        since = time.time()
        for _ in range(6):
            status, headers, html, _u = interviewee.request(path)
            check(status == 200, f"akkoordlink gaf {status}")
            check("no-store" in headers.get("Cache-Control", ""), "akkoordpagina is niet privé")
            check("noindex" in headers.get("X-Robots-Tag", ""), "akkoordpagina mag geïndexeerd")
            check(
                "Bijgewerkt voor de stacktest" in html,
                "akkoordpagina toont de ingediende versie niet",
            )
        on_both_nodes(since, path)
        status, _h, _html, _u = interviewee.request(
            path,
            data={"csrfmiddlewaretoken": csrf_token(html), "decision": "akkoord", "note": ""},
            headers={"Origin": ORIGIN, "Referer": ORIGIN + "/"},
        )
        check(status == 302, f"akkoord geven gaf {status}")
        status, _h, html, _u = interviewee.request(path)
        check(status == 200 and "Bedankt voor je antwoord" in html, "geen bevestiging na akkoord")
    state = editor(env, "approvals", submitted["page_id"])
    check(state["answers"] == ["akkoord"] * len(emails), f"antwoorden: {state['answers']}")
    check(state["current_task"] == "Beoordeling door de redactie", f"review staat op {state}")
    return f"{len(emails)} geïnterviewden gaven akkoord via {ORIGIN}; nu bij de redactie"


def _knowledge_base_titles(client):
    """Every card title of the knowledge base, page by page (a number past the last page gives
    the last page again)."""
    titles, previous = [], None
    for number in range(1, 50):
        status, _h, html, _u = client.request(f"/kennisbank/?page={number}")
        check(status == 200, f"kennisbank, pagina {number}, gaf {status}")
        cards = _card_titles(html)
        if not cards or cards == previous:
            break
        titles += cards
        previous = cards
    return titles


def journey_restriction(client, env):
    """A page made members-only is gone for visitors on both nodes at once: the page itself,
    and its card in the knowledge base (lists read the restricted sections from the shared
    cache)."""
    target = editor(env, "article", 2)
    since = time.time()
    for _ in range(6):
        status, _h, html, _u = client.request(target["path"])
        check(status == 200 and target["title"] in html, "artikel niet leesbaar vóór afscherming")
    on_both_nodes(since, target["path"])
    check(
        target["title"] in _knowledge_base_titles(client),
        "artikel niet in de kennisbank vóór afscherming",
    )
    editor(env, "restrict", 2)
    since = time.time()
    for _ in range(10):
        status, headers, html, _u = client.request(target["path"])
        check(
            status == 302 and "/accounts/login/" in headers.get("Location", ""),
            f"afgeschermd artikel gaf {status} aan een bezoeker",
        )
    nodes = on_both_nodes(since, target["path"])
    since = time.time()
    walks = 0
    while walks < 2 or len(served_by(since, "/kennisbank/")) < 2:
        check(walks < 6, "de kennisbank kwam niet van beide nodes")
        # One request more between walks, so each walk's pages fall to the other node.
        client.request("/kennisbank/?page=1")
        check(
            target["title"] not in _knowledge_base_titles(client),
            "afgeschermd artikel staat nog in de kennisbank van een bezoeker",
        )
        walks += 1
    lists = on_both_nodes(since, "/kennisbank/")
    return (
        f"direct na afschermen 10 van 10 bezoekers naar inloggen gestuurd ({dict(nodes)}); "
        f"kaartje meteen uit de kennisbank ({dict(lists)})"
    )


def journey_calendar_feed(client, env):
    """The public calendar feed, which the app servers keep in the shared cache, carries an
    event an editor publishes at the very next poll on both nodes. Until then a calendar
    program's copy (If-None-Match) is answered 304 by either node, with one ETag for both."""
    path = "/evenementen/agenda.ics"
    since = time.time()
    etags = set()
    for _ in range(6):
        status, headers, body, _u = client.request(path)
        check(status == 200 and "BEGIN:VCALENDAR" in body, f"agenda-feed gaf {status}")
        etags.add(headers.get("ETag"))
    check(len(etags) == 1, f"de nodes geven de feed verschillende ETags: {etags}")
    etag = etags.pop()
    for _ in range(4):
        status, _h, _body, _u = client.request(path, headers={"If-None-Match": etag})
        check(status == 304, f"ongewijzigde feed gaf {status} in plaats van 304")
    read_nodes = on_both_nodes(since, path)

    title = f"Stacktest-webinar {time.strftime('%H%M%S')}"
    editor(env, "publish-event", title)
    # Four calendar programs poll at the same moment: one worker makes the new file, the
    # others wait for it (vakgenoten.cache.made_once), so all four get the very same bytes.
    since = time.time()
    at_once = _get_at_once(client.cafile, path, 4)
    for status, _h, body in at_once:
        check(status == 200, f"feed gaf bij gelijktijdig ophalen {status}")
        check(title in body.replace("\r\n ", ""), "gelijktijdig opgehaalde feed mist het webinar")
    check(
        len({body for _s, _h, body in at_once}) == 1,
        "gelijktijdige polls kregen elk een eigen feed",
    )
    together_nodes = served_by(since, path)
    since = time.time()
    for _ in range(6):
        status, headers, body, _u = client.request(path, headers={"If-None-Match": etag})
        check(status == 200, f"feed gaf na publiceren {status} op de oude ETag")
        # iCalendar folds lines longer than 75 octets: a new line that starts with a space.
        check(title in body.replace("\r\n ", ""), "een node gaf de feed zonder het nieuwe webinar")
        check(headers.get("ETag") != etag, "de feed kreeg na publiceren geen nieuwe ETag")
    fresh_nodes = on_both_nodes(since, path)
    return (
        f"feed met één ETag, 304 op beide nodes ({dict(read_nodes)}); nieuw webinar meteen in "
        f"de feed ({dict(fresh_nodes)}); 4 gelijktijdige polls kregen één bestand "
        f"({dict(together_nodes)})"
    )


def _signed_in(cafile, email):
    """A client signed in through nginx with the login form, as a member's browser would be."""
    member = Client(cafile)
    _s, _h, html, _u = member.request("/accounts/login/")
    status, _h, _html, _u = member.request(
        "/accounts/login/",
        {"csrfmiddlewaretoken": csrf_token(html), "login": email, "password": PASSWORD},
        headers={"Referer": ORIGIN + "/accounts/login/"},
    )
    check(status == 302, f"inloggen als {email} gaf {status}")
    return member


def journey_closed_network(client, env):
    """An article of a closed network, just published by an editor: every visitor is sent to
    sign in on both nodes; a member of the network reads it on both nodes; a member of another
    network gets 403 without its text; the knowledge base, from the page cache, never lists it
    for visitors."""
    scene = editor(env, "closed-network-scene", PASSWORD)
    path, title = scene["path"], scene["title"]
    visitor = Client(client.cafile)
    since = time.time()
    for _ in range(6):
        status, headers, html, _u = visitor.request(path)
        check(
            status == 302 and "/accounts/login/" in headers.get("Location", ""),
            f"besloten artikel gaf {status} aan een bezoeker",
        )
        check(title not in html, "een bezoeker kreeg de titel van het besloten artikel te zien")
    visitor_nodes = on_both_nodes(since, path)

    member = _signed_in(client.cafile, scene["member"])
    since = time.time()
    for _ in range(6):
        status, headers, html, _u = member.request(path)
        check(status == 200 and title in html, f"lid van het netwerk kreeg {status}")
        check("X-Page-Cache" not in headers, "het besloten artikel kwam uit de paginacache")
    member_nodes = on_both_nodes(since, path)

    outsider = _signed_in(client.cafile, scene["outsider"])
    since = time.time()
    for _ in range(6):
        status, _h, html, _u = outsider.request(path)
        check(status == 403, f"lid van {scene['outsider_network']} kreeg {status}, geen 403")
        check(title not in html, "een lid van een ander netwerk zag de titel")
        check(scene["network"] in html, "de weigering noemt het netwerk niet")
    outsider_nodes = on_both_nodes(since, path)

    since = time.time()
    cached = 0
    for _ in range(6):
        status, headers, html, _u = visitor.request("/kennisbank/")
        check(status == 200, f"kennisbank gaf {status}")
        check(headers.get("X-Page-Cache") in ("hit", "miss"), "kennisbank buiten de paginacache")
        check(title not in html, "de kennisbank toont een bezoeker het besloten artikel")
        cached += headers.get("X-Page-Cache") == "hit"
    listing_nodes = on_both_nodes(since, "/kennisbank/")
    return (
        f"bezoekers naar inloggen ({dict(visitor_nodes)}); lid leest het ({dict(member_nodes)}); "
        f"lid van {scene['outsider_network']} krijgt 403 ({dict(outsider_nodes)}); kennisbank "
        f"zonder het artikel ({dict(listing_nodes)}, {cached} van 6 uit de cache)"
    )


def journey_stored_pages(client, env):
    """Anonymous readers get a stored article from the page cache's front door on both nodes,
    each answer with the security headers, Permissions-Policy and nginx's own request id; an
    editor's new title is there on both nodes on the very next request."""
    target = editor(env, "article", 4)
    path = target["path"]
    visitor = Client(client.cafile)
    since = time.time()
    hits = []
    for _ in range(8):
        status, headers, html, _u = visitor.request(path)
        check(status == 200, f"artikel gaf {status}")
        check(target["title"] in html, "artikel zonder zijn titel")
        for name in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options"):
            check(headers.get(name), f"{headers.get('X-Page-Cache')}: zonder {name}")
        if headers.get("X-Page-Cache") == "hit":
            hits.append(headers.get("X-Request-ID"))
    check(len(hits) >= 6, f"{len(hits)} van 8 uit de paginacache")
    check(len(set(hits)) == len(hits), "opgeslagen pagina's delen een request-id")
    unlogged = not_yet_logged(since, hits)
    check(not unlogged, f"request-id van een opgeslagen pagina is niet die van nginx: {unlogged}")
    read_nodes = on_both_nodes(since, path)

    new_title = f"{target['title']} (bijgewerkt {time.strftime('%H:%M:%S')})"
    editor(env, "retitle", target["page_id"], new_title)
    # Eight visitors open it at the same moment, on both nodes: one renders it, the others
    # wait for that render and get it from the page cache (PAGE_CACHE_WAIT_SECONDS).
    since = time.time()
    together = _get_at_once(client.cafile, path, 8)
    for status, _h, html in together:
        check(status == 200 and new_title in html, f"gelijktijdig geopend: {status}, oude titel?")
    caching = Counter(headers.get("X-Page-Cache") for _s, headers, _b in together)
    check(caching == {"miss": 1, "hit": 7}, f"8 tegelijk: {dict(caching)}, niet één keer gemaakt")
    together_nodes = served_by(since, path)
    since = time.time()
    for _ in range(6):
        status, _h, html, _u = visitor.request(path)
        check(status == 200, f"artikel gaf na de wijziging {status}")
        check(new_title in html, "een node gaf na de wijziging de oude titel uit de cache")
    fresh_nodes = on_both_nodes(since, path)
    return (
        f"{len(hits)} van 8 uit de cache met nginx' request-id ({dict(read_nodes)}); nieuwe "
        f"titel meteen op beide nodes ({dict(fresh_nodes)}); 8 tegelijk na de wijziging: één "
        f"keer gemaakt, 7 keer uit de cache ({dict(together_nodes)})"
    )


# The title on each article card (blog/includes/article_card.html), in order.
CARD_TITLE = re.compile(r'<a class="card__link" href="[^"]*">([^<]*)</a>')


def _card_titles(html):
    return [unescape(title) for title in CARD_TITLE.findall(html)]


def journey_member_cards(client, env, member, self_publishing):
    """A member's knowledge base takes its page of cards from the shared cache (kept for every
    member of the same scope), never the page from the page cache: an article an editor
    publishes, and then renames, is the first card on the member's next request on both
    nodes. Only a scheduled page (``self_publishing``: their titles) may come before it: it goes
    live by itself, at a moment the scheduler picks, possibly during this journey."""
    reader = _signed_in(client.cafile, member["email"])
    for _ in range(2):
        status, _h, html, _u = reader.request("/kennisbank/")
        check(status == 200 and _card_titles(html), f"kennisbank van een lid gaf {status}")
    stamp = time.strftime("%H:%M:%S")
    published = editor(env, "publish-titled", f"Kaartje voor leden {stamp}")
    renamed = f"Kaartje voor leden, hernoemd {stamp}"
    counts = {}
    for step, title in (("gepubliceerd", published["title"]), ("hernoemd", renamed)):
        if step == "hernoemd":
            editor(env, "retitle", published["page_id"], renamed)
        since = time.time()
        for _ in range(6):
            status, headers, html, _u = reader.request("/kennisbank/")
            check(status == 200, f"kennisbank van een lid gaf {status}")
            check("X-Page-Cache" not in headers, "de kennisbank van een lid uit de paginacache")
            cards = _card_titles(html) or ["geen"]
            ahead = cards[: cards.index(title)] if title in cards else cards
            check(
                title in cards and set(ahead) <= set(self_publishing),
                f"{step}: eerste kaartje is '{cards[0]}', niet '{title}'",
            )
        counts[step] = dict(on_both_nodes(since, "/kennisbank/"))
    return (
        f"nieuw artikel meteen bovenaan ({counts['gepubliceerd']}), "
        f"nieuwe titel ook ({counts['hernoemd']})"
    )


def journey_home_and_search(client):
    """The roof on both nodes: the home page shows every domain's section, and one search finds
    articles and events together (sections are registered in each process at start-up)."""
    since = time.time()
    for _ in range(6):
        status, _h, html, _u = client.request("/")
        check(status == 200, f"startpagina gaf {status}")
        for section in (
            "featured-articles-title",
            "upcoming-events-title",
            "latest-comments-title",
        ):
            check(f'id="{section}"' in html, f"startpagina zonder sectie {section}")
    home_nodes = on_both_nodes(since, "/", "GET")
    since = time.time()
    for _ in range(6):
        status, _h, html, _u = client.request("/zoeken/?q=common+ground")
        check(status == 200, f"zoeken gaf {status}")
        found = re.findall(r'class="search-results__title"><a href="(/[^/"]+/)[^"]+"', html)
        check("/kennisbank/" in found, f"zoeken vond geen artikel over Common Ground: {found}")
        check("/agenda/" in found, f"zoeken vond geen evenement over Common Ground: {found}")
    search_nodes = on_both_nodes(since, "/zoeken/")
    return (
        f"drie secties op de startpagina ({dict(home_nodes)}), artikelen en evenementen in één "
        f"zoekopdracht ({dict(search_nodes)})"
    )


def journey_home_page_and_footer(client, member):
    """The home page's own text and the footer's statutory pages for a visitor and a member,
    on both nodes. The kept site carries the home page with its own fields deferred, and the
    home page reads them when it is the page asked for (``HomePage.route``); the footer reads
    the settings' linked pages (``SiteSettings.linked_pages``), "Mijn gegevens" too."""
    reader = _signed_in(client.cafile, member["email"])
    visitor = Client(client.cafile)
    counts = {}
    for who, browser in (("bezoeker", visitor), ("lid", reader)):
        address = f"/?reis={who}-{secrets.token_hex(3)}"  # an address no cache has seen
        since = time.time()
        for _ in range(6):
            status, _h, html, _u = browser.request(address)
            check(status == 200, f"startpagina voor een {who} gaf {status}")
            check('class="hero__intro"' in html, f"startpagina voor een {who} zonder intro")
            check(
                'href="/privacyverklaring/"' in html,
                f"voettekst voor een {who} zonder privacyverklaring",
            )
        ask_again = lambda browser=browser, address=address: browser.request(address)  # noqa: E731
        counts[who] = dict(on_both_nodes(since, address, ask=ask_again))
    status, _h, html, _u = reader.request("/mijn-account/gegevens/")
    check(
        status == 200 and 'href="/privacyverklaring/"' in html,
        f"'Mijn gegevens' gaf {status} of linkt de privacyverklaring niet",
    )
    return (
        f"intro en privacyverklaring voor bezoekers ({counts['bezoeker']}) en leden "
        f"({counts['lid']}); 'Mijn gegevens' linkt de privacyverklaring"
    )


def journey_collaborations(client):
    """The register on both nodes: the organisations in the menu, the map of a theme drawn as
    SVG with its table, a collaboration's page, and search finding collaborations."""
    since = time.time()
    for _ in range(6):
        status, _h, html, _u = client.request("/samenwerkingen/kaart/?thema=sociaal-domein")
        check(status == 200, f"kaart gaf {status}")
        check('class="collab-map__svg"' in html, "kaart zonder SVG")
        check("<circle" in html and "<line" in html, "kaart zonder stippen of lijnen")
        check("collab-table" in html, "kaart zonder tabel ernaast")
        check("Gemeente Oosterdijk" in html, "Oosterdijk niet op de kaart van sociaal domein")
    map_nodes = on_both_nodes(since, "/samenwerkingen/kaart/")
    status, _h, html, _u = client.request("/samenwerkingen/sociaal-domein-ommeland/")
    check(status == 200, f"pagina van een samenwerkingsverband gaf {status}")
    check("Sociale Dienst Ommeland-Oost" in html, "deelnemers ontbreken op de verbandpagina")
    status, _h, html, _u = client.request("/organisaties/?provincie=drenthe")
    check(status == 200 and "Gemeente Lindenholt" in html, f"organisaties in Drenthe: {status}")
    check('href="/organisaties/"' in html and 'href="/samenwerkingen/"' in html, "menu mist")
    status, _h, html, _u = client.request("/zoeken/?q=ommeland")
    check(status == 200, f"zoeken gaf {status}")
    check('id="search-collaborations-title"' in html, "zoeken vond geen samenwerkingsverband")
    return f"kaart met tabel op beide nodes ({dict(map_nodes)}), verband, register en zoeken"


def journey_first_visit(browser, client):
    """A first visit as a browser set to English makes it through nginx: the interface stays
    Dutch, one stylesheet, at most 10 requests, HTML compressed with a Cache-Control, and the
    icons and manifest at the root answer."""
    context = browser.new_context(ignore_https_errors=True, locale="en-US")
    seen = {}
    try:
        for path in ("/", "/kennisbank/", "/agenda/"):
            page = context.new_page()
            requests = []
            page.on("request", lambda request, kept=requests: kept.append(request))
            response = page.goto(ORIGIN + path, wait_until="networkidle")
            headers = response.all_headers()
            check(response.status == 200, f"{path} gaf {response.status}")
            check(
                page.locator("html").get_attribute("lang") == "nl", f"{path} niet in het Nederlands"
            )
            check(
                headers.get("content-encoding") == "gzip", f"{path} niet gecomprimeerd: {headers}"
            )
            check("cache-control" in headers, f"{path} zonder Cache-Control")
            sheets = [r.url for r in requests if r.resource_type == "stylesheet"]
            check(len(sheets) == 1, f"{path} laadt {len(sheets)} stylesheets: {sheets}")
            check(len(requests) <= 10, f"{path}: {len(requests)} verzoeken")
            seen[path] = len(requests)
            page.close()
    finally:
        context.close()
    for path, kind in (
        ("/favicon.ico", "image/"),
        ("/apple-touch-icon.png", "image/png"),
        ("/manifest.webmanifest", "application/manifest+json"),
    ):
        status, headers, _body, _url = client.request(path)
        check(status == 200, f"{path} gaf {status}")
        check(headers.get("Content-Type", "").startswith(kind), f"{path} is geen {kind}")
    return f"Nederlands voor een Engelse browser, één stylesheet, gzip; verzoeken per pagina {seen}"


def journey_login_limits(cafile, member):
    """Wrong passwords are counted for all nodes together."""
    client = Client(cafile)
    since = time.time()
    refusals = 0
    for attempt in range(1, 8):
        # One GET before a POST on odd attempts, two on even ones: with strict round robin
        # and one connection, a fixed GET-POST rhythm would send every POST to the same node.
        for _ in range(1 + attempt % 2):
            _s, _h, html, _u = client.request("/accounts/login/")
        status, _h, html, _u = client.request(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": csrf_token(html),
                "login": member["email"],
                "password": "fout" * 4,
            },
            headers={"Referer": ORIGIN + "/accounts/login/"},
        )
        if "Te veel" in html or "te vaak" in html or status == 429:
            refusals += 1
            check(attempt > 5, f"al bij poging {attempt} geweigerd")
    check(refusals >= 1, "na 7 foute pogingen nog geen weigering: telt elke node apart?")
    nodes = on_both_nodes(since, "/accounts/login/", "POST")
    return f"7 foute wachtwoorden over {dict(nodes)}: vanaf poging 6 geweigerd ({refusals}x)"


def journey_scheduled(client, env, scheduled):
    """The scheduled article goes live by itself and is on both nodes within 90 seconds."""
    # When it went live is read from the database below; the journeys before this one may take
    # longer than those 90 seconds on a busy machine, so look at least once more from here.
    deadline = max(scheduled["go_live_at"] + 90, time.time() + 10)
    since = None
    while True:
        status, _h, html, _u = client.request(scheduled["path"])
        if status == 200 and scheduled["title"] in html:
            since = since or time.time()
            break
        if time.time() >= deadline:
            break
        time.sleep(2)
    check(since, f"gepland artikel na 90 s niet live: {scheduled['path']}")
    for _ in range(6):
        status, _h, html, _u = client.request(scheduled["path"])
        check(status == 200, "gepland artikel niet op elke node live")
    on_both_nodes(since, scheduled["path"])
    state = editor(env, "published", scheduled["page_id"])
    went_live = state["first_published_at"] - scheduled["go_live_at"]
    check(0 <= went_live <= 90, f"live om {went_live:.0f} s na het geplande moment")
    check(
        state["publication_date"] == state["today"], "publicatiedatum is niet de dag van livegang"
    )
    check(state["publications"] == 1, f"{state['publications']} keer gepubliceerd, niet één keer")
    listed = client.request("/")[2]
    return (
        f"live {went_live:.0f} s na het geplande moment (één keer, met twee schedulers), "
        f"gedateerd {state['publication_date']}, "
        f"{'ook' if scheduled['title'] in listed else 'niet'} op de startpagina"
    )


def journey_links(client, cafile, extra_links):
    """Every absolute link in captured e-mail, the sitemap, a feed and a calendar answers 200,
    and all of them point at the one public address."""
    sources = dict(extra_links)
    for message in messages():
        for link in absolute_links(text_of(message)):
            sources.setdefault(link, f"e-mail '{message['Subject']}'")
    status, _h, sitemap, _u = client.request("/sitemap.xml", follow=True)
    check(status == 200, f"sitemap gaf {status}")
    for link in re.findall(r"<loc>([^<]+)</loc>", sitemap):
        sources.setdefault(link, "sitemap")
    knowledge_base = client.request("/kennisbank/", follow=True)[2]
    feeds = [
        re.search(r'href="([^"]+)"', tag).group(1)
        for tag in re.findall(r"<link[^>]+>", knowledge_base)
        if "rss+xml" in tag or "atom+xml" in tag
    ]
    check(feeds, "geen feed aangekondigd op de kennisbank")
    feed = client.request(feeds[0], follow=True)[2]
    for link in absolute_links(feed):
        if "w3.org" not in link and "purl.org" not in link:
            sources.setdefault(link, "feed")
    agenda = client.request("/agenda/", follow=True)[2]
    calendars = re.findall(r'href="([^"]+\.ics)"', agenda)
    check(calendars, "geen agenda-export (iCal) op de agenda")
    ical = client.request(calendars[0].replace("&amp;", "&"), follow=True)[2]
    ical = re.sub(r"\r?\n[ \t]", "", ical)  # unfold the long lines (RFC 5545, 3.1)
    for link in re.findall(r"^URL[^:]*:(\S+)", ical, re.M):
        sources.setdefault(link, "agenda")
    origins = {
        urllib.parse.urlsplit(link)._replace(path="", query="", fragment="").geturl()
        for link in sources
    }
    check(origins == {ORIGIN}, f"links naar meer dan één adres: {sorted(origins)}")
    broken = []
    for link, source in sorted(sources.items()):
        status = Client(cafile).request(link, follow=True)[0]
        if status != 200:
            broken.append(f"{status} {link} ({source})")
    check(not broken, "dode links:\n  " + "\n  ".join(broken))
    kinds = Counter(source.split(" ")[0] for source in sources.values())
    return f"{len(sources)} links, alle naar {ORIGIN}, alle 200 ({dict(kinds)})"


def journey_digest(client, env):
    """The digest job enqueued twice at once (two workers may take it): each member with news
    gets exactly one digest through SMTP, with the one-click unsubscribe and Auto-Submitted
    headers; the mail program's one-click POST through nginx switches the digest off."""
    scene = editor(env, "digest-scene", 3)
    editor(env, "digest-twice")
    for address in scene["emails"]:
        wait_for_mail(address, 1, limit=120)
    time.sleep(10)  # a second digest, if one were coming, would be here by now
    for address in scene["emails"]:
        found = messages(address)
        check(len(found) == 1, f"{len(found)} overzichten aan {address}, niet één")
        message = found[0]
        check(message["Auto-Submitted"] == "auto-generated", "Auto-Submitted ontbreekt")
        check(
            message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click",
            "List-Unsubscribe-Post ontbreekt",
        )
        unsubscribe = str(message["List-Unsubscribe"]).strip().strip("<>")
        check(unsubscribe.startswith(ORIGIN + "/"), f"afmeldlink niet op {ORIGIN}: {unsubscribe}")
        types = {part.get_content_type() for part in message.walk()}
        check({"text/plain", "text/html"} <= types, f"delen van het overzicht: {types}")
        check(scene["title"] in text_of(message), "het nieuwe artikel staat niet in het overzicht")
    state = editor(env, "digest-state", *scene["emails"])
    check(all(row["outbox"] == 1 for row in state.values()), f"uitgaande post: {state}")
    first = messages(scene["emails"][0])[0]
    path = str(first["List-Unsubscribe"]).strip().strip("<>")[len(ORIGIN) :]
    status, _h, _html, _u = client.request(path, data={"List-Unsubscribe": "One-Click"})
    check(status == 200, f"één-klik-afmelden gaf {status}")
    state = editor(env, "digest-state", scene["emails"][0])
    check(not state[scene["emails"][0]]["wants"], "na één-klik-afmelden komt het overzicht nog")
    return (
        f"taak twee keer tegelijk: {len(scene['emails'])} leden elk één overzicht "
        "(tekst + HTML, List-Unsubscribe-Post, Auto-Submitted); één klik zet het uit"
    )


def journey_redis_gone(services, client, env):
    """The shared cache server stops: on both nodes visitors still get every page, pictures
    included, and a member stays signed in, comments (kept, and told so), signs out and signs
    in again, all from the database. Once Redis is back, pages are kept in it again and show
    the comment."""
    email = f"zonder.redis.{RUN_ID}@gemeente-stapel.example"
    editor(env, "member", email, "Zonder", "Redis", PASSWORD)
    target = editor(env, "article", 0)
    path, comment = target["path"], f"Geplaatst zonder Redis {RUN_ID}"
    visitor, reader = Client(client.cafile), _signed_in(client.cafile, email)
    visitor.request(path)
    services["redis"].stop()
    since = time.time()
    try:
        for _ in range(4):
            status, headers, html, _u = visitor.request(path)
            check(status == 200, f"{path} gaf een bezoeker {status} zonder Redis")
            check("article-hero__image" in html, f"{path} zonder foto zonder Redis")
            check(headers.get("X-Page-Cache") != "hit", "een pagina uit een gestopte Redis?")
            status, _h, html, _u = reader.request("/mijn-account/profiel/")
            check(status == 200 and "Mijn profiel" in html, f"profiel zonder Redis gaf {status}")
            status, _h, html, _u = reader.request(path)
            check(status == 200 and "account-menu__logout" in html, "lid niet ingelogd op artikel")
        nodes = on_both_nodes(
            since, "/mijn-account/profiel/", ask=lambda: reader.request("/mijn-account/profiel/")
        )
        on_both_nodes(since, path, ask=lambda: visitor.request(path))
        # A comment: kept, and the member is told so, though its purge cannot reach Redis.
        status, _h, html, _u = reader.request(
            f"/reacties/pagina/{target['page_id']}/",
            {"csrfmiddlewaretoken": csrf_token(html), "body": comment, "post": "1"},
            headers={"Referer": ORIGIN + path},
        )
        check(status == 503 and "is opgeslagen" in html, f"reactie zonder Redis gaf {status}")
        _s, _h, html, _u = reader.request("/accounts/logout/")
        status, _h, _b, _u = reader.request(
            "/accounts/logout/",
            {"csrfmiddlewaretoken": csrf_token(html)},
            headers={"Referer": ORIGIN + "/accounts/logout/"},
        )
        check(status == 302, f"uitloggen zonder Redis gaf {status}")
        status, _h, _b, _u = reader.request("/mijn-account/profiel/")
        check(status == 302, f"na uitloggen zonder Redis gaf het profiel {status}, geen 302")
        status, _h, html, _u = _signed_in(client.cafile, email).request("/mijn-account/profiel/")
        check(status == 200 and "Mijn profiel" in html, f"opnieuw inloggen zonder Redis: {status}")
    finally:
        services["redis"].start()
    wait_for_port(PORTS["redis"])
    kept = []
    for _ in range(10):  # each node stores the page once it reaches Redis again
        kept.append(visitor.request(path)[1].get("X-Page-Cache"))
        if kept[-1] == "hit":
            break
        time.sleep(0.5)
    check(kept[-1] == "hit", f"na de terugkeer van Redis geen pagina meer bewaard: {kept}")
    check(comment in visitor.request(path)[2], "reactie van zonder Redis niet op de pagina")
    return (
        f"zonder Redis: artikel met foto, profiel, een reactie (opgeslagen, 503 met uitleg) en "
        f"uit- en inloggen via {dict(nodes)}; daarna weer bewaard ({len(kept)} verzoeken)"
    )


def journey_node_dies(services, cafile, paths):
    """One app server is killed during visitor load: no visitor notices."""
    stop = threading.Event()
    results = Counter()
    failures = []
    lock = threading.Lock()

    def visitor(number):
        client = Client(cafile)
        index = number
        while not stop.is_set():
            path = paths[index % len(paths)]
            index += 1
            try:
                status = client.request(path, timeout=20)[0]
            except OSError as error:
                status = f"geen antwoord ({error})"
            with lock:
                results["requests"] += 1
                if status not in (200, 301, 302):
                    failures.append(f"{status} {path}")

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(8)]
    started = time.time()
    for thread in threads:
        thread.start()
    time.sleep(LOAD_SECONDS / 3)
    services["node2"].kill()
    killed_at = time.time() - started
    time.sleep(LOAD_SECONDS - LOAD_SECONDS / 3)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    after = served_by(started + killed_at + 1, "/")
    check(not failures, f"{len(failures)} mislukte verzoeken: {failures[:5]}")
    check(not after.get("node2"), f"node2 beantwoordde nog verzoeken na kill: {dict(after)}")
    return (
        f"{results['requests']} verzoeken in {LOAD_SECONDS} s door 8 bezoekers, node2 gedood na "
        f"{killed_at:.0f} s: 0 mislukt"
    )


# --- The run -----------------------------------------------------------------------------------


def main():
    started = time.time()
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    (RUN_DIR / "mail").mkdir()
    log(f"Stacktest {RUN_ID}: uitvoer in {RUN_DIR}")
    env = site_env()
    services = {}
    results = []
    try:
        log("Redis, PostgreSQL-database, migreren, statische bestanden, demo-inhoud")
        services["redis"], _redis_url = start_redis(RUN_DIR, ROOT, PORTS["redis"])
        psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        psql(f"CREATE DATABASE {DB_NAME}")
        manage = [BIN / "python", "manage.py"]
        run([*manage, "migrate", "--noinput"], env=env)
        run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env)
        run([*manage, "load_demo"], env=env)
        cert, key = make_certificate()
        nginx_conf = render_nginx(cert, key)

        log("Starten: SMTP-sink, twee gunicorn-nodes, twee workers, twee schedulers, nginx")
        services = start_services(env, nginx_conf, services["redis"])
        for port in (PORTS["node1"], PORTS["node2"], PORTS["https"], PORTS["smtp"]):
            wait_for_port(port)
        base = Client(cert)
        wait_until_ready(base)
        log(f"Site draait op {ORIGIN} (nginx) voor {', '.join(NODES)}")

        scheduled = editor(env, "schedule", 40)
        log(f"Redactie plant '{scheduled['title']}' over 40 s")
        self_publishing = editor(env, "scheduled-titles")["titles"]

        from playwright.sync_api import sync_playwright

        links = {}
        member = {
            "first": "Sanne",
            "last": "Stapel",
            "email": f"sanne.{RUN_ID}@gemeente-stapel.example",
        }
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                headless=True,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    f"--host-resolver-rules=MAP {HOST} 127.0.0.1",
                ],
            )
            context = browser.new_context(ignore_https_errors=True, locale="nl-NL")
            journeys = [
                ("Aanmelden, bevestigen, profielfoto", lambda: journey_signup(context, member)),
                ("Sessie over nodes heen", lambda: journey_session(context)),
                ("Aanmelden voor een evenement", lambda: journey_event(context, member, links)),
                (
                    "Reactie verwijderd op beide nodes",
                    lambda: journey_comment(context, base, env, member),
                ),
            ]
            journeys.append(
                (
                    "Dubbel verstuurd, geschorst en weer vrij op beide nodes",
                    lambda: journey_double_post_and_ban(context, base, env, member),
                )
            )
            journeys.append(
                (
                    "Nieuw op Voor jou op beide nodes",
                    lambda: journey_feed(context, base, env, member),
                )
            )
            journeys.append(
                (
                    "Melding van een antwoord op beide nodes",
                    lambda: journey_notification(browser, context, base, env, member),
                )
            )
            journeys.append(
                (
                    "Vraag stellen, beantwoord, antwoord dat hielp op beide nodes",
                    lambda: journey_question(context, base, env, member),
                )
            )
            journeys.append(
                ("Eerste bezoek in een Engelse browser", lambda: journey_first_visit(browser, base))
            )
            journeys.append(
                ("Bericht aan een lid", lambda: journey_member_message(context, base, env, member))
            )
            journeys.append(
                (
                    "Wij doen dit ook, zichtbaar op beide nodes",
                    lambda: journey_adoption(context, base, env, member),
                )
            )
            journeys.append(
                ("Gast meldt zich aan en af, op beide nodes", lambda: journey_guest(browser, base))
            )
            for name, journey in journeys:
                results.append(run_journey(name, journey))
            browser.close()
        more = [
            ("Afgeschermd voor bezoekers op beide nodes", lambda: journey_restriction(base, env)),
            (
                "Agenda-feed bewaard en vers na publiceren, op beide nodes",
                lambda: journey_calendar_feed(base, env),
            ),
            (
                "Besloten netwerk: alleen leden lezen mee, op beide nodes",
                lambda: journey_closed_network(base, env),
            ),
            ("Afbeeldingen uit /media/", lambda: journey_media(base, ["/", "/leden/"])),
            ("Startpagina en zoeken over alle soorten", lambda: journey_home_and_search(base)),
            (
                "Startpagina en voettekst voor bezoekers en leden, op beide nodes",
                lambda: journey_home_page_and_footer(base, member),
            ),
            (
                "Opgeslagen pagina's vóór Django, vers na een wijziging, op beide nodes",
                lambda: journey_stored_pages(base, env),
            ),
            ("Organisaties, samenwerkingen en de kaart", lambda: journey_collaborations(base)),
            (
                "Kaartjes van de kennisbank voor leden op beide nodes",
                lambda: journey_member_cards(base, env, member, self_publishing),
            ),
            ("Inlogpogingen tellen over nodes heen", lambda: journey_login_limits(cert, member)),
            ("Gepland artikel gaat zelf live", lambda: journey_scheduled(base, env, scheduled)),
            ("Akkoord van geïnterviewden", lambda: journey_interview_approval(base, env)),
            ("Overzichtsmail één keer per lid", lambda: journey_digest(base, env)),
            ("Absolute links", lambda: journey_links(base, cert, links)),
            (
                "Redis valt weg: bezoekers en leden blijven bediend, op beide nodes",
                lambda: journey_redis_gone(services, base, env),
            ),
            (
                "Node valt weg onder belasting",
                lambda: journey_node_dies(
                    services, cert, ["/", "/kennisbank/", "/agenda/", "/zoeken/?q=omgevingswet"]
                ),
            ),
        ]
        for name, journey in more:
            check(time.time() - started < TIME_LIMIT, "tijdslimiet van de stacktest bereikt")
            results.append(run_journey(name, journey))
    except (Failed, OSError, subprocess.CalledProcessError) as failure:
        results.append(("Opbouw", False, f"{failure} (zie {RUN_DIR}/setup.log)"))
    finally:
        for service in reversed(list(services.values())):
            service.stop()
        psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")

    print(f"\nStacktest {RUN_ID}: {time.time() - started:.0f} s, via nginx op {ORIGIN}")
    for name, passed, detail in results:
        print(f"  {'OK  ' if passed else 'FOUT'} {name}: {detail}")
    failed = [r for r in results if not r[1]]
    print(f"{len(results) - len(failed)} van {len(results)} reizen geslaagd; logs in {RUN_DIR}")
    return 1 if failed or not results else 0


def run_journey(name, journey):
    log(name)
    try:
        detail = journey()
        log(f"  OK: {detail}")
        return (name, True, detail)
    except Failed as failure:
        log(f"  FOUT: {failure}")
        return (name, False, str(failure))
    except Exception as error:  # noqa: BLE001 (a broken journey is a failed journey, reported)
        log(f"  FOUT: {error!r}")
        return (name, False, repr(error))


if __name__ == "__main__":
    sys.exit(main())
