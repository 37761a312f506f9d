"""The resilience run: load, a PostgreSQL restart and a mail outage, each checked for losses.

Started by ``bench/resilience/run`` (or ``make resilience``); see bench/resilience/README.md.
It builds its own PostgreSQL cluster on a separate port, a production-like site (gunicorn, the
task worker, a local SMTP sink) and drives it with locust in three phases:

1. load  - readers and writers; no 5xx at all.
2. db    - the same load while the run's own PostgreSQL stops and starts again; requests
           during the outage get the friendly 503 page, /readyz says 503, the site recovers by
           itself.
3. mail  - the same load while the SMTP sink is down; comments and registrations still
           succeed, and once it is back every e-mail arrives, none twice.

After every phase: each acknowledged comment and registration must be in the database.
Exits 0 only when every guarantee held. Settings come from RES_* environment variables.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import processes  # noqa: E402  (bench/processes.py, shared with the stack test)
from processes import log  # noqa: E402

HERE = Path(__file__).resolve().parent
BIN = ROOT / ".venv" / "bin"


def env_int(name, default):
    return int(os.environ.get(name, str(default)))


USERS = env_int("RES_USERS", 50)
SPAWN_RATE = env_int("RES_SPAWN_RATE", 10)
LOAD_SECONDS = env_int("RES_LOAD_SECONDS", 300)
DB_PHASE_SECONDS = env_int("RES_DB_PHASE_SECONDS", 150)
DB_STOP_AT = env_int("RES_DB_STOP_AT", 45)
DB_DOWN_SECONDS = env_int("RES_DB_DOWN_SECONDS", 10)
MAIL_PHASE_SECONDS = env_int("RES_MAIL_PHASE_SECONDS", 150)
MAIL_STOP_AT = env_int("RES_MAIL_STOP_AT", 30)
MAIL_DOWN_SECONDS = env_int("RES_MAIL_DOWN_SECONDS", 60)
MAIL_DRAIN_SECONDS = env_int("RES_MAIL_DRAIN_SECONDS", 300)
CRON_EVERY = env_int("RES_CRON_SECONDS", 30)
RECOVERY_LIMIT = env_int("RES_RECOVERY_SECONDS", 30)
PORT = env_int("RES_PORT", 8765)
SMTP_PORT = env_int("RES_SMTP_PORT", 8025)
PG_PORT = env_int("RES_PG_PORT", 5434)
PG_CLUSTER = os.environ.get("RES_PG_CLUSTER", "vgresilience")
KEEP_CLUSTER = os.environ.get("RES_KEEP_CLUSTER", "") in {"1", "true", "yes"}
WORKERS = env_int("RES_GUNICORN_WORKERS", 2)
THREADS = env_int("RES_GUNICORN_THREADS", 4)
ACCOUNTS_PER_PHASE = env_int("RES_ACCOUNTS_PER_PHASE", 120)
PHASES = [p.strip() for p in os.environ.get("RES_PHASES", "load,db,mail").split(",") if p.strip()]
DB_NAME = "vakgenoten_resilience"
BASE_URL = f"http://127.0.0.1:{PORT}"

RUN_ID = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
RUN_DIR = ROOT / "var" / "resilience" / RUN_ID


def run(command, **kwargs):
    """Run a command to completion; its output goes to the run's setup log."""
    with open(RUN_DIR / "setup.log", "a") as out:
        out.write(f"$ {' '.join(map(str, command))}\n")
        out.flush()
        subprocess.run(command, check=True, stdout=out, stderr=subprocess.STDOUT, **kwargs)


# --- PostgreSQL: the run's own cluster -------------------------------------------------------


def pg_version():
    versions = sorted(
        (p.name for p in Path("/usr/lib/postgresql").glob("*") if p.name.isdigit()), key=int
    )
    return versions[-1] if versions else None


def ensure_postgresql_installed():
    if shutil.which("pg_createcluster") and pg_version():
        return
    if os.geteuid() != 0:
        sys.exit("PostgreSQL (postgresql-common) is missing; install it or run as root.")
    log("PostgreSQL ontbreekt; installeren met apt-get ...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", "postgresql"], env=env)


def cluster_exists(version):
    return Path(f"/etc/postgresql/{version}/{PG_CLUSTER}").exists()


def pg_ctl(version, action, *extra):
    run(["pg_ctlcluster", "--skip-systemctl-redirect", version, PG_CLUSTER, action, *extra])


def pg_ready():
    return (
        subprocess.run(
            ["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(PG_PORT)], check=False
        ).returncode
        == 0
    )


def start_cluster(version):
    if not cluster_exists(version):
        log(f"PostgreSQL-cluster {version}/{PG_CLUSTER} aanmaken op poort {PG_PORT}")
        run(
            ["pg_createcluster", version, PG_CLUSTER, "-p", str(PG_PORT), "--start-conf=manual"]
            + ["--", "--auth-local=trust", "--auth-host=trust"]
        )
    if not pg_ready():
        pg_ctl(version, "start")
    for _ in range(60):
        if pg_ready():
            return
        time.sleep(0.5)
    sys.exit(f"PostgreSQL answers not on port {PG_PORT}")


def psql(sql):
    run(["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-q", "-c", sql])


# --- The site: gunicorn, the task worker, the SMTP sink --------------------------------------


def site_env(redis_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vakgenoten.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",  # loopback without a TLS proxy in front
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/{DB_NAME}",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP_PORT),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "5",
        "SITE_URL": BASE_URL,
        "REDIS_URL": redis_url,  # several workers share one page cache
        "MEDIA_ROOT": str(RUN_DIR / "media"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def Service(name, command, env, restart=False):  # noqa: N802 (reads as the class it builds)
    return processes.Service(name, command, env, RUN_DIR, ROOT, restart=restart)


def http_get(path, timeout=10):
    """(status, headers, body) of a GET, without following redirects or raising on 5xx."""
    try:
        with urllib.request.urlopen(BASE_URL + path, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")
    except OSError as error:
        return 0, {}, str(error)


def wait_ready(limit):
    deadline = time.time() + limit
    while time.time() < deadline:
        if http_get("/readyz", timeout=3)[0] == 200:
            return time.time()
        time.sleep(0.5)
    return None


# --- Phases -----------------------------------------------------------------------------------


def start_load(phase, index, seconds):
    env = {
        **os.environ,
        "VKP_PLAN": str(RUN_DIR / "plan.json"),
        "VKP_RUN": RUN_ID,
        "VKP_PHASE": phase,
        "VKP_ACKS": str(RUN_DIR / "acks.jsonl"),
        "VKP_REPORT": str(RUN_DIR / f"locust-{phase}.json"),
        "VKP_ACCOUNT_OFFSET": str(index * ACCOUNTS_PER_PHASE),
    }
    command = [
        BIN / "locust",
        "-f",
        HERE / "locustfile.py",
        "--headless",
        "--users",
        str(USERS),
        "--spawn-rate",
        str(SPAWN_RATE),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        BASE_URL,
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    out = open(RUN_DIR / f"locust-{phase}.log", "w")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def sleep_until(moment):
    time.sleep(max(0, moment - time.time()))


def db_outage(version, started):
    """Stop the run's PostgreSQL, probe the site while it is down, start it, time recovery."""
    sleep_until(started + DB_STOP_AT)
    fault = {"stopped_at": time.time()}
    log(f"PostgreSQL stoppen ({DB_DOWN_SECONDS} s)")
    pg_ctl(version, "stop", "-m", "fast")
    time.sleep(1)
    probes = []
    while time.time() < fault["stopped_at"] + DB_DOWN_SECONDS:
        ready = http_get("/readyz", timeout=5)
        page = http_get(f"/zoeken/?q=storing{len(probes)}", timeout=10)
        probes.append(
            {
                "readyz": ready[0],
                "page": page[0],
                "friendly": "template-503" in page[2],
                "retry_after": page[1].get("Retry-After"),
            }
        )
        time.sleep(2)
    pg_ctl(version, "start")
    fault["started_at"] = time.time()
    log("PostgreSQL weer gestart; wachten op /readyz 200")
    fault["ready_at"] = wait_ready(120)
    fault["probes"] = probes
    return fault


def mail_outage(sink, started):
    sleep_until(started + MAIL_STOP_AT)
    fault = {"stopped_at": time.time()}
    log(f"Mailserver (sink) stoppen ({MAIL_DOWN_SECONDS} s)")
    sink.stop()
    time.sleep(MAIL_DOWN_SECONDS)
    sink.start()
    fault["started_at"] = time.time()
    log("Mailserver weer gestart")
    return fault


def run_phase(phase, index, seconds, fault=None):
    log(f"Fase {phase}: {USERS} gebruikers, {seconds} s")
    started = time.time()
    load = start_load(phase, index, seconds)
    outcome = {}
    if fault is not None:
        outcome = fault(started)
    load.wait(timeout=seconds + 120)
    report = json.loads((RUN_DIR / f"locust-{phase}.json").read_text())
    report["fault"] = outcome
    return report


def dbtool(*args, env):
    result = subprocess.run(
        [BIN / "python", HERE / "dbtool.py", *map(str, args)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def drain_mail(env, since):
    """Wait, bounded, until every queued e-mail has gone out; the worker retries on its own
    schedule and a cron-like ``send_queued_email`` runs every RES_CRON_SECONDS."""
    deadline = time.time() + MAIL_DRAIN_SECONDS
    next_cron = time.time() + CRON_EVERY
    state = {}
    while time.time() < deadline:
        state = json.loads(dbtool("pending", "--since", since, env=env))
        if state["pending"] == 0 and state["tasks_waiting"] == 0:
            break
        if time.time() >= next_cron:
            run([BIN / "python", "manage.py", "send_queued_email"], env=env, cwd=ROOT)
            next_cron = time.time() + CRON_EVERY
        time.sleep(5)
    state["waited"] = round(time.time() - (deadline - MAIL_DRAIN_SECONDS))
    return state


# --- Judging ------------------------------------------------------------------------------------


def judge(reports, checked, worker):
    failures = []
    for phase, report in reports.items():
        errors = report["server_errors"]
        data = checked["phases"].get(phase, {})
        if not data.get("comments_acknowledged") or not data.get("registrations_acknowledged"):
            failures.append(f"{phase}: geen bevestigde reacties of aanmeldingen; niets beproefd")
        if data.get("comments_lost") or data.get("registrations_lost"):
            failures.append(
                f"{phase}: bevestigd maar niet in de database: "
                f"{len(data.get('comments_lost', []))} reacties, "
                f"{len(data.get('registrations_lost', []))} aanmeldingen"
            )
        if phase == "db":
            fault = report["fault"]
            window_end = (fault.get("ready_at") or fault["started_at"]) + 10
            bad = [
                e
                for e in errors
                if not (
                    e["status"] == 503
                    and e["friendly"]
                    and e["retry_after"]
                    and fault["stopped_at"] - 1 <= e["at"] <= window_end
                )
            ]
            if bad:
                failures.append(f"db: {len(bad)} fouten buiten de storing of zonder 503-pagina")
            probes = fault.get("probes", [])
            if not any(p["readyz"] == 503 for p in probes):
                failures.append("db: /readyz gaf tijdens de storing geen 503")
            if not any(p["page"] == 503 and p["friendly"] and p["retry_after"] for p in probes):
                failures.append("db: geen vriendelijke 503-pagina met Retry-After gezien")
            if fault.get("ready_at") is None:
                failures.append("db: site niet hersteld binnen 120 s")
            elif fault["ready_at"] - fault["started_at"] > RECOVERY_LIMIT:
                failures.append(f"db: herstel duurde langer dan {RECOVERY_LIMIT} s")
        elif errors:
            failures.append(f"{phase}: {len(errors)} antwoorden 5xx of zonder antwoord")
    mail = checked["mail"]
    if mail["duplicates"]:
        failures.append(f"mail: {len(mail['duplicates'])} e-mails meer dan eens ontvangen")
    if mail["sent_not_received"]:
        failures.append(f"mail: {len(mail['sent_not_received'])} verzonden maar niet ontvangen")
    if "mail" in reports:
        if not mail.get("queued_during_mail_phase"):
            failures.append("mail: geen e-mail in de wachtrij tijdens de storing; niets beproefd")
        if not mail["retried"]:
            failures.append("mail: geen enkele e-mail opnieuw geprobeerd; was de sink wel uit?")
        if mail.get("pending_from_mail_phase"):
            failures.append(f"mail: {mail['pending_from_mail_phase']} e-mails niet verzonden")
        if checked["tasks"].get("unfinished_from_mail_phase"):
            failures.append("mail: achtergrondtaken uit de mailfase niet afgerond")
    return failures


def summary(reports, checked, failures, worker, drained, elapsed):
    lines = [
        f"Resilience run {RUN_ID} ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC), {elapsed:.0f} s, "
        f"{USERS} users, gunicorn {WORKERS}x{THREADS}",
    ]
    for phase, report in reports.items():
        data = checked["phases"].get(phase, {})
        seconds = report["finished"] - report["started"]
        writes = sum(n for kind, n in report["by_kind"].items() if kind.startswith("POST"))
        member_reads = sum(
            n for kind, n in report["by_kind"].items() if "(member)" in kind or "login form" in kind
        )
        lines.append(
            f"- {phase}: {report['requests']} requests in {seconds:.0f} s "
            f"({report['requests'] / max(seconds, 1):.1f}/s; {writes} POSTs and "
            f"{member_reads} pages opened by writers), statuses {report['statuses']}; "
            f"comments {data.get('comments_stored', 0)}/{data.get('comments_acknowledged', 0)} "
            f"stored/acknowledged, registrations {data.get('registrations_stored', 0)}/"
            f"{data.get('registrations_acknowledged', 0)} {data.get('registration_statuses', {})}"
        )
        fault = report["fault"]
        if phase == "db" and fault:
            probes = fault.get("probes", [])
            recovered = (
                f"{fault['ready_at'] - fault['started_at']:.1f} s after start"
                if fault.get("ready_at")
                else "not recovered"
            )
            answers_503 = [e for e in report["server_errors"] if e["status"] == 503]
            e503 = len(answers_503)
            lines.append(
                f"  PostgreSQL down {fault['started_at'] - fault['stopped_at']:.1f} s; "
                f"{e503} answers 503 (friendly page + Retry-After: "
                f"{all(e['friendly'] and e['retry_after'] for e in answers_503)}); "
                f"probes readyz {[p['readyz'] for p in probes]}, "
                f"page {[p['page'] for p in probes]}; "
                f"ready again {recovered}"
            )
        if phase == "mail" and fault:
            lines.append(
                f"  mail sink down {fault['started_at'] - fault['stopped_at']:.1f} s; "
                f"drain {drained}"
            )
    mail = checked["mail"]
    lines.append(
        f"- mail: {mail['queued']} queued {mail['kinds']}, statuses {mail['statuses']}, "
        f"{mail['retried']} sent after a failed attempt (max attempts {mail['max_attempts']}), "
        f"{mail['received']} received by the sink, {len(mail['duplicates'])} duplicates, "
        f"{len(mail['sent_not_received'])} sent-but-not-received; "
        f"{mail.get('queued_during_mail_phase', 0)} queued in the mail phase"
    )
    unfinished = [
        f"{t['task']}{t['args']['args']} {t['status']}" for t in checked["tasks"]["unfinished"]
    ]
    lines.append(
        f"- tasks: {checked['tasks']['statuses']}; worker restarted {worker.restarts}x "
        f"by the supervisor; unfinished: {unfinished or 'none'}"
    )
    lines.append("RESULT: " + ("PASS" if not failures else "FAIL"))
    lines += [f"  ! {failure}" for failure in failures]
    return "\n".join(lines)


def main():
    started_run = time.time()
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    log(f"Uitvoer in {RUN_DIR}")
    ensure_postgresql_installed()
    version = pg_version()
    start_cluster(version)
    redis, redis_url = processes.start_redis(RUN_DIR, ROOT)
    env = site_env(redis_url)
    services = []
    try:
        psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        psql(f"CREATE DATABASE {DB_NAME}")
        log("Migreren, statische bestanden, demo-inhoud, testleden en -evenementen")
        manage = [BIN / "python", "manage.py"]
        run([*manage, "migrate", "--noinput"], env=env, cwd=ROOT)
        run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT)
        run([*manage, "load_demo"], env=env, cwd=ROOT)
        since = datetime.now(UTC).isoformat()
        members = ACCOUNTS_PER_PHASE * max(len(PHASES), 1)
        log(dbtool("prepare", "--plan", RUN_DIR / "plan.json", "--members", members, env=env))

        sink = Service(
            "smtp-sink",
            [BIN / "python", HERE / "smtp_sink.py", "--port", str(SMTP_PORT)]
            + ["--log", str(RUN_DIR / "mail.jsonl")],
            env,
        )
        web = Service(
            "gunicorn",
            [BIN / "gunicorn", "vakgenoten.wsgi", "--bind", f"127.0.0.1:{PORT}"]
            + ["--workers", str(WORKERS), "--threads", str(THREADS), "--timeout", "30"]
            # Keep idle connections open longer than a simulated user pauses (at most 6 s):
            # with gunicorn's default of 2 s a reused connection can be closed just as the
            # next request is sent, which the client sees as "no answer".
            + ["--keep-alive", "10"],
            env,
        )
        worker = Service(
            "worker", [BIN / "python", "manage.py", "db_worker", "--queue-name", "*"], env, True
        )
        services = [sink, web, worker]
        for service in services:
            service.start()
        if wait_ready(60) is None:
            sys.exit("De site werd niet gereed; zie gunicorn.log")
        log(f"Site draait op {BASE_URL}")

        reports = {}
        mail_since = ""
        for index, phase in enumerate(PHASES):
            if phase == "load":
                reports[phase] = run_phase(phase, index, LOAD_SECONDS)
            elif phase == "db":
                reports[phase] = run_phase(
                    phase, index, DB_PHASE_SECONDS, lambda t: db_outage(version, t)
                )
            elif phase == "mail":
                mail_since = datetime.now(UTC).isoformat()
                reports[phase] = run_phase(
                    phase, index, MAIL_PHASE_SECONDS, lambda t: mail_outage(sink, t)
                )
            else:
                sys.exit(f"Onbekende fase {phase!r} (kies uit load, db, mail)")
        log(f"Wachten tot alle e-mail verzonden is (hooguit {MAIL_DRAIN_SECONDS} s)")
        drained = drain_mail(env, since)
        verify_args = ["verify", "--run", RUN_ID, "--since", since]
        verify_args += ["--acks", RUN_DIR / "acks.jsonl", "--mail", RUN_DIR / "mail.jsonl"]
        if mail_since:
            verify_args += ["--mail-phase-since", mail_since]
        checked = json.loads(dbtool(*verify_args, env=env))
        failures = judge(reports, checked, worker)
        text = summary(reports, checked, failures, worker, drained, time.time() - started_run)
        (RUN_DIR / "report.json").write_text(
            json.dumps({"reports": reports, "checked": checked, "failures": failures}, indent=1)
        )
        (RUN_DIR / "summary.txt").write_text(text + "\n")
        print("\n" + text, flush=True)
        return 1 if failures else 0
    finally:
        for service in reversed(services):
            service.stop()
        redis.stop()
        if KEEP_CLUSTER:
            log(f"Cluster {version}/{PG_CLUSTER} blijft staan (RES_KEEP_CLUSTER)")
        else:
            subprocess.run(
                ["pg_dropcluster", version, PG_CLUSTER, "--stop"],
                check=False,
                capture_output=True,
            )


if __name__ == "__main__":
    sys.exit(main())
