"""The unread-notification count in the header: one cache read per page (members.inbox)."""

from django import template

from .. import inbox

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return inbox.unread_count(user) if user is not None else 0
