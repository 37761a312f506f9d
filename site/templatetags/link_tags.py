"""Absolute links in templates, on the public address (``vakgenoten.links``)."""

from django import template
from django.templatetags.static import static
from django.utils.text import Truncator

from .. import links
from ..images import SOCIAL_IMAGE_FILTER

register = template.Library()


@register.simple_tag
def absolute_url(url):
    """``url`` (a path, an image rendition's URL) on the public address."""
    return links.absolute_url(url)


@register.simple_tag(takes_context=True)
def page_absolute_url(context, page):
    """A page's canonical address: on the public address, whatever host the request used."""
    return links.page_url(page, context.get("request"))


# The site's default card for link previews (1200 x 630, scripts/make_social_card.py).
DEFAULT_SOCIAL_IMAGE = ("img/social-card.png", 1200, 630)


def social_image(image, request=None):
    """A Wagtail image's rendition for link previews, or None without an image.

    Looked up once per request: an article's head asks for it twice (the Open Graph tags and
    the structured data), and each of Wagtail's lookups is a cache read and a cache write,
    and on a first render a query.
    """
    if image is None:
        return None
    if request is None:
        return image.get_rendition(SOCIAL_IMAGE_FILTER)
    looked_up = request.__dict__.setdefault("_social_renditions", {})
    if image.pk not in looked_up:
        looked_up[image.pk] = image.get_rendition(SOCIAL_IMAGE_FILTER)
    return looked_up[image.pk]


@register.simple_tag(takes_context=True)
def social_image_url(context, image):
    """The absolute address of ``image`` as link previews show it ("" without an image)."""
    rendition = social_image(image, context.get("request"))
    return links.absolute_url(rendition.url) if rendition else ""


@register.inclusion_tag("components/social_meta.html", takes_context=True)
def social_meta(
    context, title=None, description=None, path=None, kind="website", image=None, image_alt=""
):
    """Canonical link, Open Graph and Twitter-card tags for the page being shown.

    Without arguments everything comes from the Wagtail ``page`` in the context (its SEO title,
    search description or intro, its address); views outside the page tree pass their own.
    A list's page number stays in the canonical address (``?page=2``): every page of a list
    has other items. ``image`` is a Wagtail image; without one the site's default card is used.
    """
    page = context.get("page")
    if title is None:
        title = (getattr(page, "seo_title", "") or getattr(page, "title", "")) or "Vakgenoten"
    if description is None:
        description = getattr(page, "search_description", "") or getattr(page, "intro", "")
    request = context.get("request")
    if path is None and page is not None:
        url = links.page_url(page, request)
    else:
        url = links.absolute_url(path or request.path)
    page_obj = context.get("page_obj")
    if getattr(page_obj, "number", 1) > 1:
        url = f"{url}?page={page_obj.number}"
    rendition = social_image(image, request)
    if rendition:
        image_url, width, height = (
            links.absolute_url(rendition.url),
            rendition.width,
            rendition.height,
        )
    else:
        name, width, height = DEFAULT_SOCIAL_IMAGE
        image_url, image_alt = links.absolute_url(static(name)), "Vakgenoten"
    return {
        "canonical_url": url,
        "kind": kind,
        "title": title,
        "description": Truncator(description).chars(200),
        "image_url": image_url,
        "image_width": width,
        "image_height": height,
        "image_alt": image_alt,
        "large_image": rendition is not None,
    }
