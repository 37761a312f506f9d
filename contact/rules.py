"""Who may reach whom, and what waits for a moderator: the comments' rules, applied to a
message (``comments.rules``: bans, trusted members, first posts, links, blocked words).

Whether a member receives messages at all is their own business: the sender sees one neutral
sentence whether the recipient switched messages off or blocked them.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comments.rules import (
    active_ban,
    content_hold_reasons,
    is_trusted,
    local_datetime,
    settings_for,
    still_new,
)
from members.decorators import COMPLETE_PROFILE, LOGIN, VERIFY_EMAIL
from members.decorators import participation_problem as members_participation_problem
from members.models import MemberBlock, NotificationPreferences

from .models import MemberMessage

RATE_LIMIT = "member_message"


class MessageRefused(Exception):
    """The message may not be sent; ``message`` says why in Dutch. ``title`` is set when no
    change to the text helps (then the page shows the explanation instead of the form)."""

    def __init__(self, message, title=""):
        super().__init__(message)
        self.message = message
        self.title = title


def not_receiving_text():
    return _(
        "Dit lid ontvangt geen berichten via Vakgenoten. Je kunt het lid misschien op een "
        "andere manier bereiken, bijvoorbeeld via de organisatie of een netwerk."
    )


def accepts_messages_from(recipient, sender):
    """Whether ``recipient`` wants messages and has not blocked ``sender`` (one query each)."""
    preferences = NotificationPreferences.objects.filter(user_id=recipient.pk).first()
    if preferences is not None and not preferences.member_messages:
        return False
    if not recipient.is_active:
        return False
    return not MemberBlock.objects.filter(blocker_id=recipient.pk, blocked_id=sender.pk).exists()


PARTICIPATION_SENTENCES = {
    LOGIN: gettext_lazy("Je moet lid zijn om een bericht te sturen."),
    VERIFY_EMAIL: gettext_lazy(
        "Bevestig eerst je e-mailadres; daarna kun je leden een bericht sturen."
    ),
    COMPLETE_PROFILE: gettext_lazy(
        "Vul eerst je voor- en achternaam in bij je profiel; de ontvanger ziet wie het "
        "bericht stuurt."
    ),
}


def participation_problem(user):
    """Why ``user`` cannot send messages yet ("" when they can)."""
    return members_participation_problem(user, PARTICIPATION_SENTENCES)


def check_not_banned(user, now=None):
    ban = active_ban(user, now)
    if ban is not None:
        raise MessageRefused(
            _("Je kunt tot %(until)s geen berichten sturen: %(reason)s")
            % {"until": local_datetime(ban.ends_at), "reason": ban.reason},
            title=_("Je bent tijdelijk geschorst"),
        )


def check_can_send(sender, recipient):
    """Raise MessageRefused when ``sender`` may not write to ``recipient`` now."""
    problem = participation_problem(sender)
    if problem:
        raise MessageRefused(problem, title=_("Nog één stap"))
    if sender.pk == recipient.pk:
        raise MessageRefused(
            _("Dit is je eigen profiel; je kunt jezelf geen bericht sturen."),
            title=_("Je eigen profiel"),
        )
    if not accepts_messages_from(recipient, sender):
        raise MessageRefused(not_receiving_text(), title=_("Geen berichten"))
    check_not_banned(sender)


def decide(sender, text, comment_settings=None):
    """(status, reasons): sent at once, or held for a moderator by the comments' rules.

    A member's first posts wait; messages a moderator let through count as posts too."""
    comment_settings = comment_settings or settings_for()
    if is_trusted(sender):
        return MemberMessage.Status.SENT, []
    reasons = content_hold_reasons(text, comment_settings)
    sent_before = MemberMessage.objects.filter(
        sender_id=sender.pk, status=MemberMessage.Status.SENT
    ).count()
    if still_new(sender, comment_settings, accepted_elsewhere=sent_before):
        reasons.append(_("Een van de eerste berichten of reacties van dit lid."))
    if reasons:
        return MemberMessage.Status.HELD, reasons
    return MemberMessage.Status.SENT, []
