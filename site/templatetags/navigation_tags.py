"""Template tags for site navigation: main menu, breadcrumbs and pagination links."""

import hashlib
from types import SimpleNamespace

from django import template
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page

from ..cache import cached_html, cached_part, cached_site
from ..links import PAGE_LINK_FIELDS

register = template.Library()


def _current_site(request):
    """The Wagtail site for this request, or None (e.g. an unknown host)."""
    if request is None:
        return None
    return cached_site(request)


@register.simple_tag(takes_context=True)
def home_url(context):
    """The URL of the current site's home page; "/" when there is no site."""
    request = context.get("request")
    site = _current_site(request)
    if site is None:
        return "/"
    return site.root_page.get_url(request) or "/"


# Sections that are views, not pages: (title, URL name), shown after the menu's pages. The site
# layer names them by URL only, so it imports none of the apps that serve them.
FIXED_MENU_ITEMS = [
    (_("Organisaties"), "members:organisations"),
    (_("Samenwerkingen"), "collaborations:list"),
]


def fixed_menu_items(request_path):
    """The fixed items, each "page" on its own address and "true" on the addresses below it."""
    items = []
    for title, url_name in FIXED_MENU_ITEMS:
        try:
            url = reverse(url_name)
        except NoReverseMatch:  # the app is not installed here
            continue
        if request_path == url:
            current = "page"
        elif request_path.startswith(url):
            current = "true"
        else:
            current = ""
        items.append({"title": title, "url": url, "current": current, "fixed": True})
    return items


def _kept_with_page(context, name, template_name, make_context):
    """``template_name`` rendered with ``make_context()``, kept as a part of the page being
    shown: a member's request, which the page cache never answers, reads the menu and the
    breadcrumbs with the page's other parts instead of rendering them (a millisecond of every
    signed-in page). ``name`` says what else the HTML depends on. Not for a preview (a draft's
    title) nor for a view that is no Wagtail page."""
    request = context.get("request")
    page = context.get("page")

    def render():
        return render_to_string(template_name, make_context())

    # Views that are no Wagtail page may call something else "page" (a page of a list).
    kept = isinstance(page, Page) and page.pk is not None and request is not None
    if not kept or getattr(request, "is_preview", False):
        return mark_safe(render())  # noqa: S308  # nosec B308 B703  # our own template
    return cached_html(name, render, page_id=page.pk)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu (``menu_items``), kept with the page for every address below it: which
    item is current follows the address (a fixed section's view) as well as the page."""
    request = context.get("request")
    path = getattr(request, "path", "")
    digest = hashlib.blake2s(path.encode(), digest_size=8).hexdigest()
    return _kept_with_page(
        context, f"main-menu-{digest}", "navigation/main_menu.html", lambda: menu_items(context)
    )


def menu_items(context):
    """The home link plus the live children of the site root that are shown in menus, then
    the fixed sections that are views (``FIXED_MENU_ITEMS``).

    One query for the children, whatever their number. ``current`` is "page" for the page
    being shown and "true" for the section (an ancestor) it belongs to.
    """
    request = context.get("request")
    current_page = context.get("page")
    site = _current_site(request)
    if site is None:
        return {"home": None, "items": []}

    root = site.root_page
    current_path = getattr(current_page, "path", None)
    request_path = request.path if request is not None else ""

    def state(page, url):
        if current_path:
            if current_path == page.path:
                return "page"
            if current_path.startswith(page.path) and page.pk != root.pk:
                return "true"
            return ""
        # Views that are not Wagtail pages (search, forms): match on the URL.
        return "page" if url and request_path == url else ""

    home_link = root.get_url(request)
    home = {"title": root.title, "url": home_link, "current": state(root, home_link)}

    def menu_children():
        return [
            (child.title, child.get_url(request), child.path, child.pk)
            for child in root.get_children().live().in_menu().only(*PAGE_LINK_FIELDS)
        ]

    # The children change only with a page at menu level, which purges every cached part.
    children = cached_part(f"menu-{site.pk}", menu_children)
    items = []
    for title, url, path, pk in children:
        child = SimpleNamespace(path=path, pk=pk)
        items.append({"title": title, "url": url, "current": state(child, url)})
    fixed = fixed_menu_items(request_path)
    if any(item["current"] for item in fixed):
        for item in items:  # a page whose address starts the same is not the current one
            item["current"] = ""
    return {"home": home, "items": items + fixed}


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The trail of ``breadcrumb_items``, kept with the page."""
    make = lambda: breadcrumb_items(context)  # noqa: E731
    return _kept_with_page(context, "breadcrumbs-html", "navigation/breadcrumbs.html", make)


def breadcrumb_items(context):
    """The ancestors of ``page`` below the tree root, then the page itself.

    Renders nothing on the home page of the site or when there is no page.
    """
    request = context.get("request")
    page = context.get("page")
    if page is None or getattr(page, "depth", 0) <= 2:
        return {"ancestors": [], "page": None}
    site = _current_site(request)
    if site is not None and page.pk == site.root_page_id:
        return {"ancestors": [], "page": None}
    # Menu-level ancestors purge every cached part when they change (vakgenoten.signals).
    ancestors = cached_part("breadcrumbs", lambda: _ancestors(page, site), page_id=page.pk)
    return {"ancestors": ancestors, "page": page, "request": request}


def _ancestors(page, site):
    """The page's ancestors below the tree root, as links (``PAGE_LINK_FIELDS``).

    A page routed by its address knows its parent (``HomePage.route``); when that parent is
    the site's home page or a section right below it, the trail is known without a query:
    most pages sit at those two levels. Deeper pages ask the tree."""
    parent = getattr(page, "_cached_parent_obj", None)
    root = site.root_page if site is not None else None
    if parent is not None and root is not None and root.depth == 2:
        if parent.pk == root.pk:
            return [_link(root)]
        if parent.depth == 3 and parent.path.startswith(root.path):
            return [_link(root), _link(parent)]
    return list(page.get_ancestors().filter(depth__gt=1).only(*PAGE_LINK_FIELDS))


def _link(page):
    """A page as the tree query above reads it: the link's columns of Wagtail's page table."""
    return Page(**{name: getattr(page, name) for name in PAGE_LINK_FIELDS})


@register.simple_tag(takes_context=True)
def url_with_page(context, number):
    """``?`` plus the current query string with ``page`` set to ``number``."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"?page={number}"
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag
def elided_page_range(page_obj, on_each_side=1, on_ends=1):
    """Page numbers around the current one; None stands for a gap ("…")."""
    paginator = page_obj.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    ]


@register.simple_tag(takes_context=True)
def editor_userbar(context):
    """Wagtail's userbar (edit this page) for the people who may open the admin.

    Asking whether a signed-in member may open the admin costs two permission queries on every
    page they read. The answer is kept as one of the member's own parts, read with the others:
    a change to their groups, permissions or account purges it (``vakgenoten.signals``), and
    the admin itself checks on every request.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return ""
    allowed = cached_part(
        "admin-access", lambda: user.has_perm("wagtailadmin.access_admin"), member_id=user.pk
    )
    return wagtailuserbar(context) if allowed else ""
