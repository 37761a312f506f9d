"""Debian's nginx on a throw-away configuration: `nginx -t`, or a real instance on free ports."""

import contextlib
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "deploy" / "nginx" / "vakgenoten.conf.template"
# The contract with deploy/compose.yaml and the lead's stack test: these names, no others.
TEMPLATE_VARIABLES = (
    "SERVER_NAME",
    "HTTPS_PORT",
    "HTTP_PORT",
    "TLS_CERTIFICATE",
    "TLS_CERTIFICATE_KEY",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "UPSTREAM_SERVERS",
)


def nginx_binary():
    """The nginx binary, or skip: scripts/ensure-nginx.sh (make install-test) installs it."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        pytest.skip("nginx is not installed and could not be: run scripts/ensure-nginx.sh")
    return found


def render(text, values):
    """envsubst with a list of names: only ${NAME} for those names is replaced."""
    return re.sub(
        r"\$\{([A-Z_]+)\}",
        lambda m: values[m.group(1)] if m.group(1) in values else m.group(0),
        text,
    )


@contextlib.contextmanager
def refused_port():
    """A port that refuses connections for as long as the block runs: an app server that is down.

    The socket stays bound but never listens, so the kernel answers with a reset and no other
    test's server can take the port meanwhile; a port merely found free once could be, and
    then the "dead" upstream answers.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def self_signed_certificate(directory):
    """A certificate for localhost, made with openssl (the nginx package depends on it)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def main_config(directory, site_conf):
    """A minimal nginx.conf that includes the site file inside http { }, as Debian's does."""
    conf = directory / "nginx.conf"
    conf.write_text(
        f"pid {directory}/nginx.pid;\n"
        f"error_log {directory}/error.log;\n"
        "events {}\n"
        "http {\n"
        "  include /etc/nginx/mime.types;\n"
        f"  access_log {directory}/access.log;\n"
        f"  client_body_temp_path {directory}/body;\n"
        f"  proxy_temp_path {directory}/proxy;\n"
        f"  include {site_conf};\n"
        "}\n"
    )
    return conf


def check(conf, directory):
    """nginx -t on a configuration; returns the completed process."""
    return subprocess.run(
        [nginx_binary(), "-t", "-c", str(conf), "-p", str(directory)],
        capture_output=True,
        text=True,
    )


@contextlib.contextmanager
def running(conf, directory, port):
    """Start nginx in the foreground on the configuration, wait until it listens, stop it."""
    process = subprocess.Popen(
        [
            nginx_binary(),
            "-c",
            str(conf),
            "-p",
            str(directory),
            "-g",
            "daemon off; master_process off;",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {process.stderr.read()}")
            time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)
