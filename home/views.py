"""Search across every type of page (articles, events and plain pages in one list), and a
member's own page "Voor jou"."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail.contrib.search_promotions.models import Query

from blog.models.stats import normalise_search_query
from blog.search import run_search
from members.follows import Interests
from members.models import Network, Organisation
from taxonomy.models import Theme
from vakgenoten.cache import serves_pages

from .feed import ITEMS_PER_PAGE, feed_rows, load_items


@serves_pages
def search(request):
    """Search within the site: live, public pages of every type, with type and theme filters,
    snippets around the matching words and the editors' promoted results (blog.search)."""
    context = run_search(request)
    count_found_search(context["search"])
    return render(request, "home/search.html", context)


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
    they follow nothing), the count and the slice of one ``UNION``, one query per kind on the
    page with its fixed prefetches, and the names of the profile's start.
    """
    interests = Interests.for_user(request.user)
    rows = feed_rows(request.user, interests)
    page_obj = Paginator(rows if rows is not None else [], ITEMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "home/feed.html",
        {
            "interests": interests,
            "items": load_items(page_obj.object_list),
            "page_obj": page_obj,
            "starting_points": starting_points(interests) if interests.from_profile else None,
            "crumbs": [(_("Home"), "/"), (_("Voor jou"), reverse("feed"))],
        },
    )


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
