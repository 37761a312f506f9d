"""Search across every type of page: articles, events and plain pages in one list."""

from django.shortcuts import render

from wagtail.contrib.search_promotions.models import Query

from blog.models.stats import normalise_search_query
from blog.search import run_search
from vakgenoten.cache import serves_pages


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
