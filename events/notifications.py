"""The members' notification preferences, as far as event e-mails need them.

Confirmations and waiting-list news are answers to something the member did, so they are always
sent. Reminders are optional: they follow the member's "event_updates" preference through
``members.notifications.wants_notification`` when the members app has it; without it every
member gets them.
"""

from django.urls import NoReverseMatch, reverse

from vakgenoten import links


def wants_email(user, kind):
    try:
        from members.notifications import wants_notification
    except ImportError:
        return True
    return wants_notification(user, kind)


def unsubscribe_link(user, kind):
    """A link to turn this kind of e-mail off, or to the member's own events page."""
    if user is None:
        return ""
    try:
        from members.notifications import unsubscribe_url
    except ImportError:
        try:
            path = reverse("events:my_events")
        except NoReverseMatch:
            return ""
        return links.absolute_url(path)
    return unsubscribe_url(user, kind)
