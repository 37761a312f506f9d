"""deploy/Containerfile and its health check. No image can be built here (no base image can be
pulled), so the file is read for what it must say, its build step is run against this checkout,
and the health check script is run against a live server and the test database."""

import os
import re
import shlex
import subprocess
import sys
import urllib.error
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CONTAINERFILE = REPO / "deploy" / "Containerfile"
sys.path.insert(0, str(REPO / "deploy" / "container"))
import healthcheck  # noqa: E402


def instructions():
    """The Containerfile as (INSTRUCTION, arguments) with continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", CONTAINERFILE.read_text())
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            instruction, _, arguments = line.strip().partition(" ")
            rows.append((instruction.upper(), arguments.strip()))
    return rows


def test_one_slim_python_image_running_as_an_unprivileged_user():
    rows = instructions()
    assert rows[0] == ("FROM", "python:3.11-slim")
    users = [arguments for instruction, arguments in rows if instruction == "USER"]
    assert users == ["10001:10001"]  # numeric, so Kubernetes can check runAsNonRoot
    assert any(
        instruction == "HEALTHCHECK" and "healthcheck.py" in arguments
        for instruction, arguments in rows
    )
    cmd = [arguments for instruction, arguments in rows if instruction == "CMD"][0]
    assert cmd.startswith('["gunicorn", "vakgenoten.wsgi", "--bind", "0.0.0.0:8000"')


def test_everything_the_image_copies_exists_and_is_not_ignored():
    ignored = {
        line.strip() for line in (REPO / ".dockerignore").read_text().splitlines() if line.strip()
    }
    for instruction, arguments in instructions():
        if instruction == "COPY":
            *sources, _destination = arguments.split()
            for source in sources:
                assert (REPO / source).exists(), source
                assert source.rstrip("/") not in ignored, source
    assert {".git", ".venv", "media", "tests"} <= ignored
    assert (REPO / ".containerignore").read_text().splitlines()[1:] == (
        (REPO / ".dockerignore").read_text().splitlines()[1:]
    )


def test_the_build_step_collects_static_files_with_production_settings():
    """The image's RUN line for collectstatic, run here (as a dry run, without a database)."""
    run = next(
        arguments
        for instruction, arguments in instructions()
        if instruction == "RUN" and "collectstatic" in arguments
    )
    step = run.split("&&")[0]
    words = shlex.split(step)
    build_env = dict(word.split("=", 1) for word in words if re.match(r"^[A-Z_]+=", word))
    command = [word for word in words if not re.match(r"^[A-Z_]+=", word)]
    assert command[:3] == ["python", "manage.py", "collectstatic"]
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    environment.update(build_env, DJANGO_SETTINGS_MODULE="vakgenoten.settings.production")
    result = subprocess.run(
        [sys.executable, *command[1:], "--dry-run"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "allowed,expected",
    [
        ("vakgenoten.nl,www.vakgenoten.nl", "vakgenoten.nl"),
        (".vakgenoten.nl", "vakgenoten.nl"),
        ("*", "localhost"),
        ("", "localhost"),
    ],
)
def test_the_health_check_sends_an_allowed_host_name(monkeypatch, allowed, expected):
    monkeypatch.setenv("ALLOWED_HOSTS", allowed)
    assert healthcheck.site_host() == expected


def test_the_web_health_check_asks_the_running_server(live_server, monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "localhost")
    port = int(live_server.url.rsplit(":", 1)[1])
    assert healthcheck.web_answers(port) is True
    # Django refuses a host name it does not serve (400): the check then fails loudly.
    monkeypatch.setenv("ALLOWED_HOSTS", "not-this-site.example")
    with pytest.raises(urllib.error.HTTPError, match="400"):
        healthcheck.web_answers(port)


@pytest.mark.django_db
def test_the_process_health_check_asks_the_database():
    assert healthcheck.main(["--database"]) == 0
