"""deploy/helm/vakgenoten: rendered by Helm's own template engine (helm-python-sdk wraps the Helm
v4 Go SDK; no helm binary can be installed here), every manifest validated against the
Kubernetes API schemas of the oldest and newest supported versions (kubernetes-validate), and
checked for what a Haven cluster and this site need. Nothing is applied to a cluster."""

from pathlib import Path

import pytest
import requests
import yaml

from tests.ports import free_port

from .environment import example_variables
from .nginxrun import check, main_config, running

helm = pytest.importorskip("helm_python", reason="helm-python-sdk is in the test extra")
kubernetes_validate = pytest.importorskip("kubernetes_validate")

CHART = Path(__file__).resolve().parents[2] / "deploy" / "helm" / "vakgenoten"
# The chart's kubeVersion (>=1.27) and the newest schemas kubernetes-validate ships.
KUBERNETES_VERSIONS = ["1.27.0", kubernetes_validate.latest_version()]
SECRETS = {
    "SECRET_KEY": "k" * 64,
    "DATABASE_URL": "postgres://vakgenoten:pw@postgres.db.svc:5432/vakgenoten",
    "REDIS_URL": "redis://redis.db.svc:6379/0",
    "EMAIL_HOST_USER": "vakgenoten",
    "EMAIL_HOST_PASSWORD": "pw",
}


def render(values=None):
    values = values if values is not None else {"secret": SECRETS}
    with helm.Chart.load(CHART) as chart:
        files = chart.render(values, name="vk", namespace="vakgenoten", is_install=True)
    manifests = []
    for name, text in files.items():
        if name.endswith(".yaml"):
            manifests += [doc for doc in yaml.safe_load_all(text) if doc]
    return manifests


@pytest.fixture(scope="module")
def manifests():
    return render()


def find(manifests, kind, name):
    matches = [m for m in manifests if m["kind"] == kind and m["metadata"]["name"] == name]
    assert len(matches) == 1, f"{kind} {name}"
    return matches[0]


def test_helm_lint_finds_no_errors():
    report = helm.lint(CHART, {"secret": SECRETS}, strict=True)
    assert report["errors"] == []
    assert all(message["severity"] <= 1 for message in report["messages"]), report["messages"]


def test_the_chart_renders_every_part(manifests):
    kinds = sorted((m["kind"], m["metadata"]["name"]) for m in manifests)
    assert kinds == sorted(
        [
            ("ConfigMap", "vk-vakgenoten-env"),
            ("Secret", "vk-vakgenoten-env"),
            ("Deployment", "vk-vakgenoten-web"),
            ("Deployment", "vk-vakgenoten-worker"),
            ("Deployment", "vk-vakgenoten-scheduler"),
            ("Deployment", "vk-vakgenoten-media"),
            ("ConfigMap", "vk-vakgenoten-media-nginx"),
            ("Service", "vk-vakgenoten-web"),
            ("Service", "vk-vakgenoten-media"),
            ("Ingress", "vk-vakgenoten"),
            ("PersistentVolumeClaim", "vk-vakgenoten-media"),
            ("Job", "vk-vakgenoten-migrate"),
            ("NetworkPolicy", "vk-vakgenoten-web"),
            ("NetworkPolicy", "vk-vakgenoten-media"),
            ("NetworkPolicy", "vk-vakgenoten-no-ingress"),
            ("PodDisruptionBudget", "vk-vakgenoten-web"),
            ("PodDisruptionBudget", "vk-vakgenoten-media"),
        ]
    )


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_manifest_is_valid_for_kubernetes(manifests, version):
    for manifest in manifests:
        # strict: a misspelt or misplaced field is an error, not silently dropped.
        kubernetes_validate.validate(manifest, version, strict=True)


def test_the_validator_does_reject_a_wrong_manifest(manifests):
    web = yaml.safe_load(yaml.safe_dump(find(manifests, "Deployment", "vk-vakgenoten-web")))
    web["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["httpGet"]["paht"] = "/"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(web, KUBERNETES_VERSIONS[-1], strict=True)


def pods(manifests):
    for manifest in manifests:
        if manifest["kind"] in {"Deployment", "Job"}:
            yield manifest["metadata"]["name"], manifest["spec"]["template"]["spec"]


def test_no_pod_runs_as_root_or_with_privileges(manifests):
    for name, pod in pods(manifests):
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        assert pod["automountServiceAccountToken"] is False, name
        for container in pod["containers"]:
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, name
            assert context["privileged"] is False, name
            assert context["readOnlyRootFilesystem"] is True, name
            assert context["capabilities"]["drop"] == ["ALL"], name
            assert container["resources"]["limits"] and container["resources"]["requests"]
            mounts = {mount["mountPath"] for mount in container["volumeMounts"]}
            assert "/tmp" in mounts, name  # the only writable place besides media


def test_web_runs_twice_with_health_and_readiness_probes(manifests):
    web = find(manifests, "Deployment", "vk-vakgenoten-web")
    assert web["spec"]["replicas"] == 2
    assert web["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    container = web["spec"]["template"]["spec"]["containers"][0]
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    # Django answers only ALLOWED_HOSTS: the probes send the site's host name.
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert container[probe]["httpGet"]["httpHeaders"] == [
            {"name": "Host", "value": "vakgenoten.example.nl"}
        ]
    budget = find(manifests, "PodDisruptionBudget", "vk-vakgenoten-web")
    assert budget["spec"]["minAvailable"] == 1


def test_worker_and_one_scheduler_run_their_commands(manifests):
    worker = find(manifests, "Deployment", "vk-vakgenoten-worker")
    assert worker["spec"]["template"]["spec"]["containers"][0]["command"] == [
        "python", "manage.py", "db_worker", "--queue-name", "*",
    ]  # fmt: skip
    scheduler = find(manifests, "Deployment", "vk-vakgenoten-scheduler")
    assert scheduler["spec"]["replicas"] == 1
    assert scheduler["spec"]["strategy"] == {"type": "Recreate"}
    assert scheduler["spec"]["template"]["spec"]["containers"][0]["command"] == [
        "python", "manage.py", "scheduler",
    ]  # fmt: skip


def test_migrations_run_as_a_hook_before_install_and_upgrade(manifests):
    job = find(manifests, "Job", "vk-vakgenoten-migrate")
    annotations = job["metadata"]["annotations"]
    assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert job["spec"]["template"]["spec"]["containers"][0]["command"][-2:] == [
        "migrate", "--noinput",
    ]  # fmt: skip
    # The Job reads the environment, so that exists first.
    for kind in ("ConfigMap", "Secret"):
        hook = find(manifests, kind, "vk-vakgenoten-env")["metadata"]["annotations"]
        assert int(hook["helm.sh/hook-weight"]) < int(annotations["helm.sh/hook-weight"])


def test_the_app_gets_every_required_variable(manifests):
    required, _ = example_variables()
    config = find(manifests, "ConfigMap", "vk-vakgenoten-env")["data"]
    secret = find(manifests, "Secret", "vk-vakgenoten-env")["stringData"]
    provided = set(config) | set(secret)
    assert required <= provided, sorted(required - provided)
    assert config["TRUSTED_PROXY_COUNT"] == "1"
    assert config["SITE_URL"] == "https://vakgenoten.example.nl"


def test_a_missing_secret_stops_the_render():
    with pytest.raises(helm.HelmError, match="SECRET_KEY is required"):
        render({})
    assert not [m for m in render({"existingSecret": "sealed"}) if m["kind"] == "Secret"]


def test_media_is_shared_and_only_images_leave_it(manifests, tmp_path):
    claim = find(manifests, "PersistentVolumeClaim", "vk-vakgenoten-media")
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    paths = {
        rule["path"]: rule["backend"]["service"]["name"]
        for rule in find(manifests, "Ingress", "vk-vakgenoten")["spec"]["rules"][0]["http"]["paths"]
    }
    assert paths == {
        "/media/": "vk-vakgenoten-media",
        "/metrics": "vk-vakgenoten-media",  # which answers 404: never the app's metrics
        "/": "vk-vakgenoten-web",
    }
    conf = find(manifests, "ConfigMap", "vk-vakgenoten-media-nginx")["data"]["default.conf"]
    # The media server's configuration, run for real on a free port over a scratch folder.
    port = free_port()
    media = tmp_path / "media"
    for folder, name in [
        ("images", "a.fill-80x80.png"),
        ("avatars", "b.webp"),
        ("documents", "c.pdf"),
    ]:
        (media / folder).mkdir(parents=True)
        (media / folder / name).write_bytes(b"data")
    site = tmp_path / "media.conf"
    site.write_text(
        conf.replace("listen 8080;", f"listen 127.0.0.1:{port};").replace(
            "/var/lib/vakgenoten/media/", f"{media}/"
        )
    )
    nginx_conf = main_config(tmp_path, site)
    checked = check(nginx_conf, tmp_path)
    assert checked.returncode == 0, checked.stderr
    with running(nginx_conf, tmp_path, port):
        base = f"http://127.0.0.1:{port}"
        image = requests.get(f"{base}/media/images/a.fill-80x80.png", timeout=5)
        assert image.status_code == 200 and image.headers["Content-Type"] == "image/png"
        assert image.headers["X-Content-Type-Options"] == "nosniff"
        assert requests.get(f"{base}/media/avatars/b.webp", timeout=5).status_code == 200
        for path in ("/media/documents/c.pdf", "/metrics", "/media/images/"):
            assert requests.get(base + path, timeout=5).status_code == 404, path


def test_only_the_ingress_controller_reaches_the_pods(manifests):
    for component, port in (("web", 8000), ("media", 8080)):
        policy = find(manifests, "NetworkPolicy", f"vk-vakgenoten-{component}")["spec"]
        assert policy["ingress"][0]["ports"] == [{"protocol": "TCP", "port": port}]
        assert "namespaceSelector" in policy["ingress"][0]["from"][0]
    closed = find(manifests, "NetworkPolicy", "vk-vakgenoten-no-ingress")["spec"]
    assert closed["ingress"] == [] and closed["policyTypes"] == ["Ingress"]
