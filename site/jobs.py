"""The periodic jobs of the site layer; ``vakgenoten.scheduler`` runs them on their schedule.

Every job may run twice, or on two workers at the same moment, with the effect of running once:
each item is claimed under a row lock, or the work is a delete or update that finds nothing the
second time. Each returns how much it did, which the task result and the log keep.
"""

import logging
from datetime import timedelta
from functools import partial

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from wagtail.models import DraftStateMixin, Page, Revision

from .cache import purge_all
from .mail import due_messages, send_one
from .models import OutgoingEmail

logger = logging.getLogger(__name__)


# --- Scheduled publishing --------------------------------------------------------------------


def publish_scheduled(now=None):
    """Wagtail's scheduled publishing: take expired pages and snippets offline, then publish
    every revision whose go-live moment has passed. Like Wagtail's ``publish_scheduled``
    command, with each object locked while it changes, so two workers never publish the same
    revision twice, and the page cache purged once the change is visible to other processes.
    """
    now = now or timezone.now()
    return {"unpublished": unpublish_expired(now), "published": publish_due_revisions(now)}


def draft_state_models():
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def unpublish_expired(now):
    done = 0
    for model in draft_state_models():
        due = model.objects.filter(live=True, expire_at__lt=now).order_by("expire_at")
        for pk in list(due.values_list("pk", flat=True)):
            try:
                done += unpublish_one(model, pk, now)
            except Exception:  # one broken object must not stop the others, every minute
                logger.exception("Scheduled unpublishing of %s %s failed.", model.__name__, pk)
    return done


def unpublish_one(model, pk, now):
    with transaction.atomic():
        obj = model.objects.select_for_update().filter(pk=pk, live=True).first()
        if obj is None or not obj.expire_at or obj.expire_at >= now:
            return 0  # taken offline by another worker, or its expiry moved
        obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
        transaction.on_commit(partial(purge_after_commit, model, pk))
        return 1


def publish_due_revisions(now):
    done = 0
    due = Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")
    for revision_id in list(due.values_list("pk", flat=True)):
        try:
            done += publish_one(revision_id, now)
        except Exception:  # one broken revision must not hold up the others, every minute
            logger.exception("Scheduled publishing of revision %s failed.", revision_id)
    return done


def publish_one(revision_id, now):
    with transaction.atomic():
        revision = (
            Revision.objects.select_for_update()
            .filter(pk=revision_id, approved_go_live_at__lt=now)
            .first()
        )
        if revision is None:
            return 0  # another worker published it (publishing clears the go-live moment)
        obj = revision.as_object()
        # A model may adjust what goes live, e.g. an article's date (see ArticlePage).
        changes = getattr(obj, "scheduled_go_live_changes", None)
        changed = changes(revision, now) if changes else {}
        if changed:
            revision.content.update(changed)
            revision.save(update_fields=["content"])
        revision.publish(log_action="wagtail.publish.scheduled")
        model = revision.base_content_type.model_class()
        transaction.on_commit(partial(purge_after_commit, model, revision.object_id))
        return 1


def purge_after_commit(model, pk):
    """Purge again once the change is committed.

    Wagtail's signals purge the page cache while the transaction is still open; a reader
    arriving in between would put the old page back under the new generation.
    """
    from .signals import purge_changed_page

    if model is not None and issubclass(model, Page):
        page = Page.objects.filter(pk=pk).first()
        if page is not None:
            purge_changed_page(Page, page)
            return
    purge_all()  # a snippet (shown on many pages), or the page is gone


# --- E-mail safety net -----------------------------------------------------------------------


def deliver_stuck_email(now=None):
    """Send pending e-mail that no delivery task took care of (a worker that died, a task lost
    while the database was away). Messages younger than the grace period are left to their
    own task. ``send_one`` locks each message and sends only a pending one, so a message that
    its task sends at the same moment still goes out once."""
    now = now or timezone.now()
    grace = timedelta(minutes=settings.EMAIL_SAFETY_NET_GRACE_MINUTES)
    stuck = due_messages(now).filter(created_at__lte=now - grace)
    sent = failed = 0
    for message_id in list(stuck.values_list("pk", flat=True)[:500]):
        if send_one(message_id):
            sent += 1
        else:
            failed += 1
    return {"sent": sent, "failed": failed}


# --- Clean-up --------------------------------------------------------------------------------


def clear_sessions(now=None):
    """Delete expired sessions (Django's ``clearsessions``)."""
    call_command("clearsessions", verbosity=0)
    return 0


def prune_task_results(now=None):
    """Delete finished background-task results older than ``TASK_RESULT_RETENTION_DAYS``;
    the scheduler alone adds over a thousand a day."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TASK_RESULT_RETENTION_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lte=cutoff).delete()
    return deleted


def prune_revisions(now=None):
    """Delete old revisions of pages and snippets, keeping what editors still need.

    A revision goes when it is older than ``REVISION_RETENTION_DAYS`` and it is none of: the
    newest ``REVISIONS_KEPT_PER_OBJECT`` of its page or snippet, the live or latest revision,
    a revision scheduled to go live, one that went through a workflow step (the approval
    history), or one that created admin comments (deleting it would delete them).
    Returns the number deleted.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.REVISION_RETENTION_DAYS)
    keep = max(1, settings.REVISIONS_KEPT_PER_OBJECT)
    candidates = (
        Revision.objects.filter(created_at__lt=cutoff, approved_go_live_at__isnull=True)
        .exclude(task_states__isnull=False)
        .exclude(created_comments__isnull=False)
    )
    objects = candidates.values_list("base_content_type_id", "object_id").distinct()
    deleted = 0
    for content_type_id, object_id in list(objects):
        same_object = {"base_content_type_id": content_type_id, "object_id": object_id}
        protected = set(
            Revision.objects.filter(**same_object)
            .order_by("-created_at", "-pk")
            .values_list("pk", flat=True)[:keep]
        )
        protected |= live_and_latest(content_type_id, object_id)
        for revision in candidates.filter(**same_object).exclude(pk__in=protected):
            try:
                revision.delete()
            except ProtectedError:
                continue
            deleted += 1
    return deleted


def live_and_latest(content_type_id, object_id):
    """The ids of the live and the latest revision of one page or snippet."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return set()
    names = [
        name
        for name in ("live_revision_id", "latest_revision_id")
        if any(field.attname == name for field in model._meta.concrete_fields)
    ]
    if not names:
        return set()
    row = model._default_manager.filter(pk=object_id).values_list(*names).first()
    return {pk for pk in row or () if pk is not None}


def forget_sent_email(now=None):
    """Outbox retention (AVG): after ``OUTBOX_RETENTION_DAYS`` a sent message keeps no
    recipient, subject, text or attachments, and neither does one given up on. The row and its
    key stay, so the same notification is still never sent twice; pending messages are left
    alone. Returns the number of messages emptied."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    Status = OutgoingEmail.Status
    return (
        OutgoingEmail.objects.filter(
            Q(status=Status.SENT, sent_at__lt=cutoff)
            | Q(status=Status.FAILED, created_at__lt=cutoff)
        )
        .exclude(to="", body="", html_body="")
        .update(
            to="",
            subject="",
            body="",
            html_body="",
            headers={},
            attachments=[],
            last_error="",
        )
    )
