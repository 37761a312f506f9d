"""Unanswered questions are offered to the members who follow their themes (the scheduler's
``question_offers``, daily).

A live question that nobody answered ``QUESTION_OFFER_AFTER_DAYS`` days after it was asked is
put in the notifications (``/meldingen/``) of every member who follows one of its themes, except
the asker and members who blocked the asker; then ``offered_at`` is set, so it happens once.
Only questions every signed-in member may open are offered.

Safe to run twice, or on two workers at once: each batch claims its questions with one
conditional update (``offered_at`` still empty) in the transaction that stores the
notifications, so a question claimed by another run is skipped, and each notification has a key
per question and member that the insert ignores when it exists. A batch costs a fixed number of
queries, however many members follow its themes.
"""

from collections import defaultdict
from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from comments.formatting import plain_text
from comments.visibility import readable_by_every_member
from members.inbox import EXCERPT_LENGTH, unread_key
from members.models import Follow, MemberBlock, Notification
from vakgenoten.cache import CACHE_UNAVAILABLE

from .actions import question_index
from .models import QuestionPage

BATCH_SIZE = 50


def due_questions(now):
    """Live, public, unanswered questions asked long enough ago and not offered yet."""
    cutoff = now - timedelta(days=settings.QUESTION_OFFER_AFTER_DAYS)
    return (
        QuestionPage.objects.unanswered()
        .filter(readable_by_every_member(), offered_at__isnull=True, asked_at__lte=cutoff)
        .order_by("asked_at", "pk")
    )


def offer_unanswered_questions(now=None):
    """Offer every due question; returns how many questions and notifications."""
    now = now or timezone.now()
    index = question_index()
    if index is None:
        return {"questions": 0, "notifications": 0}
    index_url = index.url or ""
    questions = notifications = 0
    while True:
        ids = list(due_questions(now).values_list("pk", flat=True)[:BATCH_SIZE])
        if not ids:
            break
        offered, stored = _offer_batch(ids, index_url, now)
        questions += offered
        notifications += stored
        if len(ids) < BATCH_SIZE:
            break
    return {"questions": questions, "notifications": notifications}


def _offer_batch(ids, index_url, now):
    with transaction.atomic():
        # Claim: only the rows still unoffered; another run's claim wins and is left alone.
        stamp = timezone.now()
        QuestionPage.objects.filter(pk__in=ids, offered_at__isnull=True).update(offered_at=stamp)
        pages = list(
            QuestionPage.objects.filter(pk__in=ids, offered_at=stamp).only(
                "title", "slug", "body_html", "asker"
            )
        )
        if not pages:
            return 0, 0
        page_ids = [page.pk for page in pages]
        themes_of = defaultdict(set)
        for page_id, theme_id in QuestionPage.themes.through.objects.filter(
            questionpage_id__in=page_ids
        ).values_list("questionpage_id", "theme_id"):
            themes_of[page_id].add(theme_id)
        all_themes = set().union(*themes_of.values()) if themes_of else set()
        followers = defaultdict(set)  # theme id -> member ids
        for user_id, theme_id in Follow.objects.filter(
            theme_id__in=all_themes, user__is_active=True
        ).values_list("user_id", "theme_id"):
            followers[theme_id].add(user_id)
        asker_ids = {page.asker_id for page in pages if page.asker_id}
        blocked = defaultdict(set)  # asker id -> members who blocked them
        for blocker_id, blocked_id in MemberBlock.objects.filter(
            blocked_id__in=asker_ids
        ).values_list("blocker_id", "blocked_id"):
            blocked[blocked_id].add(blocker_id)
        rows = []
        for page in pages:
            recipients = set().union(*(followers[theme] for theme in themes_of[page.pk]))
            recipients -= {page.asker_id} | blocked[page.asker_id]
            excerpt = " ".join(plain_text(page.body_html).split())[:EXCERPT_LENGTH]
            for user_id in sorted(recipients):
                rows.append(
                    Notification(
                        recipient_id=user_id,
                        kind=Notification.Kind.QUESTION_OFFER,
                        actor_id=page.asker_id,
                        subject=page.title[:255],
                        excerpt=excerpt,
                        url=f"{index_url}{page.slug}/"[:500],
                        key=f"question-{page.pk}-offer-{user_id}",
                    )
                )
        created = Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        recipient_ids = {row.recipient_id for row in rows}
        transaction.on_commit(lambda: _forget_unread_counts(recipient_ids))
    return len(pages), len(created)


def _forget_unread_counts(user_ids):
    """The header's unread count of every member who got a notification, in one cache call."""
    if not user_ids:
        return
    with suppress(*CACHE_UNAVAILABLE):
        caches[settings.NOTIFICATION_CACHE_ALIAS].delete_many([unread_key(pk) for pk in user_ids])
