"""schema.org data for search engines: one way to put it in a page, for every app."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# JSON inside <script> must not be able to close the element or open a comment: <, > and &
# become \u escapes (still the same JSON), as Django's json_script does.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """``<script type="application/ld+json">`` holding ``data``, safe to put in any page."""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload),  # noqa: S308  # nosec B308 B703 # <, > and & are escaped above
    )
