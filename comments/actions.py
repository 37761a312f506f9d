"""What members and moderators do with comments, each in one transaction.

Views and the admin call these; they never send e-mail themselves. After the change commits, a
background task (``tasks.py``) works out who hears about it and queues the e-mail in the outbox.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vakgenoten.cache import purge_member_after_commit

from .mentions import render_comment
from .models import (
    MAX_COMMENT_LENGTH,
    Comment,
    CommentBan,
    CommentReport,
    ConversationSubscription,
    ModerationDecision,
)
from .rules import (
    CommentRefused,
    DuplicateComment,
    check_can_comment,
    check_not_banned,
    content_hold_reasons,
    decide_status,
    earlier_copy,
    is_trusted,
    settings_for,
)


def _after_commit(task, *args):
    transaction.on_commit(lambda: task.enqueue(*args))


def clean_text(text):
    """The text as it will be stored, or CommentRefused for empty or too long text."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise CommentRefused(_("Je reactie is leeg. Schrijf eerst wat je wilt zeggen."))
    if len(text) > MAX_COMMENT_LENGTH:
        raise CommentRefused(
            _("Je reactie is %(length)s tekens lang; het maximum is %(max)s. Maak haar korter.")
            % {"length": len(text), "max": MAX_COMMENT_LENGTH}
        )
    return text


def reply_target(page, parent):
    """The top-level comment a reply hangs under (a reply to a reply joins its parent)."""
    if parent is None:
        return None
    if parent.page_id != page.pk:
        raise CommentRefused(_("Die reactie hoort bij een andere pagina."))
    top = parent.top_level
    if top.status != Comment.Status.PUBLISHED or parent.status != Comment.Status.PUBLISHED:
        raise CommentRefused(_("Op deze reactie kun je niet (meer) antwoorden."))
    return top


def post_comment(user, page, text, parent=None, request=None, now=None):
    """Store a new comment, published or held by the rules. Raises CommentRefused.

    ``parent`` is the comment answered: a reply hangs under its top-level comment and keeps
    the one it answers in ``in_reply_to``. The same text by the same member on the same page
    within minutes (a double click, a resent form) raises DuplicateComment with the comment
    the first one stored, and notifies nobody again. The member's row stays locked from the
    look-up to the insert (SQLite serialises every writer), so two simultaneous posts of one
    member are handled one after the other: the second finds the first, and neither can slip
    past the rate limit together.
    """
    from . import tasks

    comment_settings = settings_for(page, request)
    now = now or timezone.now()
    text = clean_text(text)
    with transaction.atomic():
        _one_post_at_a_time(user)
        earlier = earlier_copy(user, page, text, now)
        if earlier is not None:
            raise DuplicateComment(earlier)
        check_can_comment(user, page, comment_settings, now)
        answered = parent
        parent = reply_target(page, parent)
        decision = decide_status(user, text, comment_settings)
        comment = Comment.objects.create(
            page=page,
            user=user,
            parent=parent,
            in_reply_to=answered,
            body=text,
            body_html=render_comment(text, page, answered),
            status=decision.status,
            hold_reasons=[str(reason) for reason in decision.reasons],
            created_at=now,
            published_at=now if decision.status == Comment.Status.PUBLISHED else None,
        )
        ConversationSubscription.objects.get_or_create(user=user, page=page)
        if comment.status == Comment.Status.PUBLISHED:
            _after_commit(tasks.comment_published, comment.pk)
        else:
            _after_commit(tasks.comment_held, comment.pk)
    return comment


def _one_post_at_a_time(user):
    """Lock the member's row until the transaction ends (SQLite serialises every writer)."""
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def edit_comment(comment, user, text, request=None, now=None):
    """Change the text within the edit window. A published comment whose new text trips a rule
    goes back to the moderators. Raises CommentRefused."""
    from . import tasks

    now = now or timezone.now()
    if not comment.can_be_edited_by(user, now):
        raise CommentRefused(
            _("Je kunt een reactie alleen in de eerste 15 minuten na het plaatsen bewerken.")
        )
    text = clean_text(text)
    check_not_banned(user, now)
    comment_settings = settings_for(comment.page, request)
    with transaction.atomic():
        comment.body = text
        comment.body_html = render_comment(text, comment.page, comment.answered)
        comment.edited_at = now
        fields = ["body", "body_html", "edited_at"]
        reasons = [] if is_trusted(user) else content_hold_reasons(text, comment_settings)
        if reasons and comment.status == Comment.Status.PUBLISHED:
            ModerationDecision.objects.create(
                comment=comment,
                moderator=None,
                from_status=comment.status,
                to_status=Comment.Status.PENDING,
                reason=_("Na bewerking: %(reasons)s") % {"reasons": " ".join(map(str, reasons))},
                at=now,
            )
            comment.status = Comment.Status.PENDING
            comment.hold_reasons = [str(reason) for reason in reasons]
            fields += ["status", "hold_reasons"]
            _after_commit(tasks.comment_held, comment.pk, f"edit-{now.timestamp():.0f}")
        elif comment.status == Comment.Status.PUBLISHED:
            _after_commit(tasks.comment_edited, comment.pk)
        comment.save(update_fields=fields)
    return comment


def delete_comment(comment, user, now=None):
    """The writer removes their comment. With replies under it, an empty place stays behind
    ("Deze reactie is verwijderd") so the replies keep their context."""
    if not comment.can_be_deleted_by(user):
        raise CommentRefused(_("Je kunt alleen je eigen reacties verwijderen."))
    with transaction.atomic():
        if comment.parent_id is None and comment.replies.exists():
            comment.body = ""
            comment.body_html = ""
            comment.deleted_at = now or timezone.now()
            comment.save(update_fields=["body", "body_html", "deleted_at"])
            return comment
        comment.delete()
    return None


def moderate(comment, to_status, moderator=None, reason="", now=None):
    """Move a comment to ``to_status``, log who decided it, and let the right people know.

    Returns the ModerationDecision, or None when nothing changed. Rejecting needs a reason,
    because the member hears it.
    """
    from . import tasks

    if to_status not in Comment.Status.values:
        raise ValueError(f"Unknown status {to_status!r}")
    reason = (reason or "").strip()
    if to_status == Comment.Status.REJECTED and not reason:
        raise CommentRefused(_("Geef een reden bij het afwijzen; het lid krijgt die te lezen."))
    now = now or timezone.now()
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        from_status = comment.status
        was_hidden = comment.hidden_by_reports
        if from_status == to_status and not was_hidden:
            return None
        comment.status = to_status
        comment.hidden_by_reports = False
        first_publication = to_status == Comment.Status.PUBLISHED and comment.published_at is None
        if to_status == Comment.Status.PUBLISHED:
            comment.published_at = comment.published_at or now
        comment.rejection_reason = reason if to_status == Comment.Status.REJECTED else ""
        comment.save(
            update_fields=["status", "hidden_by_reports", "published_at", "rejection_reason"]
        )
        comment.reports.filter(resolved=False).update(resolved=True)
        decision = ModerationDecision.objects.create(
            comment=comment,
            moderator=moderator,
            from_status=from_status,
            to_status=to_status,
            reason=reason,
            at=now,
        )
        held_by_rules = from_status == Comment.Status.PENDING and not was_hidden
        if comment.user_id and (
            to_status == Comment.Status.REJECTED
            or (to_status == Comment.Status.PUBLISHED and held_by_rules)
        ):
            _after_commit(tasks.comment_decided, decision.pk)
        if first_publication:
            _after_commit(tasks.comment_published, comment.pk)
    return decision


def report_comment(comment, reporter, reason, explanation="", request=None, now=None):
    """A member reports a comment; after enough reports from different members it is hidden
    until a moderator looks. Raises CommentRefused for a second report by the same member."""
    from . import tasks

    if reporter.pk == comment.user_id:
        raise CommentRefused(_("Je kunt je eigen reactie niet melden."))
    if comment.status != Comment.Status.PUBLISHED or comment.is_deleted:
        raise CommentRefused(_("Deze reactie is al niet meer zichtbaar."))
    now = now or timezone.now()
    comment_settings = settings_for(comment.page, request)
    try:
        with transaction.atomic():
            report = CommentReport.objects.create(
                comment=comment,
                reporter=reporter,
                reason=reason,
                explanation=(explanation or "").strip(),
                created_at=now,
            )
    except IntegrityError as error:
        raise CommentRefused(_("Je hebt deze reactie al gemeld. De redactie kijkt ernaar.")) from (
            error
        )
    with transaction.atomic():
        _after_commit(tasks.comment_reported, report.pk)
        threshold = comment_settings.reports_to_hide
        reporters = comment.reports.filter(resolved=False).values("reporter_id").distinct().count()
        if threshold and reporters >= threshold:
            hidden = Comment.objects.filter(pk=comment.pk, status=Comment.Status.PUBLISHED).update(
                status=Comment.Status.PENDING, hidden_by_reports=True
            )
            if hidden:
                ModerationDecision.objects.create(
                    comment=comment,
                    moderator=None,
                    from_status=Comment.Status.PUBLISHED,
                    to_status=Comment.Status.PENDING,
                    reason=ngettext(
                        "Verborgen na %(count)s melding van een lid.",
                        "Verborgen na %(count)s meldingen van leden.",
                        reporters,
                    )
                    % {"count": reporters},
                    at=now,
                )
    return report


def ban_member(user, moderator, ends_at, reason, comment=None, now=None):
    """Suspend ``user`` from writing comments until ``ends_at``; they are told by e-mail.

    The ban itself is the log: who suspended whom, from when until when, and why. It lifts by
    itself at ``ends_at`` (see ``CommentBan.objects.active``)."""
    from . import tasks

    reason = (reason or "").strip()
    if not reason:
        raise CommentRefused(_("Geef een reden; het lid krijgt die te lezen."))
    now = now or timezone.now()
    if ends_at <= now:
        raise CommentRefused(_("Het einde van de schorsing moet in de toekomst liggen."))
    with transaction.atomic():
        ban = CommentBan.objects.create(
            user=user,
            reason=reason,
            starts_at=now,
            ends_at=ends_at,
            comment=comment,
            created_by=moderator,
        )
        _after_commit(tasks.member_banned, ban.pk)
    return ban


def lift_ban(ban, moderator, now=None):
    """End a ban early; the member is told they can comment again. Returns whether it was in
    force (lifting an ended or lifted ban changes nothing)."""
    from . import tasks

    now = now or timezone.now()
    with transaction.atomic():
        lifted = CommentBan.objects.filter(
            pk=ban.pk, lifted_at__isnull=True, ends_at__gt=now
        ).update(lifted_at=now, lifted_by=moderator)
        if lifted:
            # ``update`` sends no signal: the member's cached reader state goes by hand.
            purge_member_after_commit(ban.user_id)
            _after_commit(tasks.ban_lifted, ban.pk)
    return bool(lifted)


def follow(user, page):
    subscription, created = ConversationSubscription.objects.get_or_create(
        user=user, page=page, defaults={"active": True}
    )
    if not created and not subscription.active:
        subscription.active = True
        subscription.save(update_fields=["active"])
    return subscription


def unfollow(user, page):
    subscription, created = ConversationSubscription.objects.get_or_create(
        user=user, page=page, defaults={"active": False}
    )
    if not created and subscription.active:
        subscription.active = False
        subscription.save(update_fields=["active"])
    return subscription
