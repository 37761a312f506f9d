"""The members' notification preferences, as far as event e-mails need them.

Confirmations and waiting-list news are answers to something the member did, so they are always
sent. Reminders are optional: they follow the member's "event_updates" preference.
"""

from members.notifications import unsubscribe_url, wants_notification


def wants_email(user, kind):
    return wants_notification(user, kind)


def unsubscribe_link(user, kind):
    """A link to turn this kind of e-mail off; none for a guest without an account."""
    if user is None:
        return ""
    return unsubscribe_url(user, kind)
