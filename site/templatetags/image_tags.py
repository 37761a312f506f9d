"""``{% responsive_image %}``: one ``<picture>`` with AVIF and WebP sources for every image.

The markup every image needs, written once: ``width`` and ``height`` (the browser reserves
the space, nothing shifts when the file arrives), a ``srcset`` per format, and lazy loading
with asynchronous decoding for images below the fold (the default). ``lazy=False`` for a
small image in the first screen; ``priority=True`` for the one large image a visitor sees
first (the LCP element: fetched at once with high priority).

    {% responsive_image page.hero_image "width-{800,1600}" sizes="100vw" alt=alt priority=True %}
"""

from django import template

from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from vakgenoten.images import rendition_specs

register = template.Library()


@register.simple_tag
def responsive_image(image, sizes_spec, sizes=None, alt="", lazy=True, priority=False, **attrs):
    """``sizes_spec``: the resize spec, e.g. ``"fill-{96x96,192x192}"``; ``sizes``: the
    ``sizes`` attribute when there is more than one width; other keyword arguments become
    attributes of the ``<img>`` (``class`` as ``css_class``: ``class`` is a Python word)."""
    if not image:
        return ""
    renditions = get_renditions_or_not_found(image, rendition_specs(sizes_spec))
    img_attrs = {"alt": alt}
    if "css_class" in attrs:
        attrs["class"] = attrs.pop("css_class")
    img_attrs.update(attrs)
    if sizes:
        img_attrs["sizes"] = sizes
    if priority:
        img_attrs["fetchpriority"] = "high"
    elif lazy:
        img_attrs.update(loading="lazy", decoding="async")
    else:
        img_attrs["decoding"] = "async"
    return Picture(renditions, img_attrs).__html__()
