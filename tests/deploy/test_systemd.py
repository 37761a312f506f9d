"""deploy/systemd: each unit checked by `systemd-analyze verify` (with the commands pointed at
this checkout's virtualenv, since /srv/vakgenoten does not exist here), and read for what a
production unit must say."""

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
UNITS = REPO / "deploy" / "systemd"
SERVICES = ["vakgenoten-web@.service", "vakgenoten-worker@.service", "vakgenoten-scheduler.service"]
HARDENING = {
    "User": "vakgenoten",
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "PrivateTmp": "yes",
    "ProtectHome": "yes",
    "ReadWritePaths": "/var/lib/vakgenoten/media",
    "CapabilityBoundingSet": "",
}


def read_unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(UNITS / name)
    return parser


@pytest.mark.parametrize("name", SERVICES)
def test_services_run_unprivileged_and_write_only_media(name):
    service = read_unit(name)["Service"]
    for key, value in HARDENING.items():
        assert service.get(key) == value, key
    assert service["EnvironmentFile"] == "/etc/vakgenoten/env"
    assert "DJANGO_SETTINGS_MODULE=vakgenoten.settings.production" in (UNITS / name).read_text()
    assert service["Restart"] in {"on-failure", "always"}


def test_each_process_runs_its_own_command():
    web = read_unit("vakgenoten-web@.service")["Service"]["ExecStart"]
    assert web.split()[:2] == ["/srv/vakgenoten/.venv/bin/gunicorn", "vakgenoten.wsgi"]
    assert "--bind 127.0.0.1:%i" in " ".join(web.split())
    worker = read_unit("vakgenoten-worker@.service")["Service"]["ExecStart"]
    assert "manage.py db_worker --queue-name '*'" in worker
    scheduler = read_unit("vakgenoten-scheduler.service")["Service"]["ExecStart"]
    assert scheduler.endswith("manage.py scheduler")


def test_the_target_starts_two_app_servers_a_worker_and_the_scheduler():
    text = (UNITS / "vakgenoten.target").read_text()
    for unit in (
        "vakgenoten-web@8001.service",
        "vakgenoten-web@8002.service",
        "vakgenoten-worker@1.service",
        "vakgenoten-scheduler.service",
    ):
        assert unit in text


def test_systemd_accepts_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is not installed; the units were only read as INI above")
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "gunicorn").exists()
    for unit in [*SERVICES, "vakgenoten.target"]:
        text = (UNITS / unit).read_text().replace("/srv/vakgenoten/.venv/bin/", f"{bin_dir}/")
        (tmp_path / unit).write_text(text)
    instances = {
        "vakgenoten-web@.service": "vakgenoten-web@8001.service",
        "vakgenoten-worker@.service": "vakgenoten-worker@1.service",
    }
    for template, instance in instances.items():
        (tmp_path / instance).symlink_to(tmp_path / template)
    names = [*instances.values(), "vakgenoten-scheduler.service", "vakgenoten.target"]
    result = subprocess.run(
        [analyze, "verify", *(str(tmp_path / name) for name in names)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    # Unknown keys and bad values are only warnings to systemd: any output is a failure here.
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "" and result.stdout.strip() == ""


def test_the_example_environment_is_loadable_by_systemd():
    for number, line in enumerate((UNITS / "env.example").read_text().splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            assert name.isidentifier() and name.isupper(), f"line {number}: {line}"
            assert not value.startswith(("'", '"')), f"line {number}: no quotes needed"
