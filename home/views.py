"""Search across every type of page: articles, events and plain pages in one list."""

from django.shortcuts import render

from blog.search import run_search
from vakgenoten.cache import serves_pages


@serves_pages
def search(request):
    """Search within the site: live, public pages of every type, with type and theme filters,
    snippets around the matching words and the editors' promoted results (blog.search)."""
    return render(request, "home/search.html", run_search(request))
