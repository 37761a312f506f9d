"""Background processes for the bench runs (resilience, stack): each with its own log file.

A ``Service`` can be restarted when it exits, as a process supervisor (systemd
``Restart=always``, Kubernetes) does in production, and is started in its own process group so
that stopping or killing it takes the workers it forked along.
"""

import os
import signal
import socket
import subprocess
import threading
import time
from datetime import UTC, datetime


def log(message):
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


class Service:
    def __init__(self, name, command, env, log_dir, cwd, restart=False):
        self.name, self.command, self.env, self.restart = name, command, env, restart
        self.cwd = cwd
        self.process = None
        self.restarts = 0
        self.stopping = False
        self.log_path = log_dir / f"{name}.log"
        self.thread = None

    def _spawn(self):
        out = open(self.log_path, "a")  # noqa: SIM115 (kept open for the child)
        self.process = subprocess.Popen(
            [str(part) for part in self.command],
            env=self.env,
            cwd=self.cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start(self):
        self.stopping = False
        self._spawn()
        if self.restart:
            self.thread = threading.Thread(target=self._supervise, daemon=True)
            self.thread.start()

    def _supervise(self):
        while not self.stopping:
            if self.process.poll() is not None and not self.stopping:
                self.restarts += 1
                log(f"{self.name} stopte (code {self.process.returncode}); herstart na 2 s")
                time.sleep(2)
                if not self.stopping:
                    self._spawn()
            time.sleep(0.5)

    def running(self):
        return self.process is not None and self.process.poll() is None

    def kill(self):
        """Kill the whole process group at once (SIGKILL), as a crashing machine would."""
        self.stopping = True
        if self.running():
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self):
        self.stopping = True
        if self.running():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, limit=30):
    """Until something accepts connections on this loopback port; False when nothing did."""
    deadline = time.time() + limit
    while time.time() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", int(port))) == 0:
                return True
        time.sleep(0.2)
    return False


def start_redis(log_dir, cwd, port=None):
    """A private Redis on a free loopback port, keeping nothing on disk, as the shared cache
    of a production-like run (never the machine's own Redis, which others may use). When full
    it evicts only keys with an expiry, as deploy/ configures it: never the page cache's
    generation counters. Returns the service and its REDIS_URL."""
    port = port or free_port()
    service = Service(
        "redis",
        ["redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        + ["--maxmemory-policy", "volatile-lru"],
        dict(os.environ),
        log_dir,
        cwd,
    )
    service.start()
    if not wait_for_port(port):
        raise RuntimeError(f"redis-server answers not on port {port}; see {service.log_path}")
    return service, f"redis://127.0.0.1:{port}/0"
