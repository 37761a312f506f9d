"""``{% shared_fragment %}`` and ``{% site_fragment %}``: pieces of a page rendered once for
every reader.

Signed-in members never get whole pages from the cache, yet most of an article (its text,
authors, themes, related articles) is the same for everybody. Wrapping that part in

    {% shared_fragment "article" %} ... {% endshared_fragment %}

keeps its HTML in the page cache under the page's generation (``vakgenoten.cache``), so
anything that purges the page refreshes the fragment as well. ``{% site_fragment "footer" %}``
is the same for what every page of a site shows (the footer): kept once per site and
language under the site-wide generation, which site settings and page moves purge. Never wrap
personal content (a CSRF token, "you are registered", the reader's name) in either, nor
anything that depends on the address (the current path, a query string).

``{% member_fragment "account-menu" unread %}`` keeps a piece only the signed-in member sees
(their name, their menu) as that member's own part: a change to their account purges it
(``purge_member``). The values after the name (a count) are part of its name. No CSRF token
in it either: a new login rotates the secret.
"""

from django import template

from ..cache import cached_html, cached_site

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name, nodelist, site_wide=False):
        self.name = name
        self.nodelist = nodelist
        self.site_wide = site_wide

    def render(self, context):
        request = context.get("request")
        if getattr(request, "is_preview", False):
            # A preview shows a draft: never the published page's fragment, never kept.
            return self.nodelist.render(context)
        name = f"fragment-{self.name.resolve(context)}"
        if self.site_wide:
            site = cached_site(request) if request is not None else None
            name, page_id = f"{name}-site-{getattr(site, 'pk', None)}", None
        else:
            page_id = getattr(context.get("page"), "pk", None)
        # Absolute URLs inside (canonical, Open Graph) are on settings.SITE_URL, the same for
        # every request, whatever host it came in on (vakgenoten.links).
        return cached_html(name, lambda: self.nodelist.render(context), page_id=page_id)


class MemberFragmentNode(template.Node):
    def __init__(self, names, nodelist):
        self.names = names
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        if not getattr(user, "is_authenticated", False) or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        name = "-".join(["fragment", *(str(name.resolve(context)) for name in self.names)])
        return cached_html(name, lambda: self.nodelist.render(context), member_id=user.pk)


@register.tag
def member_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% member_fragment "name" [value …] %} needs a name')
    nodelist = parser.parse(("endmember_fragment",))
    parser.delete_first_token()
    return MemberFragmentNode([parser.compile_filter(bit) for bit in bits[1:]], nodelist)


def _fragment(parser, token, site_wide):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f'{{% {bits[0]} "name" %}} takes one name')
    nodelist = parser.parse((f"end{bits[0]}",))
    parser.delete_first_token()
    return SharedFragmentNode(parser.compile_filter(bits[1]), nodelist, site_wide)


@register.tag
def shared_fragment(parser, token):
    return _fragment(parser, token, site_wide=False)


@register.tag
def site_fragment(parser, token):
    return _fragment(parser, token, site_wide=True)
