"""Query helpers shared by every list of pages."""

from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from wagtail.models import PageViewRestriction

from .cache import cache_seconds, cached_part


def exclude_private(queryset):
    """``queryset`` without pages in a private section, like Wagtail's ``.public()``: pages
    whose tree path starts with that of a page with a view restriction (it, or an ancestor).

    The restricted pages' paths are kept in the shared cache (``restricted_paths``), so a
    list asks no restrictions of its own: most sites have none, and then the list's statement
    has no condition for them at all. A correlated ``NOT EXISTS`` took 2-4 ms of every list's
    first render to put together and plan (bench/SCALING.md). Without the page cache the
    statement asks the restrictions itself, as Wagtail's ``.public()`` would in a query of
    its own.
    """
    paths = restricted_paths()
    if paths is None:
        restricted_ancestor = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return queryset.exclude(Exists(restricted_ancestor))
    if not paths:
        return queryset
    return queryset.exclude(reduce(or_, (Q(path__startswith=path) for path in paths)))


def restricted_paths():
    """The tree paths of the pages with a view restriction, kept site-wide; None when the
    page cache is off. Exact as long as the page cache is: saving or deleting a restriction,
    moving or deleting a page purge everything (``vakgenoten.signals``). A page added below a
    restricted one needs no purge: its path starts with the kept one."""
    if cache_seconds() <= 0:
        return None
    return cached_part("restricted-paths", _restricted_paths)


def _restricted_paths():
    return sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
