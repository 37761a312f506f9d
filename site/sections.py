"""The home page's sections, filled by the apps above the site layer.

``HomePage`` lives here at the bottom, but what it shows (articles, events, comments) belongs to
the domains. The roof (``home.apps``) registers one function per section; called with the reader
(a member, or ``AnonymousUser`` for a visitor: a closed network's content is for its members
only), it returns the items for the template variable of the same name (a queryset, a list, or one
value such as an address), and an empty list hides the section.

A section registered with a ``scope`` is kept in the shared cache (``vakgenoten.cache``) under
the home page's generation, once per scope: ``scope(reader)`` names the group of readers who see
the same items (``"public"`` for everyone). Whatever purges the home page (a page published, a
comment or registration changed) refreshes it, as it refreshes the visitors' cached home page,
so a member's home page costs no more queries than a visitor's first render.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from .cache import cached_parts

_home_sections: dict[str, tuple[Callable[[Any], Any], Callable[[Any], str] | None]] = {}


def register_home_section(name, items, scope=None):
    """Fill the template variable ``name`` on the home page with ``items(reader)``; with
    ``scope``, kept per ``scope(reader)`` (it must return a short string)."""
    if not callable(items):
        raise TypeError(f"The items of home page section {name!r} must be callable.")
    if scope is not None and not callable(scope):
        raise TypeError(f"The scope of home page section {name!r} must be callable.")
    _home_sections[name] = (items, scope)


def home_sections(reader, page_id=None):
    """Every registered section's items for ``reader``, by template variable; the scoped ones
    from the cache kept for the home page ``page_id`` (two round trips for all of them)."""
    sections, computes = {}, {}
    for name, (items, scope) in _home_sections.items():
        if scope is None or page_id is None:
            sections[name] = items(reader)
        else:
            computes[f"home-{name}-{scope(reader)}"] = (name, _listed(items, reader))
    if computes:
        kept = cached_parts({key: compute for key, (_, compute) in computes.items()}, page_id)
        sections.update({name: kept[key] for key, (name, _) in computes.items()})
    return sections


def _listed(items, reader):
    """The items as kept: a queryset is read once, then kept as rows; anything else (a list,
    an address) as it is."""

    def read():
        found = items(reader)
        return list(found) if isinstance(found, QuerySet) else found

    return read
