"""A page's Wagtail view restrictions, read from the shared cache when the page is served.

Wagtail's ``on_serve_page`` hook asks ``page.get_view_restrictions()`` on every view the page
cache does not answer: every signed-in view and every first render. That costs two queries
(the page's ancestors, then their restrictions), about 2 ms, though a site has few
restrictions and they seldom change.

Most sites have none at all (closed networks keep their content by their own rule). Then no
page has one, an alias neither, and the serve hook is answered from the restricted pages'
paths that every list keeps anyway (``vakgenoten.queries.restricted_paths``): a first render
asks nothing about restrictions.
"""

from wagtail.models import PageViewRestriction

from .cache import cached_part
from .queries import restricted_paths


class KeptViewRestrictions:
    """Page mixin: ``get_view_restrictions`` kept as a part of the page in the shared cache.

    What is kept is Wagtail's own queryset, evaluated: iterating it (the serve hook) reads the
    kept rows, while ``order_by`` or ``filter`` (the admin's privacy dialog) asks the database
    afresh. As exact as the page cache: a restriction saved or deleted, its groups changed, a
    page moved, renamed or deleted, and an alias converted purge everything
    (``vakgenoten.signals``). On a site without restrictions, the answer is an empty queryset.
    """

    def get_view_restrictions(self):
        read = super().get_view_restrictions
        if self.pk is None:
            return read()
        if restricted_paths() == []:  # the site has no restrictions (None: not kept)
            return PageViewRestriction.objects.none()

        def evaluated():
            restrictions = read()
            len(restrictions)  # a pickled queryset keeps its rows only once they are read
            return restrictions

        return cached_part("view-restrictions", evaluated, page_id=self.pk)
