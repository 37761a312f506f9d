"""Retention (AVG): the text of a message is kept ``MEMBER_MESSAGE_RETENTION_DAYS`` days, long
enough for the recipient to report it and for the moderators to look; then it is emptied. A
held message and a message with an open report keep their text until a moderator decided."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import MemberMessage


def forget_old_messages(now=None):
    """Empty the text of old messages; returns how many. Safe to run twice."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.MEMBER_MESSAGE_RETENTION_DAYS)
    return (
        MemberMessage.objects.filter(created_at__lt=cutoff, body_removed_at__isnull=True)
        .exclude(status=MemberMessage.Status.HELD)
        .exclude(Q(report__isnull=False) & Q(report__handled_at__isnull=True))
        .update(body="", body_removed_at=now)
    )
