"""Colour contrast as WCAG 2.2 measures it, for colours that people choose themselves.

A network picks one accent colour for its pages. It is shown as a band with white text on it,
so it is accepted only when white text on it reaches the 4.5:1 that WCAG asks of normal text
(success criterion 1.4.3); the same then holds for the colour as text on a white page.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
MINIMUM_TEXT_CONTRAST = 4.5


def _channel(value):
    value = value / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour):
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first, second):
    """WCAG's contrast ratio of two ``#rrggbb`` colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_accent_colour(value):
    """A ``#rrggbb`` colour that carries white text (and reads as text on white)."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _("Geef een kleur als # met zes tekens 0-9 of a-f, bijvoorbeeld #0f5465."),
            code="format",
        )
    ratio = contrast_ratio(value, WHITE)
    if ratio < MINIMUM_TEXT_CONTRAST:
        raise ValidationError(
            _(
                "Deze kleur is te licht: witte tekst erop haalt een contrast van %(ratio)s:1, "
                "en er is minstens 4,5:1 nodig om hem goed te kunnen lezen. Kies een donkerdere "
                "tint."
            )
            % {"ratio": f"{ratio:.1f}".replace(".", ",")},
            code="contrast",
        )
