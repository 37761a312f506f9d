"""deploy/compose.yaml, read as YAML (no container runtime can pull images here): the services,
their commands, health checks and order, and the environment the app needs."""

import re
from pathlib import Path

import pytest
import yaml

from .environment import example_variables
from .nginxrun import TEMPLATE_VARIABLES

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
APP_SERVICES = ["migrate", "static", "web1", "web2", "worker", "scheduler"]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def test_the_stack_has_every_part(services):
    assert set(services) == {"postgres", "redis", "proxy", *APP_SERVICES}


def test_app_services_share_one_image_and_one_environment(services):
    images = {services[name]["image"] for name in APP_SERVICES}
    assert images == {"${VAKGENOTEN_IMAGE:-vakgenoten:latest}"}
    assert services["web1"]["build"]["dockerfile"] == "deploy/Containerfile"
    assert (DEPLOY.parent / services["web1"]["build"]["dockerfile"]).exists()
    environments = [services[name]["environment"] for name in APP_SERVICES]
    assert all(environment == environments[0] for environment in environments)


def test_each_process_has_its_command(services):
    assert "command" not in services["web1"] and "command" not in services["web2"]  # gunicorn
    assert services["worker"]["command"] == [
        "python", "manage.py", "db_worker", "--queue-name", "*",
    ]  # fmt: skip
    assert services["scheduler"]["command"] == ["python", "manage.py", "scheduler"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert "deploy" not in services["scheduler"]  # never scaled: one scheduler per site


def test_long_running_services_have_health_checks(services):
    for name in ["postgres", "redis", "web1", "web2", "worker", "scheduler", "proxy"]:
        test = services[name]["healthcheck"]["test"]
        assert test[0] in {"CMD", "CMD-SHELL"} and len(test) > 1, name
    assert services["web1"]["healthcheck"]["test"][-1] == "/app/deploy/container/healthcheck.py"
    assert services["worker"]["healthcheck"]["test"][-1] == "--database"


def test_nothing_starts_before_the_database_is_migrated(services):
    for name in ["web1", "web2", "worker", "scheduler"]:
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["postgres"]["condition"] == "service_healthy"
    proxy = services["proxy"]["depends_on"]
    assert proxy["web1"]["condition"] == proxy["web2"]["condition"] == "service_healthy"
    assert proxy["static"]["condition"] == "service_completed_successfully"


def test_the_app_gets_every_required_variable(services):
    required, _ = example_variables()
    environment = services["web1"]["environment"]
    assert required <= set(environment), sorted(required - set(environment))
    assert environment["TRUSTED_PROXY_COUNT"] == "1"
    assert environment["MEDIA_ROOT"] == "/var/lib/vakgenoten/media"
    # Secrets come from deploy/.env and stop the start when missing.
    assert re.fullmatch(r"\$\{SECRET_KEY:\?.+\}", environment["SECRET_KEY"])


def test_the_proxy_renders_the_shared_nginx_template(services):
    proxy = services["proxy"]
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in proxy["volumes"]}
    assert (
        mounts["/etc/nginx/templates/default.conf.template"] == "./nginx/vakgenoten.conf.template"
    )
    assert set(TEMPLATE_VARIABLES) <= set(proxy["environment"])
    assert proxy["environment"]["MEDIA_ROOT"] == "/var/lib/vakgenoten/media"
    assert proxy["environment"]["STATIC_ROOT"] == "/srv/static"
    assert mounts["/var/lib/vakgenoten/media"] == "media"
    assert "media:/var/lib/vakgenoten/media:ro" in proxy["volumes"]
    upstream = proxy["environment"]["UPSTREAM_SERVERS"]
    assert upstream.count("server ") == 2 and "web1:8000" in upstream and "web2:8000" in upstream
    # The official image replaces only the names this filter lets through.
    pattern = proxy["environment"]["NGINX_ENVSUBST_FILTER"].replace("$$", "$")
    assert {name for name in TEMPLATE_VARIABLES if re.search(pattern, name)} == set(
        TEMPLATE_VARIABLES
    )
    assert not re.search(pattern, "HOSTNAME")


def test_app_containers_are_locked_down(services):
    for name in APP_SERVICES:
        service = services[name]
        assert service["read_only"] is True
        assert service["cap_drop"] == ["ALL"]
        assert "no-new-privileges:true" in service["security_opt"]
