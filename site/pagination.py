"""Paginators shared by the apps."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .cache import cached_part


class KeptCountPaginator(Paginator):
    """A paginator whose total is kept in the cache with the page that lists (``page_id``),
    as the part ``<prefix><key>``.

    Counting every article a reader may see (100,000 at scale) or every listed member
    (20,000) cost more than the page of cards itself. The total changes only with what
    purges the page's parts: an article below the listing published, unpublished, moved or
    deleted, or a closed network changed (the knowledge base); a member listed, changed or
    gone (the member directory's own generation, ``members.directory``). ``key`` names the
    list: its filters and, where readers see different lists, who reads it.
    """

    def __init__(self, object_list, per_page, key, page_id, prefix="count:", counted=None):
        super().__init__(object_list, per_page)
        self.page_id = page_id
        self.count_name = f"{prefix}{key}"
        self.counted = counted  # the same list, as a queryset that is cheaper to count

    @cached_property
    def count(self):
        return cached_part(self.count_name, self.count_objects, page_id=self.page_id)

    def count_objects(self):
        """The total, counted (what is kept)."""
        if self.counted is not None:
            return self.counted.count()
        return Paginator.count.func(self)
