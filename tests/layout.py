"""Where the project's code lives, found on disk so that a new app is never left out."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def app_folders():
    """The top-level folders that hold a Django app (site/ among them, imported as vakgenoten)."""
    return sorted(path.parent for path in ROOT.glob("*/apps.py"))


def import_name(folder):
    """The name a folder's package is imported under: site/ is ``vakgenoten``."""
    return "vakgenoten" if folder.name == "site" else folder.name
