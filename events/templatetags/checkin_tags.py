"""The registration's check-in code in templates: ``{% checkin_qr registration %}`` and
``{{ registration.code|checkin_code }}``."""

from django import template
from django.utils.safestring import mark_safe

from ..checkin import display_code, qr_svg

register = template.Library()


@register.simple_tag
def checkin_qr(registration):
    # segno writes the SVG from the code alone (letters, digits and the site's address).
    return mark_safe(qr_svg(registration))  # noqa: S308  # nosec B308 B703 # no user input


@register.filter
def checkin_code(code):
    return display_code(code or "")
