"""Absolute links in templates, on the public address (``vakgenoten.links``)."""

from django import template

from .. import links

register = template.Library()


@register.simple_tag
def absolute_url(url):
    """``url`` (a path, an image rendition's URL) on the public address."""
    return links.absolute_url(url)


@register.simple_tag(takes_context=True)
def page_absolute_url(context, page):
    """A page's canonical address: on the public address, whatever host the request used."""
    return links.page_url(page, context.get("request"))
