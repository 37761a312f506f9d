"""Free loopback ports for the tests that start a server of their own (gunicorn, nginx).

A port found free is released again before the server binds it, so another suite running in
parallel could take it meanwhile: the tests that must not be answered by a stranger hold their
port instead (``tests.deploy.nginxrun.refused_port``).
"""

import random
import socket


def free_port():
    """One loopback port that was free a moment ago (the kernel's choice)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_range(size, avoid=()):
    """``size`` consecutive loopback ports that were free a moment ago, none of them in
    ``avoid``."""
    for _attempt in range(100):
        first = random.randint(20000, 40000)
        ports = range(first, first + size)
        if any(port in avoid for port in ports):
            continue
        try:
            for port in ports:
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return ports
    raise RuntimeError("no free port range")
