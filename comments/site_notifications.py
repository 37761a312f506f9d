"""Notifications on the site about comments: a reply to you, and a mention of you.

Called by the background task that runs when a comment is published (at once, or when a
moderator approves a held one), so a held comment notifies nobody until it is visible. Each
notification has a key per comment and recipient (``members.inbox.notify``): a task that runs
twice, or an edit that keeps a mention, never notifies twice. Only members who may open the
page hear about it, and never from a member they blocked (``notify`` checks that).
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from members.inbox import notify
from members.models import Notification

from .formatting import plain_text
from .mentions import mentioned_member_ids
from .visibility import can_read_page


def _common(comment, page):
    return {
        "actor": comment.user,
        "subject": page.title,
        "excerpt": plain_text(comment.body_html),
        "url": reverse("comments:permalink", args=[comment.pk]),
    }


def notify_reply(comment):
    """The member whose comment this one answers. Returns their id, or None."""
    answered = comment.answered
    if answered is None or not answered.user_id or answered.user_id == comment.user_id:
        return None
    page = comment.page.specific_deferred
    recipient = answered.user
    if not can_read_page(recipient, page):
        return None
    notify(
        recipient,
        Notification.Kind.REPLY,
        f"comment-{comment.pk}-reply-{recipient.pk}",
        **_common(comment, page),
    )
    return recipient.pk


def notify_mentions(comment, skip=()):
    """Each member the comment mentions (a link in its text), once per comment."""
    ids = [pk for pk in mentioned_member_ids(comment) if pk not in skip and pk != comment.user_id]
    if not ids:
        return
    page = comment.page.specific_deferred
    common = _common(comment, page)
    for recipient in get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"):
        if can_read_page(recipient, page):
            notify(
                recipient,
                Notification.Kind.MENTION,
                f"comment-{comment.pk}-mention-{recipient.pk}",
                **common,
            )


def notify_published(comment):
    """A comment became visible: the member it answers, then whoever it mentions (a member
    both answered and mentioned gets the reply alone)."""
    replied = notify_reply(comment)
    notify_mentions(comment, skip={replied} if replied else ())
