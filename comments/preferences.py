"""Which comment e-mails a member wants, and the one-click way out of each.

Three kinds belong to the member's notification preferences in the members app
(``members.notifications``): replies to my comments, comments on my articles, and new comments
in conversations I follow. Their e-mails respect those switches and carry the members app's
one-click unsubscribe link, except that a conversation e-mail's header link leaves just that
conversation (the body offers both).

Two kinds only the comments app sends: the editors' decision about your held comment, and (for
moderators) comments waiting for moderation. Their switch is a ``CommentEmailOptOut`` row, set
through this app's own signed link, which works the same way: a GET shows a confirmation
button, a POST (also the RFC 8058 one-click POST a mail program sends) switches it off.
"""

from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members import notifications as member_notifications
from vakgenoten import links

from .models import CommentEmailOptOut, ConversationSubscription

SALT = "comments.unsubscribe"

# Kinds the members app keeps in the member's notification preferences.
REPLY = "comment_replies"
ON_MY_ARTICLE = "article_comments"
CONVERSATION = "followed_conversations"
# Kinds only the comments app sends.
MODERATION_OUTCOME = "comment_moderation_outcome"
MODERATION_QUEUE = "comment_moderation_queue"

MEMBER_KINDS = {REPLY, ON_MY_ARTICLE, CONVERSATION}
KINDS = {
    REPLY: _("antwoorden op je reacties"),
    ON_MY_ARTICLE: _("nieuwe reacties onder je artikelen"),
    CONVERSATION: _("nieuwe reacties in een gesprek dat je volgt"),
    MODERATION_OUTCOME: _("het besluit van de redactie over je reactie"),
    MODERATION_QUEUE: _("reacties die op moderatie wachten (voor de redactie)"),
}
# What this app's own link may switch off: its own kinds, and leaving one conversation.
OWN_LINK_KINDS = {CONVERSATION, MODERATION_OUTCOME, MODERATION_QUEUE}


def wants(user, kind, page=None):
    """True when ``user`` still wants this kind of e-mail."""
    if user is None or not user.is_active or not user.email:
        return False
    if kind in MEMBER_KINDS:
        return member_notifications.wants_notification(user, kind)
    return not CommentEmailOptOut.objects.filter(user=user, kind=kind).exists()


def make_token(user, kind, page=None):
    payload = {"u": user.pk, "k": kind}
    if kind == CONVERSATION:
        payload["p"] = page.pk
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token):
    """(user_id, kind, page_id or None), or None for a tampered or unknown link."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("k") not in OWN_LINK_KINDS:
        return None
    if payload["k"] == CONVERSATION and not payload.get("p"):
        return None
    return payload.get("u"), payload["k"], payload.get("p")


absolute_url = links.absolute_url  # every link in these e-mails is on the public address


def own_unsubscribe_url(user, kind, page=None):
    return absolute_url(reverse("comments:unsubscribe", args=[make_token(user, kind, page)]))


def unsubscribe_url(user, kind, page=None):
    """The one-click link for the List-Unsubscribe header of an e-mail of ``kind``."""
    if kind == CONVERSATION and page is not None:
        return own_unsubscribe_url(user, kind, page)  # leave this one conversation
    if kind in MEMBER_KINDS:
        return member_notifications.unsubscribe_url(user, kind)
    return own_unsubscribe_url(user, kind)


def kind_unsubscribe_url(user, kind):
    """The link that switches the whole kind off (shown in the body beside the header link)."""
    if kind in MEMBER_KINDS:
        return member_notifications.unsubscribe_url(user, kind)
    return own_unsubscribe_url(user, kind)


def unsubscribe_headers(url):
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def apply_unsubscribe(user, kind, page_id=None):
    """Switch the e-mail off. Returns a short Dutch description of what stopped."""
    if kind == CONVERSATION:
        subscription, created = ConversationSubscription.objects.get_or_create(
            user=user, page_id=page_id, defaults={"active": False}
        )
        if not created and subscription.active:
            subscription.active = False
            subscription.save(update_fields=["active"])
        return _("Je volgt dit gesprek niet meer.")
    CommentEmailOptOut.objects.get_or_create(user=user, kind=kind)
    return _("Je krijgt geen e-mail meer over %(kind)s.") % {"kind": KINDS[kind]}
