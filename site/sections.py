"""The home page's sections, filled by the apps above the site layer.

``HomePage`` lives here at the bottom, but what it shows (articles, events, comments) belongs to
the domains. The roof (``home.apps``) registers one function per section; called with the reader
(a member, or ``AnonymousUser`` for a visitor: a closed network's content is for its members
only), it returns the items for the template variable of the same name, and an empty list hides
the section.
"""

from collections.abc import Callable
from typing import Any

_home_sections: dict[str, Callable[[Any], Any]] = {}


def register_home_section(name, items):
    """Fill the template variable ``name`` on the home page with ``items(reader)``."""
    if not callable(items):
        raise TypeError(f"The items of home page section {name!r} must be callable.")
    _home_sections[name] = items


def home_sections(reader):
    """Every registered section's items for ``reader``, by template variable."""
    return {name: items(reader) for name, items in _home_sections.items()}
