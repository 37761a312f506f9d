"""Background tasks: work out who hears about a comment and queue their e-mail.

Enqueued after the change commits (see ``actions.py``). Each e-mail is stored under a unique
key, so running a task twice (a retry, a second worker) never sends anything twice.
"""

from django_tasks import task

from . import notifications, site_notifications
from .models import Comment, CommentBan, CommentReport, ModerationDecision


def _comment(comment_id):
    return (
        Comment.objects.select_related("page", "user", "parent__user", "in_reply_to__user")
        .filter(pk=comment_id)
        .first()
    )


@task()
def comment_published(comment_id):
    comment = _comment(comment_id)
    if comment is not None and comment.status == Comment.Status.PUBLISHED:
        notifications.notify_published(comment)
        site_notifications.notify_published(comment)


@task()
def comment_edited(comment_id):
    """A published comment was changed and stays published: a member it now mentions hears
    about it (one who was mentioned before is not told again)."""
    comment = _comment(comment_id)
    if comment is not None and comment.status == Comment.Status.PUBLISHED:
        site_notifications.notify_mentions(comment)


@task()
def comment_held(comment_id, occasion=""):
    comment = _comment(comment_id)
    if comment is not None and comment.status == Comment.Status.PENDING:
        notifications.notify_held(comment, occasion)


@task()
def comment_reported(report_id):
    report = (
        CommentReport.objects.select_related("comment__page", "comment__user", "reporter")
        .filter(pk=report_id)
        .first()
    )
    if report is not None:
        notifications.notify_reported(report)


@task()
def comment_decided(decision_id):
    decision = (
        ModerationDecision.objects.select_related("comment__page", "comment__user")
        .filter(pk=decision_id)
        .first()
    )
    if decision is not None:
        notifications.notify_decision(decision)


def _ban(ban_id):
    return CommentBan.objects.select_related("user").filter(pk=ban_id).first()


@task()
def member_banned(ban_id):
    ban = _ban(ban_id)
    if ban is not None and ban.is_active():
        notifications.notify_banned(ban)


@task()
def ban_lifted(ban_id):
    ban = _ban(ban_id)
    if ban is not None and ban.lifted_at is not None:
        notifications.notify_ban_lifted(ban)
