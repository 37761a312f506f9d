"""``{% content_lang %}``: `` lang="nl"`` in the tag around what editors and members wrote,
when the interface is English (WCAG 3.1.2). A built-in (settings ``TEMPLATES``), so every
template has it without a ``{% load %}``. See ``vakgenoten.language``."""

from django import template

from ..language import content_lang_attribute

register = template.Library()


@register.simple_tag
def content_lang():
    return content_lang_attribute()
