"""``{% request_reference %}``: the id of the request being served, for the error pages.

A visitor who quotes it ("kenmerk") lets support find the log lines of that request
(``vakgenoten.logging``). It reads neither the request, the context nor the database, so the
pages Django renders without a request, or while the database is down, can show it too.
"""

from django import template

from ..logging import current_request_id

register = template.Library()


@register.simple_tag
def request_reference():
    return current_request_id.get() or ""
