"""Notification preferences and one-click unsubscribe links for e-mails to members.

Comments and events use this before and while they queue an e-mail::

    from members.notifications import wants_notification, unsubscribe_headers, unsubscribe_url

    kind = "comment_replies"
    if wants_notification(author, kind):
        queue_email(
            key=f"comment-reply:{reply.pk}:{author.pk}",
            to=author.email,
            subject=...,
            body=render_to_string(..., {"unsubscribe_url": unsubscribe_url(author, kind)}),
            headers=unsubscribe_headers(author, kind),
        )

The kinds are ``NotificationPreferences.Kind``: ``comment_replies``, ``article_comments``,
``followed_conversations`` and ``event_updates``. The unsubscribe link works without logging
in: it carries a signature (``django.core.signing``) of the member and the kind. A GET shows a
confirmation page, a POST unsubscribes, and a mail program's one-click POST
(``List-Unsubscribe=One-Click``, RFC 8058) unsubscribes at once.
"""

from django.core import signing
from django.urls import reverse

from vakgenoten import links

from .models import NotificationPreferences

KINDS = tuple(kind.value for kind in NotificationPreferences.Kind)
UNSUBSCRIBE_SALT = "members.notifications.unsubscribe"


def _check_kind(kind):
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}; choose from {', '.join(KINDS)}.")


def wants_notification(user, kind):
    """True when ``user`` (an active account) wants e-mail of this ``kind``."""
    _check_kind(kind)
    if user is None or not getattr(user, "is_active", False) or not getattr(user, "pk", None):
        return False
    return getattr(NotificationPreferences.for_user(user), kind)


def set_notification(user, kind, wanted):
    """Switch one kind of e-mail on or off for ``user``."""
    _check_kind(kind)
    preferences = NotificationPreferences.for_user(user)
    setattr(preferences, kind, bool(wanted))
    preferences.save()
    return preferences


def unsubscribe_token(user, kind):
    _check_kind(kind)
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """The (user id, kind) a token stands for; raises ``signing.BadSignature`` when forged."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict) or data.get("k") not in KINDS:
        raise signing.BadSignature("Unknown notification kind")
    return data["u"], data["k"]


def unsubscribe_path(user, kind):
    return reverse("members:unsubscribe", args=[unsubscribe_token(user, kind)])


def unsubscribe_url(user, kind):
    """The absolute one-click unsubscribe URL for e-mails (works without logging in)."""
    return links.absolute_url(unsubscribe_path(user, kind))


def unsubscribe_headers(user, kind):
    """The ``List-Unsubscribe`` headers (RFC 2369 and the one-click RFC 8058) for an e-mail."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user, kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
