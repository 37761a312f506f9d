"""The kinds of comment e-mail, as the member's notification preferences know them.

Whether a member wants a kind, and the one-click link that switches it off, belong to the
members app (``members.notifications``), like every other e-mail switch. The one thing only
this app knows is what leaving one conversation means (a ``ConversationSubscription`` set
inactive); :func:`register` tells the members app, so a conversation e-mail's header link leaves
just that conversation (the body offers both).
"""

from django.utils.translation import gettext_lazy as _

from members import notifications as member_notifications
from members.models import NotificationPreferences

Kind = NotificationPreferences.Kind
REPLY = Kind.COMMENT_REPLIES.value
ON_MY_ARTICLE = Kind.ARTICLE_COMMENTS.value
CONVERSATION = Kind.FOLLOWED_CONVERSATIONS.value
MODERATION_OUTCOME = Kind.COMMENT_MODERATION_OUTCOME.value
MODERATION_QUEUE = Kind.COMMENT_MODERATION_QUEUE.value

# How an e-mail's footer names its kind ("Je krijgt deze e-mail omdat je meldingen ontvangt
# over ...").
KINDS = {
    REPLY: _("antwoorden op je reacties"),
    ON_MY_ARTICLE: _("nieuwe reacties onder je artikelen"),
    CONVERSATION: _("nieuwe reacties in een gesprek dat je volgt"),
    MODERATION_OUTCOME: _("het besluit van de redactie over je reactie"),
    MODERATION_QUEUE: _("reacties die op moderatie wachten (voor de redactie)"),
}


def wants(user, kind):
    """True when ``user`` still wants this kind of e-mail and has an address to get it on."""
    return bool(user is not None and user.email) and member_notifications.wants_notification(
        user, kind
    )


def register():
    """Let the members app's unsubscribe link leave one conversation (``AppConfig.ready``)."""
    from .actions import unfollow

    member_notifications.register_page_unsubscribe(
        CONVERSATION,
        stop=unfollow,
        question=_("Wil je geen e-mail meer over nieuwe reacties in het gesprek bij ‘%(title)s’?"),
        done=_("Je volgt dit gesprek niet meer."),
    )
