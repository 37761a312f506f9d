"""Views of publishing outside the page tree: the view-count beacon, robots.txt, sitemap."""

import base64
import re

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import cache_page, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from members.visibility import visible
from vakgenoten import limits, links

from .models import ArticlePage, ArticleViewCount

# A transparent 1×1 GIF: the no-JavaScript fallback of the view-count beacon.
PIXEL_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|monitor|curl|wget|"
    r"python-requests|httpclient|lighthouse|pingdom|uptime|feed",
    re.IGNORECASE,
)


def is_probably_a_bot(request):
    """Crawlers, link previews, monitors and prefetches are not readers."""
    user_agent = request.headers.get("User-Agent", "")
    if not user_agent or BOT_USER_AGENT.search(user_agent):
        return True
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    return "prefetch" in purpose.lower()


def _count_view(request, page_id):
    """Count a view of a live article; returns the total, or None when nothing was counted.

    A visitor counts once per article an hour: reloading, or sending the beacon by hand, does
    not move the count; each reader still adds one.
    """
    readable = visible(ArticlePage.objects.live().public(), request.user)
    if not readable.filter(pk=page_id).exists():
        raise Http404
    if is_probably_a_bot(request):
        return None
    visitor = f"{limits.client_ip(request)}:{page_id}"
    if not limits.allow(request, "article_view", key=visitor):
        return None
    return ArticleViewCount.record_view(page_id)


@csrf_exempt  # Counting a view changes nothing a visitor owns; the beacon sends no token.
@never_cache
@require_http_methods(["POST"])
def view_beacon(request, page_id):
    """``navigator.sendBeacon`` from blog.js lands here; answers with the new total."""
    views = _count_view(request, page_id)
    return JsonResponse({"counted": views is not None, "views": views})


@never_cache
@require_GET
def view_pixel(request, page_id):
    """The ``<noscript><img></noscript>`` fallback for readers without JavaScript."""
    _count_view(request, page_id)
    return HttpResponse(PIXEL_GIF, content_type="image/gif")


@require_GET
@cache_page(60 * 60, cache="pages")
def robots_txt(request):
    """Crawlers may read the public site; the admin, account pages, search and the view
    counter are off limits."""
    sitemap_url = links.absolute_url(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /mijn-account/",
        "Disallow: /e-mail/",
        "Disallow: /zoeken/",
        "Disallow: /weergave/",
        "Disallow: /probleem-melden/",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
