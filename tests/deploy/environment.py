"""The environment variables the settings read, and those deploy/systemd/env.example sets."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = REPO / "deploy" / "systemd" / "env.example"

_READS = re.compile(
    r"""(?:environ(?:\.get)?\s*[\[(]\s*|env_\w+\(\s*)["']([A-Z][A-Z0-9_]+)["']"""
    r"""|["']([A-Z][A-Z0-9_]+)["']\s+in\s+os\.environ"""
)


def settings_variables():
    """Every name read from the environment in site/settings/*.py, plus dj-database-url's."""
    names = {"DATABASE_URL"}  # dj_database_url.config() reads it
    for path in (REPO / "site" / "settings").glob("*.py"):
        for match in _READS.finditer(path.read_text()):
            names.add(match.group(1) or match.group(2))
    return names


def example_variables():
    """(required, optional): names set in env.example, and names shown commented out."""
    required, optional = set(), set()
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = re.match(r"^(#?)([A-Z][A-Z0-9_]+)=", line)
        if match:
            (optional if match.group(1) else required).add(match.group(2))
    return required, optional
