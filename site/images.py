"""Responsive images: every picture the site shows is served as AVIF and WebP renditions.

One place names the formats, so the templates (``{% responsive_image %}`` in
``image_tags``) and the listings that prefetch renditions ask for the same filter specs: a
prefetched list then renders without a query per image.
"""

from wagtail.images import get_image_model
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


def with_renditions(image_id, *specs):
    """The image ``image_id`` with its renditions ``specs`` attached, as Wagtail's
    ``prefetch_renditions`` attaches them (``prefetched_renditions``), or None without one.

    Once the renditions exist, one query reads them with their image, where the image and then
    its renditions took two: a first render of a page with a picture asks one. A size not made
    yet is made on first use, as with Wagtail's prefetch."""
    image_model = get_image_model()
    renditions = list(
        image_model.get_rendition_model()
        .objects.filter(image_id=image_id, filter_spec__in=specs)
        .select_related("image")
    )
    if not renditions:
        return image_model.objects.prefetch_renditions(*specs).filter(pk=image_id).first()
    image = renditions[0].image
    for rendition in renditions:
        rendition.image = image
    image.prefetched_renditions = renditions
    return image
