"""What each middleware costs the cheapest request, measured in this process.

Calls the WSGI handler of the production settings for ``/ping`` (or another path) many times,
with the whole middleware stack and then (``--each``) with each middleware left out in turn,
and prints CPU microseconds per request (process time, best of five runs). No server, no
socket, no load client: only the Python the stack runs, so figures are steadier than a wrk run
on a shared machine.
The bare Django project (bench/bare) is measured the same way as the floor.

``/ping`` is answered by ``ProbeMiddleware`` near the top of the stack, as the page cache
answers a stored page: with ``--each``, the row without ``ProbeMiddleware`` is what the same
view costs through the whole stack, which every uncached page and signed-in request passes.

    DJANGO_SETTINGS_MODULE=vakgenoten.settings.production SECRET_KEY=... \
        SITE_URL=http://127.0.0.1 SINGLE_PROCESS=1 SECURE_SSL_REDIRECT=false \
        .venv/bin/python bench/stack_cost.py [--path /ping] [--each]

``--front`` wraps the handler in ``PageCacheFront`` as ``vakgenoten.wsgi`` does, for a stored
page (``--path /``, after a first request stored it) answered before Django. ``--bare``
measures bench/bare instead (run it in its own process: one settings module each).
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def environ(path, cookie=None):
    env = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "HTTP_ACCEPT_ENCODING": "gzip, deflate",
        "HTTP_USER_AGENT": "stack-cost",
    }
    if cookie:
        env["HTTP_COOKIE"] = cookie
    return env


def per_request_us(handler, path, n, cookie=None, rounds=5):
    """The best of ``rounds`` runs of ``n`` requests, in microseconds per request."""

    def start_response(status, headers, exc_info=None):
        if not status.startswith(("200", "304")):
            raise RuntimeError(f"{path}: {status}")

    best = None
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(n):
            response = handler(environ(path, cookie), start_response)
            b"".join(response)
            getattr(response, "close", lambda: None)()  # the front answers with a list
        elapsed = (time.process_time() - started) / n * 1e6
        best = elapsed if best is None else min(best, elapsed)
    return best


def handler_with(middleware):
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    settings.MIDDLEWARE = list(middleware)
    return WSGIHandler()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", default="/ping")
    parser.add_argument("-n", type=int, default=2000)
    parser.add_argument("--bare", action="store_true")
    parser.add_argument("--each", action="store_true", help="also leave each middleware out")
    parser.add_argument("--cookie", default=None)
    parser.add_argument(
        "--front",
        action="store_true",
        help="through the page cache's front door, as vakgenoten.wsgi serves (a stored page "
        "is then answered before Django)",
    )
    args = parser.parse_args()

    if args.bare:
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bare.settings"
    import django

    django.setup()
    from django.conf import settings

    full = list(settings.MIDDLEWARE)
    handler = handler_with(full)
    if args.front and not args.bare:
        from vakgenoten.page_front import PageCacheFront

        handler = PageCacheFront(handler)
    per_request_us(handler, args.path, 200, args.cookie, rounds=1)  # warm up
    whole = per_request_us(handler, args.path, args.n, args.cookie)
    what = "bare" if args.bare else "site through the front" if args.front else "site"
    print(f"{args.path} {what}: {whole:.1f} µs/request")
    if not args.each or args.bare:
        return
    print(f"{'without':60} {'µs':>7} {'saves':>7}")
    for name in full:
        handler = handler_with([m for m in full if m != name])
        try:
            per_request_us(handler, args.path, 200, args.cookie, rounds=1)
            without = per_request_us(handler, args.path, args.n, args.cookie)
        except Exception as error:  # some need another one (sessions for messages)
            print(f"{name:60} fails without: {type(error).__name__}")
            continue
        print(f"{name:60} {without:7.1f} {whole - without:7.1f}")
    handler = handler_with([])
    per_request_us(handler, args.path, 200, args.cookie, rounds=1)
    print(f"{'(no middleware at all)':60} {per_request_us(handler, args.path, args.n):7.1f}")


if __name__ == "__main__":
    main()
