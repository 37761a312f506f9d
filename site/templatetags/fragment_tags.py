"""``{% shared_fragment %}``: a piece of a page rendered once for every reader.

Signed-in members never get whole pages from the cache, yet most of an article (its text,
authors, themes, related articles) is the same for everybody. Wrapping that part in

    {% shared_fragment "article" %} ... {% endshared_fragment %}

keeps its HTML in the page cache under the page's generation (``vakgenoten.cache``), so
anything that purges the page refreshes the fragment as well. Never wrap personal content
(a CSRF token, "you are registered", the reader's name) in it.
"""

from django import template
from django.utils.safestring import mark_safe

from ..cache import cached_part

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        if getattr(request, "is_preview", False):
            # A preview shows a draft: never the published page's fragment, never kept.
            return self.nodelist.render(context)
        page = context.get("page")
        page_id = getattr(page, "pk", None)
        # Absolute URLs inside (canonical, Open Graph) are on settings.SITE_URL, the same for
        # every request, whatever host it came in on (vakgenoten.links).
        html = cached_part(
            f"fragment-{self.name.resolve(context)}",
            lambda: str(self.nodelist.render(context)),
            page_id=page_id,
        )
        # Our own template's output, kept in our own cache.
        return mark_safe(html)  # noqa: S308  # nosec B308 B703


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('{% shared_fragment "name" %} takes one name')
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(parser.compile_filter(bits[1]), nodelist)
