"""The member directory's parts kept in the shared cache: its filter choices, the number of
members a search finds and each page of member cards (``docs/caching.md``).

Counting every listed member read the whole table on each visit (20,000 rows at scale), and
a page of cards, the filter form and its three lists of choices cost about as much again. What
the directory shows is the same for every signed-in member (``User.objects.visible_to``
gives them all the same listed members, and a card shows nothing about who looks at it), so
these parts are shared by all members and kept under a generation of their own,
``DIRECTORY``, beside the global one:

- the global generation moves on when a name, an account's active state, a profile's
  visibility, an organisation, network or theme changes or a member is deleted
  (``members/signals.py``, ``taxonomy/signals.py``);
- ``purge_directory`` moves ``DIRECTORY`` on for what only the directory shows or filters on:
  a profile saved (role, organisation, province), its themes, an e-mail address verified or
  removed (who is listed), a network membership approved or ended, a new account.

Never kept for a visitor: the directory is for members only, and visitors would see only
public profiles (``visible_to``).
"""

import hashlib

from django.core.paginator import Page

from vakgenoten.cache import cached_part, cached_parts, purge_pages, purge_pages_after_commit
from vakgenoten.pagination import KeptCountPaginator

# The generation of the directory's parts: ``pagecache:gen:members-directory``. Not a page id
# (those are numbers), so no page's purge touches it and its purge touches no page.
DIRECTORY = "members-directory"

FILTER_FIELDS = ("q", "organisation", "network", "theme", "province")


def purge_directory():
    """Refresh the directory's kept counts and cards (and its filter choices)."""
    purge_pages([DIRECTORY])


def purge_directory_after_commit():
    """Once the change is committed, as every purge from a model save (``docs/caching.md``):
    before it, another process could count or render the old rows again and keep them under
    the new generation."""
    purge_pages_after_commit([DIRECTORY])


def part_name(name):
    return f"directory-{name}"


def kept_part(name, compute):
    return cached_part(part_name(name), compute, page_id=DIRECTORY)


def kept_parts(computes):
    """Many of the directory's parts in one round trip (``cached_parts``); computed in order
    where they are not kept."""
    named = cached_parts(
        {part_name(name): compute for name, compute in computes.items()}, page_id=DIRECTORY
    )
    return {name: named[part_name(name)] for name in computes}


def search_key(form):
    """16 hex naming a search of the directory: what was typed or chosen. The members it
    finds and their number follow from it (``?organisation=bestaat-niet`` lists what
    ``/leden/`` does, kept apart)."""
    values = [repr(form.data.getlist(name)) for name in FILTER_FIELDS]
    return hashlib.sha256("\0".join(values).encode()).hexdigest()[:16]


def form_key(form):
    """How the filter form renders: bound or not (``?page=2`` binds it) and the search; its
    errors follow from the values and the kept choices."""
    return f"{'bound' if form.is_bound else 'unbound'}-{search_key(form)}"


def likely_page(number):
    """The page ``Paginator.get_page`` gives for ``number`` (as typed) when that page exists,
    known before the count: a whole number as it is, anything else page 1. The cards are kept
    by the page they show, so ``?page=abc``, ``?page=1`` and no page share one entry. Past the
    last page or below the first, ``get_page`` gives another (the last): the view finds out
    once it knows the count. A guess out of any range is page 1, which keeps keys short."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return 1
    return number if 0 < number < 10**9 else 1


class DirectoryPaginator(KeptCountPaginator):
    """The directory's paginator: its total is the part ``count_part`` (``kept_part``),
    and its pages read their members only when their cards are not kept."""

    def __init__(self, members, per_page, search):
        self.count_part = f"count-{search}"
        super().__init__(members, per_page, self.count_part, DIRECTORY, prefix=part_name(""))

    def _get_page(self, *args, **kwargs):
        return KeptCardsPage(*args, **kwargs)


class KeptCardsPage(Page):
    """A page whose members are read only when its cards are not kept: a page is always
    there, so asking whether it is (``{% if page_obj %}`` in the pagination) reads none."""

    def __bool__(self):
        return True
