"""Django in a process of its own, for tests of what happens when settings are read: they are
read once per process, so a different environment needs a new one."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "9f2b7c1e4a8d0f6b3c5e7a9d1f3b5c7e9a1d3f5b7c9e",
    "ALLOWED_HOSTS": "vakgenoten.example",
    "CSRF_TRUSTED_ORIGINS": "https://vakgenoten.example",
    "SITE_URL": "https://vakgenoten.example",
    # No Redis in these checks: the page cache stays in memory, which production allows only
    # for a site served by one process (test_production_page_cache.py).
    "SINGLE_PROCESS": "1",
}


def run_python(*args, env=None, timeout=60):
    """``python *args`` from the project folder with ``env`` (default: this process's);
    the finished process, its output as text."""
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_manage(settings_module, *args, extra_env=None):
    """manage.py in a process of its own; a variable given as None is left out of its
    environment (whatever the shell or make exported)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, **(extra_env or {})}
    env = {name: value for name, value in env.items() if value is not None}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    return run_python("manage.py", *args, env=env, timeout=120)


def import_production_settings(expression, env):
    """Import vakgenoten.settings.production (as ``s``) under ``env`` and print ``expression``
    as JSON; the finished process, so a test can read a refusal from its stderr."""
    script = f"import json, vakgenoten.settings.production as s; print(json.dumps({expression}))"
    return run_python("-c", script, env=env)


def production_setting(expression, **variables):
    """``expression`` over the production settings with PRODUCTION_ENV and ``variables``."""
    result = import_production_settings(expression, {**os.environ, **PRODUCTION_ENV, **variables})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
