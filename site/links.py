"""Absolute links on the site's one public address, ``settings.SITE_URL``.

Every link that leaves the site (an e-mail, a feed, the sitemap, a calendar file, a canonical
or Open Graph tag, structured data) is built here, and never from a request: a request may come
in on another name (an alias, the proxy's internal name, a test client), and a link built from
it would point readers there. Inside the site, relative links (``page.url``) stay as they are.

The one exception goes the other way: :func:`safe_redirect_target` checks an address a visitor
chose (``next``, Referer) against the host the request came in on, so a redirect never leaves
the site the visitor is on.

Wagtail builds its own absolute page URLs from the default Site record, so :func:`follow_site_url`
points that record at SITE_URL on every migrate; the code here needs the record for nothing.
"""

import logging
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

# What a link to a Wagtail page needs: its title, and its address (``url_path`` under the
# site's root). The menu, the breadcrumbs and the footer read only these columns of Wagtail's
# page table, not its thirty: their queries take less to put together and to read on a first
# render, and their parts in the cache are smaller.
PAGE_LINK_FIELDS = ("id", "title", "url_path", "path", "depth")


def site_url():
    """The public address: ``scheme://host[:port]`` without a trailing slash."""
    return settings.SITE_URL


def site_hostname():
    """The host name of the public address, without port (``vakgenoten.nl``)."""
    return urlsplit(settings.SITE_URL).hostname


def absolute_url(url):
    """``url`` (a path such as ``/kennisbank/``) on the public address.

    A URL that already names its host, such as an image on object storage, comes back unchanged;
    an empty one stays empty.
    """
    if not url:
        return ""
    return urljoin(settings.SITE_URL + "/", url)


def public_address_of(url):
    """The same path, query and fragment as ``url``, on the public address.

    For absolute URLs built elsewhere from a request or a Site record (allauth's e-mail links,
    Wagtail's sitemap entries) whose host may be any name the site answers on.
    """
    parts = urlsplit(url)
    return settings.SITE_URL + urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))


def page_url(page, request=None):
    """A Wagtail page's absolute URL on the public address, or "" if it has none (no site)."""
    parts = page.get_url_parts(request)
    if parts is None:
        return ""
    return absolute_url(parts[2])


def safe_redirect_target(request, candidate, fallback=""):
    """``candidate`` when it stays on the host this request came in on, else ``fallback``.

    For every ``next``, Referer or return address a visitor can choose. Relative paths and
    absolute URLs on the request's own host pass; other hosts, ``//host``, backslash tricks,
    ``javascript:`` and (on an https request) plain http do not.
    """
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def follow_site_url():
    """Point the default Wagtail Site record at SITE_URL's host and port (post_migrate).

    Idempotent: nothing is written when the record already matches. A database without a
    default site (a fresh flush) is left alone; ``load_demo`` creates one from SITE_URL.
    Wagtail's ``Site.root_url`` can say https only on port 443, so a public address with https
    on another port gives Wagtail's own links (admin "view live") the wrong scheme; the site's
    links do not depend on it.
    """
    from wagtail.models import Site

    hostname, port = site_record_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return site
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        logger.warning(
            "SITE_URL %s belongs to another (not default) Wagtail site; the default site "
            "keeps %s:%s. Make that site the default, or remove it.",
            settings.SITE_URL,
            site.hostname,
            site.port,
        )
        return site
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return site


def site_record_address():
    """(hostname, port) of SITE_URL, as the Wagtail Site record stores them."""
    parts = urlsplit(settings.SITE_URL)
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
