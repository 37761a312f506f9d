"""The embedded default holds under load: simultaneous registrations from several processes
and over HTTP all succeed, none fails with "database is locked".

The issue's report: on the demo database 3 of 4 simultaneous registrations got HTTP 500. These
tests start real processes (a script per process, a threaded ``runserver``) with the site's own
settings, as the demo runs them. On SQLite they share a database file (a copy of the test
database, read back afterwards), so the settings under test are the embedded default of
``vakgenoten.settings.base``: immediate transactions, a busy timeout and the write-ahead log.
On PostgreSQL the same tests run against the test database.
"""

import contextlib
import os
import sqlite3
import subprocess  # nosec B404 - runs this project's own manage.py and scripts
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from django.conf import settings
from django.db import connection
from django.test import Client

from events.models import Registration
from tests.factories import UserFactory
from tests.ports import free_port

pytestmark = pytest.mark.django_db(transaction=True)

PROCESSES = 6
PER_PROCESS = 3
CAPACITY = 10
REQUESTS = 8
CSRF_SECRET = "a" * 32  # a valid unmasked CSRF secret; the test sends it as cookie and header

CHILD = """
import pathlib, sys, time

import django

django.setup()

from django.contrib.auth import get_user_model
from django.db import connection

from events.models import EventPage
from events.registration import register

folder = pathlib.Path(sys.argv[1])
event = EventPage.objects.get(pk=int(sys.argv[2]))
users = list(get_user_model().objects.filter(pk__in=[int(pk) for pk in sys.argv[3:]]))
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode" if connection.vendor == "sqlite" else "SELECT 'n/a'")
    journal = cursor.fetchone()[0]
(folder / f"ready-{sys.argv[3]}").touch()
while not (folder / "go").exists():
    time.sleep(0.005)
for user in users:
    print(register(event, user=user).registration.status, journal, flush=True)
"""


@contextlib.contextmanager
def shared_database(tmp_path):
    """The DATABASE_URL other processes use to see (and change) this test's database."""
    if connection.vendor != "sqlite":
        params = connection.settings_dict
        user = quote(params["USER"] or "", safe="")
        password = quote(params["PASSWORD"] or "", safe="")
        auth = f"{user}:{password}@" if password else f"{user}@"
        host = params["HOST"] or "127.0.0.1"
        yield f"postgres://{auth}{host}:{params['PORT'] or 5432}/{params['NAME']}"
        return
    # Django's SQLite test database lives in this process's memory: copy it to a file for the
    # other processes, and copy the file back when they are done.
    path = tmp_path / "embedded.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    try:
        yield f"sqlite:///{path}"
    finally:
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()


def site_environment(database_url):
    """The settings the demo runs with, on ``database_url``; e-mail stays in memory."""
    env = {**os.environ, "DATABASE_URL": database_url}
    env["DJANGO_SETTINGS_MODULE"] = "vakgenoten.settings.test"
    env["PYTHONPATH"] = str(settings.BASE_DIR)
    return env


def test_members_registering_from_several_processes_at_once_all_succeed(make_event, tmp_path):
    event = make_event(capacity=CAPACITY)
    users = [UserFactory() for _ in range(PROCESSES * PER_PROCESS)]
    script = tmp_path / "register.py"
    script.write_text(CHILD)
    with shared_database(tmp_path) as database_url:
        env = site_environment(database_url)
        children = []
        for number in range(PROCESSES):
            batch = users[number * PER_PROCESS : (number + 1) * PER_PROCESS]
            children.append(
                subprocess.Popen(  # nosec B603 - our own script, no shell
                    [
                        sys.executable,
                        str(script),
                        str(tmp_path),
                        str(event.pk),
                        *(str(user.pk) for user in batch),
                    ],
                    cwd=settings.BASE_DIR,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
        deadline = time.monotonic() + 240
        while len(list(tmp_path.glob("ready-*"))) < PROCESSES:
            crashed = [child for child in children if child.poll() not in (None, 0)]
            assert not crashed, crashed[0].communicate()[1][-3000:]
            assert time.monotonic() < deadline, "the processes did not start in time"
            time.sleep(0.05)
        (tmp_path / "go").touch()  # all processes register from this moment on
        outputs = [child.communicate(timeout=240) for child in children]

    for child, (_out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err[-3000:]
        assert "database is locked" not in err
    lines = [line.split() for out, _err in outputs for line in out.splitlines()]
    assert len(lines) == PROCESSES * PER_PROCESS
    if connection.vendor == "sqlite":
        assert {journal for _status, journal in lines} == {"wal"}
    statuses = sorted(status for status, _journal in lines)
    waiting = PROCESSES * PER_PROCESS - CAPACITY
    assert statuses == ["registered"] * CAPACITY + ["waiting"] * waiting
    registered = Registration.objects.filter(event=event, status="registered")
    assert sorted(registered.values_list("seat", flat=True)) == list(range(1, CAPACITY + 1))
    assert Registration.objects.filter(event=event, status="waiting").count() == waiting


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_for_server(url, server, deadline):
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()[1][-3000:]
        try:
            urllib.request.urlopen(url, timeout=5).close()  # noqa: S310  # nosec B310 - local
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not start in time")


def test_simultaneous_registrations_over_http_never_end_in_an_error(make_event, tmp_path):
    """Eight members press "Aanmelden" in the same moment on a threaded server."""
    event = make_event(capacity=REQUESTS // 2)
    members = [UserFactory() for _ in range(REQUESTS)]
    sessions = []
    for member in members:
        client = Client()
        client.force_login(member)
        sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    port = free_port()
    base = f"http://127.0.0.1:{port}"

    with shared_database(tmp_path) as database_url:
        server = subprocess.Popen(  # nosec B603 - our own manage.py, no shell
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
                "--skip-checks",
            ],
            cwd=settings.BASE_DIR,
            env=site_environment(database_url),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_for_server(f"{base}/evenementen/agenda.ics", server, time.monotonic() + 180)
            barrier = threading.Barrier(REQUESTS)
            codes = [None] * REQUESTS
            opener = urllib.request.build_opener(NoRedirects)

            def post(index):
                request = urllib.request.Request(  # noqa: S310 - a local http URL
                    f"{base}/evenementen/{event.pk}/aanmelden/",
                    data=b"remark=",
                    headers={
                        "Cookie": f"{settings.SESSION_COOKIE_NAME}={sessions[index]}; "
                        f"{settings.CSRF_COOKIE_NAME}={CSRF_SECRET}",
                        "X-CSRFToken": CSRF_SECRET,
                        "Content-Type": "application/x-www-form-urlencoded",
                    },
                )
                barrier.wait(timeout=30)
                try:
                    with opener.open(request, timeout=120) as response:
                        codes[index] = response.status
                except urllib.error.HTTPError as answer:
                    codes[index] = answer.code

            threads = [threading.Thread(target=post, args=(i,)) for i in range(REQUESTS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=180)
        finally:
            server.terminate()
            _out, errors = server.communicate(timeout=30)

    assert codes == [302] * REQUESTS, errors[-3000:]
    assert "database is locked" not in errors
    registered = Registration.objects.filter(event=event, status="registered")
    assert sorted(registered.values_list("seat", flat=True)) == list(range(1, REQUESTS // 2 + 1))
    assert Registration.objects.filter(event=event, status="waiting").count() == REQUESTS // 2


def test_the_embedded_default_settings_wait_for_the_lock_and_use_the_write_ahead_log(tmp_path):
    """What a file database gets from ``vakgenoten.settings.base`` (asked in a fresh process,
    since the settings of this run may name PostgreSQL)."""
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "options = connection.settings_dict['OPTIONS']\n"
        "print(options['transaction_mode'], options['timeout'])\n"
        "with connection.cursor() as cursor:\n"
        "    for pragma in ('journal_mode', 'synchronous', 'busy_timeout'):\n"
        "        cursor.execute('PRAGMA ' + pragma)\n"
        "        print(cursor.fetchone()[0])\n"
    )
    env = site_environment(f"sqlite:///{Path(tmp_path) / 'probe.sqlite3'}")
    env["DJANGO_SETTINGS_MODULE"] = "vakgenoten.settings.base"
    result = subprocess.run(  # nosec B603 - our own interpreter, no shell
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # synchronous 1 is NORMAL; busy_timeout in milliseconds.
    assert result.stdout.split() == ["IMMEDIATE", "20", "wal", "1", "20000"]
