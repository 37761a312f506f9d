"""Query helpers shared by every list of pages."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr

from wagtail.models import PageViewRestriction


def exclude_private(queryset):
    """``queryset`` without pages in a private section, like Wagtail's ``.public()``, but in
    the same SQL statement.

    ``PageQuerySet.public()`` first reads every view restriction in a query of its own, so a
    page with three lists ran that same statement three times. Here a correlated
    ``NOT EXISTS`` asks whether a restricted page is an ancestor of (or is) the page: its tree
    path is a prefix of the page's path.
    """
    restricted_ancestor = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.exclude(Exists(restricted_ancestor))
