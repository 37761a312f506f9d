"""Responsive images: every picture the site shows is served as AVIF and WebP renditions.

One place names the formats, so the templates (``{% responsive_image %}`` in
``image_tags``) and the listings that prefetch renditions ask for the same filter specs: a
prefetched list then renders without a query per image.
"""

from wagtail.images.models import Filter

# Link previews (Open Graph, the structured data): one JPEG in the size the big platforms show.
SOCIAL_IMAGE_FILTER = "fill-1200x630|format-jpeg"

# In the order browsers should try them: AVIF is the smallest, WebP the fallback that every
# browser the site supports can show (so no JPEG or PNG copy is made for pages).
FORMATS = ("avif", "webp")


def rendition_specs(sizes):
    """The filter specs for ``sizes`` (a Wagtail resize spec, braces allowed:
    ``"fill-{480x270,960x540}"``) in every format, smallest size first within a format."""
    return Filter.expand_spec(f"{sizes}|format-{{{','.join(FORMATS)}}}")
