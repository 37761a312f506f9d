"""Container health check: exit 0 when this process's part of Vakgenoten works.

    healthcheck.py             the web server answers /healthz on port 8000
    healthcheck.py --database  the database answers (the worker and the scheduler)

The web check sends the site's own host name, because Django answers any other with 400.
Standard library only for the web check: it runs every 30 seconds and must start fast.
"""

import os
import sys
import urllib.request


def site_host():
    """The first name in ALLOWED_HOSTS usable as a Host header ("*" and ".domain" allowed)."""
    for name in os.environ.get("ALLOWED_HOSTS", "").split(","):
        name = name.strip().lstrip(".")
        if name and name != "*":
            return name
    return "localhost"


def web_answers(port=8000):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={"Host": site_host()},
    )
    # A fixed loopback address, never a URL from outside.
    with urllib.request.urlopen(request, timeout=4) as response:  # nosec B310  # noqa: S310
        return response.status == 200


def database_answers():
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return True


def main(argv):
    try:
        healthy = database_answers() if "--database" in argv else web_answers()
    except Exception as error:  # any failure means unhealthy; say which
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
