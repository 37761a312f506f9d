"""Who hears about a comment, and the e-mail they get.

Each function queues e-mail in the site's outbox (``vakgenoten.mail.queue_email``) under a key
that names the notification and its recipient, so a task that runs twice never mails twice.
Every message carries a one-click unsubscribe link and the List-Unsubscribe headers, and is
only queued when the member still wants that kind of e-mail.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from members.notifications import unsubscribe_headers, unsubscribe_url
from vakgenoten import links
from vakgenoten.mail import queue_email

from . import preferences
from .formatting import plain_text
from .groups import EDITORS_GROUP
from .models import Comment, ConversationSubscription
from .visibility import can_read_page


def comment_url(comment):
    return links.absolute_url(reverse("comments:permalink", args=[comment.pk]))


def send(user, kind, key, subject, template, context, page=None):
    """Queue one e-mail to ``user`` unless they opted out. Returns the OutgoingEmail or None.

    With ``page`` (a followed conversation) the header link leaves just that conversation and
    the body also offers the link that switches the whole kind off.
    """
    if not preferences.wants(user, kind):
        return None
    url = unsubscribe_url(user, kind, page)
    kind_url = unsubscribe_url(user, kind) if page is not None else ""
    body = render_to_string(
        template,
        {
            **context,
            "recipient": user,
            "unsubscribe_url": url,
            "kind_unsubscribe_url": kind_url,
            "unsubscribe_label": preferences.KINDS[kind],
        },
    )
    return queue_email(
        key=key,
        to=user.email,
        subject=subject,
        body=body,
        headers=unsubscribe_headers(url),
    )


def _comment_context(comment):
    return {
        "comment": comment,
        "page": comment.page,
        "author_name": comment.author_name,
        "text": plain_text(comment.body_html),
        "comment_url": comment_url(comment),
    }


def page_author_users(page):
    """The member accounts of whoever wrote ``page``.

    A page type with authors says who they are with an ``author_users()`` method (articles do);
    other pages have no authors to tell.
    """
    author_users = getattr(page.specific_deferred, "author_users", None)
    return list(author_users()) if author_users else []


def moderators():
    """Everyone who moderates comments: superusers, the Redactie group, and whoever has the
    "Kan reacties modereren" permission through a group or directly."""
    User = get_user_model()
    permission = Q(
        groups__permissions__codename="moderate_comment",
        groups__permissions__content_type__app_label="comments",
    ) | Q(
        user_permissions__codename="moderate_comment",
        user_permissions__content_type__app_label="comments",
    )
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=EDITORS_GROUP) | permission)
        .distinct()
        .order_by("pk")
    )


def notify_published(comment):
    """A comment is visible: tell the member it answers (the reply it answers, or else the
    top-level comment), the member who started that conversation, the article's authors and
    everyone who follows the conversation. Each person gets one e-mail, the most specific one, and
    only if they may open the page: the e-mail quotes the comment and names the page."""
    page = comment.page.specific_deferred
    writer_id = comment.user_id
    told = {writer_id}
    context = _comment_context(comment)

    def may_read(recipient):
        told.add(recipient.pk)
        return can_read_page(recipient, page)

    answered = comment.answered
    if answered is not None and answered.user_id and answered.user_id not in told:
        recipient = answered.user
        if may_read(recipient):
            if answered.parent_id:  # a reply to a reply
                subject = _("%(name)s reageerde op je reactie bij ‘%(title)s’")
            else:
                subject = _("%(name)s antwoordde op je reactie bij ‘%(title)s’")
            send(
                recipient,
                preferences.REPLY,
                f"comment-{comment.pk}-notify-{recipient.pk}",
                subject % {"name": comment.author_name, "title": page.title},
                "comments/email/reply.txt",
                {**context, "parent": answered, "parent_text": plain_text(answered.body_html)},
            )

    top = comment.parent
    if top is not None and top.user_id and top.user_id not in told and may_read(top.user):
        # The reply answers someone else in the conversation this member started.
        send(
            top.user,
            preferences.REPLY,
            f"comment-{comment.pk}-notify-{top.user_id}",
            _("%(name)s reageerde in het gesprek onder je reactie bij ‘%(title)s’")
            % {"name": comment.author_name, "title": page.title},
            "comments/email/reply_in_thread.txt",
            {**context, "parent": top, "parent_text": plain_text(top.body_html)},
        )

    for recipient in page_author_users(page):
        if recipient.pk in told or not may_read(recipient):
            continue
        send(
            recipient,
            preferences.ON_MY_ARTICLE,
            f"comment-{comment.pk}-notify-{recipient.pk}",
            _("Nieuwe reactie op je artikel ‘%(title)s’") % {"title": page.title},
            "comments/email/on_my_article.txt",
            context,
        )

    followers = (
        ConversationSubscription.objects.filter(page_id=page.pk, active=True)
        .exclude(user_id__in=[pk for pk in told if pk])
        .select_related("user")
        .order_by("pk")
    )
    for subscription in followers:
        recipient = subscription.user
        if not may_read(recipient):
            continue
        send(
            recipient,
            preferences.CONVERSATION,
            f"comment-{comment.pk}-notify-{recipient.pk}",
            _("Nieuwe reactie in het gesprek bij ‘%(title)s’") % {"title": page.title},
            "comments/email/conversation.txt",
            context,
            page=page,
        )


def queue_url(**params):
    from django.utils.http import urlencode

    path = reverse("comments_admin:queue")
    if params:
        path += "?" + urlencode(params)
    return links.absolute_url(path)


def _tell_moderators(comment, *, skip, key, subject, template, context):
    """One e-mail to each moderator but those in ``skip``, with the comment and its review link.

    ``key`` is formatted with the moderator's ``pk``.
    """
    context = {
        **_comment_context(comment),
        **context,
        "review_url": links.absolute_url(reverse("comments_admin:detail", args=[comment.pk])),
    }
    for moderator in moderators():
        if moderator.pk in skip:
            continue
        send(
            moderator,
            preferences.MODERATION_QUEUE,
            key % {"pk": moderator.pk},
            subject,
            template,
            context,
        )


def notify_held(comment, occasion=""):
    """A comment waits for moderation: one notice per moderator per held comment."""
    suffix = f"-{occasion}" if occasion else ""
    _tell_moderators(
        comment,
        skip={comment.user_id},
        key=f"comment-{comment.pk}-held{suffix}-%(pk)s",
        subject=_("Reactie wacht op moderatie: %(title)s") % {"title": comment.page.title},
        template="comments/email/held.txt",
        context={"reasons": comment.hold_reasons},
    )


def notify_reported(report):
    comment = report.comment
    _tell_moderators(
        comment,
        skip={report.reporter_id, comment.user_id},
        key=f"comment-report-{report.pk}-%(pk)s",
        subject=_("Reactie gemeld bij ‘%(title)s’") % {"title": comment.page.title},
        template="comments/email/reported.txt",
        context={"report": report},
    )


def notify_decision(decision):
    """Tell the writer what the editors decided about their held (or removed) comment."""
    comment = decision.comment
    if comment.user_id is None:
        return None
    approved = decision.to_status == Comment.Status.PUBLISHED
    subject = (
        _("Je reactie bij ‘%(title)s’ is geplaatst")
        if approved
        else _("Je reactie bij ‘%(title)s’ is niet geplaatst")
    ) % {"title": comment.page.title}
    return send(
        comment.user,
        preferences.MODERATION_OUTCOME,
        f"comment-decision-{decision.pk}",
        subject,
        "comments/email/approved.txt" if approved else "comments/email/rejected.txt",
        {**_comment_context(comment), "decision": decision, "text": plain_text(comment.body_html)},
    )


def _ban_context(ban):
    from .rules import ban_message

    return {
        "ban": ban,
        "recipient": ban.user,
        "message": ban_message(ban.ends_at, ban.reason),
        "site_url": links.absolute_url("/"),
    }


def notify_banned(ban):
    """Tell the member they are suspended from commenting, until when and why. A service
    message about their account: sent whatever their e-mail preferences."""
    if not ban.user.email:
        return None
    return queue_email(
        key=f"comment-ban-{ban.pk}",
        to=ban.user.email,
        subject=_("Je kunt tijdelijk niet reageren op Vakgenoten"),
        body=render_to_string("comments/email/banned.txt", _ban_context(ban)),
    )


def notify_ban_lifted(ban):
    """Tell the member the moderators lifted their suspension early."""
    if not ban.user.email:
        return None
    return queue_email(
        key=f"comment-ban-{ban.pk}-lifted",
        to=ban.user.email,
        subject=_("Je kunt weer reageren op Vakgenoten"),
        body=render_to_string("comments/email/ban_lifted.txt", _ban_context(ban)),
    )
