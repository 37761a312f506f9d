"""Notification preferences and one-click unsubscribe links for e-mails to members.

The one place where a member's e-mail switches live: comments and events ask here before they
queue an e-mail, and put the link and headers from here in it::

    from members.notifications import unsubscribe_headers, unsubscribe_url, wants_notification

    kind = "comment_replies"
    if wants_notification(author, kind):
        url = unsubscribe_url(author, kind)
        queue_email(
            key=f"comment-reply:{reply.pk}:{author.pk}",
            to=author.email,
            subject=...,
            body=render_to_string(..., {"unsubscribe_url": url}),
            headers=unsubscribe_headers(url),
        )

The kinds are ``NotificationPreferences.Kind``. The unsubscribe link works without logging in:
it carries a signature (``django.core.signing``) of the member, the kind and, for a kind an app
has registered with :func:`register_page_unsubscribe`, optionally one page (leave just the
conversation under that page). A GET shows a confirmation page, a POST unsubscribes, and a mail
program's one-click POST (``List-Unsubscribe=One-Click``, RFC 8058) unsubscribes at once.
"""

from django.core import signing
from django.urls import reverse

from vakgenoten import links

from .models import NotificationPreferences

KINDS = tuple(kind.value for kind in NotificationPreferences.Kind)
UNSUBSCRIBE_SALT = "members.notifications.unsubscribe"
# Comment e-mails sent before there was one unsubscribe system signed their links (under
# /reacties/afmelden/) with this salt; the same view still honours them.
LEGACY_SALTS = ("comments.unsubscribe",)

_page_unsubscribes = {}


def register_page_unsubscribe(kind, stop, question, done):
    """Let ``kind`` be switched off for one page only, by the app that knows what that means.

    ``stop(user, page)`` does it; ``question`` and ``done`` are the texts of the confirmation
    and the result, with ``%(title)s`` for the page's title.
    """
    _check_kind(kind)
    _page_unsubscribes[kind] = {"stop": stop, "question": question, "done": done}


def page_unsubscribe(kind):
    """What :func:`register_page_unsubscribe` registered for ``kind``, or None."""
    return _page_unsubscribes.get(kind)


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


# Kinds that can be switched off for one network only (the membership's receives_messages).
NETWORK_KINDS = (NotificationPreferences.Kind.NETWORK_MESSAGES.value,)


def unsubscribe_token(user, kind, page=None, network=None):
    """A signed token naming the member, the kind and optionally one page or network.

    ``user`` is a member or just their id: batch senders (the digest, network messages) read
    ids from the database and need no member object for this.
    """
    _check_kind(kind)
    payload = {"u": getattr(user, "pk", user), "k": kind}
    if network is not None:
        if kind not in NETWORK_KINDS:
            raise ValueError(f"Notification kind {kind!r} cannot be switched off per network.")
        payload["n"] = network.pk
    if page is not None:
        if kind not in _page_unsubscribes:
            raise ValueError(f"Notification kind {kind!r} cannot be switched off for one page.")
        payload["p"] = page.pk
    return signing.dumps(payload, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """The (user id, kind, page id or None) a token stands for.

    Raises ``signing.BadSignature`` when the token is forged, cut short or names no known kind.
    """
    data = _load(token)
    return data.get("u"), data["k"], data.get("p")


def read_unsubscribe_network(token):
    """The network id a token for one network's messages names, or None (all networks)."""
    network_id = _load(token).get("n")
    return network_id if isinstance(network_id, int) else None


def _load(token):
    for salt in (UNSUBSCRIBE_SALT, *LEGACY_SALTS):
        try:
            data = signing.loads(token, salt=salt)
        except signing.BadSignature:
            continue
        break
    else:
        raise signing.BadSignature("Not an unsubscribe token")
    if not isinstance(data, dict) or data.get("k") not in KINDS:
        raise signing.BadSignature("Unknown notification kind")
    page_id = data.get("p")
    if page_id is not None and (
        data["k"] not in _page_unsubscribes or not isinstance(page_id, int)
    ):
        raise signing.BadSignature("This kind cannot be switched off for one page")
    if data.get("n") is not None and data["k"] not in NETWORK_KINDS:
        raise signing.BadSignature("This kind cannot be switched off for one network")
    return data


def unsubscribe_path(user, kind, page=None, network=None):
    return reverse("members:unsubscribe", args=[unsubscribe_token(user, kind, page, network)])


def unsubscribe_url(user, kind, page=None, network=None):
    """The absolute one-click unsubscribe URL for e-mails (works without logging in).

    With ``page`` the link switches ``kind`` off for that page only; with ``network`` (for
    ``network_messages``) for that network only.
    """
    return links.absolute_url(unsubscribe_path(user, kind, page, network))


def unsubscribe_headers(url):
    """The ``List-Unsubscribe`` headers (RFC 2369 and the one-click RFC 8058) for ``url``.

    Pass the link the body shows, so header and text carry the same one.
    """
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
