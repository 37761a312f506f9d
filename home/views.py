"""Search across every type of page (articles, events and plain pages in one list), and a
member's own page "Voor jou"."""

import hashlib

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Site

from blog.models.stats import normalise_search_query
from blog.search import run_search
from collaborations.models import Collaboration
from members.follows import Interests
from members.models import Network, Organisation
from taxonomy.models import Theme
from vakgenoten.cache import cached_part, serves_pages

from .feed import FEED_LIMIT, ITEMS_PER_PAGE, feed_rows, load_items


@serves_pages
def search(request):
    """Search within the site: live, public pages of every type, with type and theme filters,
    snippets around the matching words and the editors' promoted results (blog.search)."""
    context = run_search(request)
    count_found_search(context["search"])
    context.update(register_matches(context["query"]))
    return render(request, "home/search.html", context)


REGISTER_MATCHES = 5


def register_matches(query):
    """Organisations and collaborations whose name, description (or tasks) hold the words: the
    first few of each, beside the pages. The whole phrase is looked for, as the list pages' own
    search does, so "see all" there shows the same and more.

    Kept in the shared cache per search, as site-wide content (two queries that read every
    organisation and collaboration: 1.6 ms of a 17 ms search): saving or deleting an
    organisation or a collaboration purges everything (``members.signals``,
    ``collaborations.signals``)."""
    if not query:
        return {"organisations": [], "collaborations": []}
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return cached_part(f"search-register-{digest}", lambda: _register_matches(query))


def _register_matches(query):
    organisations = Organisation.objects.filter(
        Q(name__icontains=query) | Q(description__icontains=query)
    ).order_by("name")[:REGISTER_MATCHES]
    collaborations = Collaboration.objects.filter(
        Q(name__icontains=query) | Q(description__icontains=query) | Q(tasks__icontains=query)
    ).order_by("name")[:REGISTER_MATCHES]
    return {"organisations": list(organisations), "collaborations": list(collaborations)}


def count_found_search(search):
    """Count a search that found something for the dashboard's "Meest gezocht" (Wagtail's
    daily search hits), under the same rules as the searches that found nothing: only the
    normalised words, never what looks like personal data, once per visitor and term a day."""
    if not search.query or not search.result_count or search.filtered:
        return
    if search.results is not None and search.results.number > 1:
        return
    term = normalise_search_query(search.query)
    if term and search.may_count_unfound():
        Query.get(term).add_hit()


@serves_pages
@never_cache
@login_required
def feed(request):
    """ "Voor jou": what is new in what the member follows, all kinds together, newest first.

    The rule is ``home.feed``. The page takes the same number of queries however many items
    match and whichever page is asked for: one for the member's interests (three more while
    they follow nothing), one for the author records of followed members and organisations,
    the newest ``FEED_LIMIT`` rows of one ``UNION``, one query per kind on the page with its
    fixed prefetches, and the names of the profile's start.
    """
    interests = Interests.for_user(request.user)
    following_url = reverse("members:following")
    number = request.GET.get("page") or "1"

    def render_list():
        rows = feed_rows(request.user, interests, limit=FEED_LIMIT)
        # The newest FEED_LIMIT rows (kind, id, date) in one statement; the pages are cut from
        # that list, so no second statement counts them.
        page_obj = Paginator(list(rows) if rows is not None else [], ITEMS_PER_PAGE).get_page(
            number
        )
        html = render_to_string(
            "home/includes/feed_list.html",
            {
                "items": load_items(page_obj.object_list),
                "page_obj": page_obj,
                "interests": interests,
                "following_url": following_url,
            },
            request=request,
        )
        return {"html": html, "number": page_obj.number}

    # Kept per member, what they follow and page: new content anywhere purges the home page's
    # generation (a page is published, a comment changes), which refreshes it; following
    # something else changes the interests and so the name.
    feed_list = cached_part(
        f"feed-{interests_key(interests)}-{number[:12]}",
        render_list,
        page_id=getattr(Site.find_for_request(request), "root_page_id", None),
        member_id=request.user.pk,
    )
    # Our own template's output, kept in our own cache: safe to insert as it is.
    feed_list = {**feed_list, "html": mark_safe(feed_list["html"])}  # noqa: S308  # nosec B308 B703
    return render(
        request,
        "home/feed.html",
        {
            "interests": interests,
            "feed_list": feed_list,
            "starting_points": starting_points(interests) if interests.from_profile else None,
            "crumbs": [(_("Home"), "/"), (_("Voor jou"), reverse("feed"))],
        },
    )


def interests_key(interests):
    """A short name for a member's interests, so the cached list follows what they follow."""
    parts = [
        sorted(interests.theme_ids),
        sorted(interests.member_ids),
        sorted(interests.network_ids),
        sorted(interests.organisation_ids),
        interests.from_profile,
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def starting_points(interests):
    """The names behind a newcomer's feed, for the explanation above it: their organisation,
    networks and profile themes (one query per kind the profile names)."""
    return {
        "organisations": _names(Organisation, interests.organisation_ids),
        "networks": _names(Network, interests.network_ids),
        "themes": _names(Theme, interests.theme_ids),
    }


def _names(model, ids):
    if not ids:
        return []
    return list(model.objects.filter(pk__in=ids).order_by("name").values_list("name", flat=True))
