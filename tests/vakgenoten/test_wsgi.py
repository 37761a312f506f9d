"""The WSGI module that production serves (``gunicorn vakgenoten.wsgi``; the stack test and
``tests/vakgenoten/test_metrics.py`` serve requests through it)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import gc
from vakgenoten.wsgi import application

frozen = gc.get_freeze_count()
assert frozen > 10_000, frozen
# Only what was loaded before serving: what comes after is collected as usual.
garbage = []
garbage.append(garbage)  # a cycle, freed only by the collector
del garbage
assert gc.collect() > 0
assert gc.get_freeze_count() == frozen
print("ok", frozen)
"""


def test_the_objects_loaded_at_start_are_kept_out_of_garbage_collection():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "vakgenoten.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ")
