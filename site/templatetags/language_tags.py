"""Marking Dutch content in an English interface (WCAG 3.1.2); see ``vakgenoten.language``.

Built-ins (settings ``TEMPLATES``), so every template has them without a ``{% load %}``:

- ``{% content_lang %}`` inside a tag around content: `` lang="nl"`` when the interface is
  English, nothing in Dutch. ``{% content_lang as lang_attr %}`` for use in a blocktranslate.
- ``{{ theme.name|in_content_lang }}`` for a Dutch word inside a translated sentence: wraps it
  in ``<span lang="nl">`` when the interface is English, leaves it as it is in Dutch.
"""

from django import template

from ..language import content_lang_attribute, in_content_language

register = template.Library()


@register.simple_tag
def content_lang():
    return content_lang_attribute()


@register.filter
def in_content_lang(value):
    return in_content_language(value)
