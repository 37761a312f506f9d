"""The home page's sections, filled by the apps above the site layer.

``HomePage`` lives here at the bottom, but what it shows (articles, events, comments) belongs to
the domains. The roof (``home.apps``) registers one function per section; each returns the items
for the template variable of the same name, and an empty list hides the section.
"""

from collections.abc import Callable
from typing import Any

_home_sections: dict[str, Callable[[], Any]] = {}


def register_home_section(name, items):
    """Fill the template variable ``name`` on the home page with ``items()``."""
    if not callable(items):
        raise TypeError(f"The items of home page section {name!r} must be callable.")
    _home_sections[name] = items


def home_sections():
    """Every registered section's items, by template variable."""
    return {name: items() for name, items in _home_sections.items()}
