"""Notifications on the site: what happened for a member, and how many they have not read.

Other apps call ``notify`` when something happens for a member (a reply, a mention, a decision
on a network request, a seat that came free). Each notification has a ``key`` that names the
event and its recipient, so calling ``notify`` twice for one event (a task that is retried, a
second worker) stores it once.

The header shows the number of unread notifications on every page a member sees, so that
number comes from the shared cache (``NOTIFICATION_CACHE_ALIAS``: Redis in production, never
this process's memory): one cache read per page. It is dropped from the cache when the
member gets a notification or reads one, after the change is committed, and kept at most
``UNREAD_COUNT_SECONDS``, so even a count computed by a reader in the middle of a change is
right again within minutes.
"""

from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator

from vakgenoten.cache import CACHE_UNAVAILABLE, forget_kept_value, kept_value

from .models import MemberBlock, Notification

UNREAD_COUNT_SECONDS = 10 * 60
EXCERPT_LENGTH = 300


def _cache():
    return caches[settings.NOTIFICATION_CACHE_ALIAS]


def unread_key(user_id):
    return f"notifications:unread:{user_id}"


def read_with_the_page_cache():
    """Whether the count lives in the page cache (Redis), where a member's request reads it
    with their own parts in one round trip (``members.apps`` registers ``unread_key``)."""
    return settings.NOTIFICATION_CACHE_ALIAS == settings.PAGE_CACHE_ALIAS


def forget_unread_count(user_id):
    """Drop the member's cached count once the current transaction commits."""

    def forget():
        forget_kept_value(unread_key(user_id))  # read ahead in this request, before the change
        # Unreachable: the count is kept only minutes and is counted again then.
        with suppress(*CACHE_UNAVAILABLE):
            _cache().delete(unread_key(user_id))

    transaction.on_commit(forget)


def is_blocked(recipient, actor):
    """Whether ``recipient`` blocked ``actor``."""
    if actor is None or recipient is None:
        return False
    return MemberBlock.objects.filter(blocker_id=recipient.pk, blocked_id=actor.pk).exists()


def notify(recipient, kind, key, actor=None, subject="", excerpt="", detail="", url=""):
    """Store one notification for ``recipient``, once per ``key``.

    Nothing is stored when the member did it themselves, when the recipient blocked the
    actor, or for an account that is no longer active. Returns the notification, or None.
    """
    if recipient is None or not recipient.is_active:
        return None
    if actor is not None and actor.pk == recipient.pk:
        return None
    if is_blocked(recipient, actor):
        return None
    values = {
        "recipient": recipient,
        "kind": kind,
        "actor": actor,
        "subject": Truncator(subject or "").chars(255),
        "excerpt": Truncator(" ".join((excerpt or "").split())).chars(EXCERPT_LENGTH),
        "detail": (detail or "")[:50],
        "url": (url or "")[:500],
    }
    try:
        with transaction.atomic():
            notification, created = Notification.objects.get_or_create(key=key, defaults=values)
    except IntegrityError:  # stored by a simultaneous call for the same event
        return Notification.objects.filter(key=key).first()
    if created:
        forget_unread_count(recipient.pk)
    return notification


def count_unread(user_id):
    return Notification.objects.filter(recipient_id=user_id, read_at=None).count()


def unread_count(user):
    """How many notifications ``user`` has not read: from the cache, else counted and kept."""
    if not getattr(user, "is_authenticated", False):
        return 0
    key = unread_key(user.pk)
    try:
        count = kept_value(key, user.pk) if read_with_the_page_cache() else _cache().get(key)
    except CACHE_UNAVAILABLE:
        return count_unread(user.pk)
    if count is None:
        count = count_unread(user.pk)
        with suppress(*CACHE_UNAVAILABLE):
            _cache().set(key, count, UNREAD_COUNT_SECONDS)
    return count


def mark_read(user, ids=None, now=None):
    """Mark the member's own notifications read: those in ``ids``, or all when ``ids`` is
    None. Another member's ids are ignored. Returns how many changed."""
    queryset = Notification.objects.filter(recipient_id=user.pk, read_at=None)
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    changed = queryset.update(read_at=now or timezone.now())
    if changed:
        forget_unread_count(user.pk)
    return changed


def prune_notifications(now=None):
    """Retention: delete notifications older than ``NOTIFICATION_RETENTION_DAYS``, read or
    not (the scheduler runs this nightly). Returns the number deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.NOTIFICATION_RETENTION_DAYS)
    old = Notification.objects.filter(created_at__lt=cutoff)
    recipients = set(old.values_list("recipient_id", flat=True).distinct())
    deleted, _ = old.delete()
    for user_id in recipients:
        forget_unread_count(user_id)
    return deleted
