"""A private Redis server for the tests that need the shared page cache of production.

The tests empty their caches before and after each test (``tests/conftest.py``); on a Redis
that is a FLUSHDB, which must never hit a server something else uses (127.0.0.1:6379 may be a
developer's or another test run's). So the tests start ``redis-server`` of their own on a free
loopback port, keeping nothing on disk, and stop it when the session ends. A missing program is
installed by ``scripts/ensure-redis.sh``.
"""

import shutil
import subprocess
import time
from pathlib import Path

import redis

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[1]


def start_redis():
    """Start a throw-away Redis server; returns ``(process, url)``."""
    if shutil.which("redis-server") is None:
        subprocess.run(["bash", str(ROOT / "scripts" / "ensure-redis.sh")], check=True)
    port = free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 15
    while True:
        try:
            if redis.Redis.from_url(url).ping():
                return process, url
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"redis-server did not answer on port {port}") from None
            time.sleep(0.05)


def stop_redis(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
