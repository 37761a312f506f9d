"""Reliable e-mail: queue a message in the outbox; a background task delivers it.

Use ``queue_email`` from anywhere a notification is due. It never sends inside the request: the
message is stored (in the caller's transaction) and the delivery task is enqueued once that
transaction commits. ``deliver_due_email`` retries what failed, with exponential back-off; run it
from the worker (the task re-schedules itself) or from cron (``manage.py send_queued_email``).
"""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutgoingEmail
from .text import single_line

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)
SUBJECT_MAX_LENGTH = 250


def header_safe(value, max_length=None):
    """A header value on one line: a line break in a subject would make Django refuse the
    message (BadHeaderError) on every attempt. Every subject and header goes through here."""
    return single_line(value, max_length)


def retry_delay(attempts):
    """1, 2, 4, 8 … minutes after each failure, never more than six hours."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


def queue_email(
    key, to, subject, body, *, html_body="", headers=None, attachments=None, deliver=True
):
    """Store an e-mail under a unique key and deliver it after commit.

    Returns the OutgoingEmail, or None when a message with this key was queued before (the
    same notification is never sent twice).
    ``attachments`` are ``(filename, text, mimetype)``, or ``(filename, base64_text, mimetype,
    "base64")`` for binary content (the outbox stores them as JSON).
    """
    message, created = OutgoingEmail.objects.get_or_create(
        key=key[:200],
        defaults={
            "to": to,
            "subject": header_safe(subject, SUBJECT_MAX_LENGTH),
            "body": body,
            "html_body": html_body,
            "headers": {name: header_safe(value) for name, value in (headers or {}).items()},
            "attachments": [list(item) for item in attachments or []],
        },
    )
    if not created:
        return None
    if deliver:
        from .tasks import deliver_email

        transaction.on_commit(lambda: deliver_email.enqueue(message.pk))
    return message


def queue_emails(messages, *, deliver=True, delivery_batch=100):
    """Queue many e-mails at once, each under its unique key, in a constant number of queries
    per call (the digest queues thousands). ``messages`` are dicts with the arguments of
    :func:`queue_email` (``key``, ``to``, ``subject``, ``body`` and optionally ``html_body``
    and ``headers``).

    A key queued before is skipped, as in :func:`queue_email`: the insert ignores conflicts on
    the unique key. Delivery is enqueued after commit for the rows that were new before this
    call, ``delivery_batch`` messages per task. Should two processes insert the same key at the
    same moment, both may enqueue its delivery; ``send_one`` locks the row and sends only a
    pending message, so it still goes out once. Returns the number of new messages.
    """
    rows = {}
    for message in messages:
        key = message["key"][:200]
        rows.setdefault(
            key,
            OutgoingEmail(
                key=key,
                to=message["to"],
                subject=header_safe(message["subject"], SUBJECT_MAX_LENGTH),
                body=message["body"],
                html_body=message.get("html_body", ""),
                headers={
                    name: header_safe(value)
                    for name, value in (message.get("headers") or {}).items()
                },
                attachments=[],
            ),
        )
    if not rows:
        return 0
    existing = set(OutgoingEmail.objects.filter(key__in=rows).values_list("key", flat=True))
    new = [row for key, row in rows.items() if key not in existing]
    if not new:
        return 0
    OutgoingEmail.objects.bulk_create(new, ignore_conflicts=True)
    ids = list(
        OutgoingEmail.objects.filter(
            key__in=[row.key for row in new], status=OutgoingEmail.Status.PENDING
        ).values_list("pk", flat=True)
    )
    if deliver and ids:
        from .tasks import deliver_emails

        batches = [
            ids[start : start + delivery_batch] for start in range(0, len(ids), delivery_batch)
        ]
        transaction.on_commit(lambda: [deliver_emails.enqueue(batch) for batch in batches])
    return len(new)


def stable_message_id(message):
    """The Message-ID of a queued e-mail: the same on every attempt.

    If a retry follows a send that did reach the mail server (the connection broke before the
    outbox was updated), mail programs recognise the second copy as the same message and show it
    once; a fresh random Message-ID per attempt would look like a new e-mail.
    """
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "vakgenoten.nl"
    return f"<outbox-{message.pk}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"


def send_one(message_id):
    """Send one queued message unless it was sent already. Returns True when it went out."""
    with transaction.atomic():
        message = (
            OutgoingEmail.objects.select_for_update()
            .filter(pk=message_id, status=OutgoingEmail.Status.PENDING)
            .first()
        )
        if message is None:
            return False
        # Cleaned again here: a message queued before subjects were cleaned is sent too.
        headers = {name: header_safe(value) for name, value in (message.headers or {}).items()}
        email = EmailMultiAlternatives(
            subject=header_safe(message.subject, SUBJECT_MAX_LENGTH),
            body=message.body,
            to=[message.to],
            headers={"Message-ID": stable_message_id(message), **headers},
        )
        if message.html_body:
            email.attach_alternative(message.html_body, "text/html")
        for filename, content, mimetype, *encoding in message.attachments:
            # Binary files (a PNG) are stored as base64 text with a fourth item "base64".
            if encoding == ["base64"]:
                content = base64.b64decode(content)
            email.attach(filename, content, mimetype)
        try:
            email.send()
        except Exception as error:  # any transport error: keep the message and retry later
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutgoingEmail.Status.FAILED
                logger.error("E-mail %s given up after %s attempts", message.pk, message.attempts)
            else:
                message.next_attempt_at = timezone.now() + retry_delay(message.attempts)
                logger.warning("E-mail %s failed (attempt %s)", message.pk, message.attempts)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        message.status = OutgoingEmail.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["status", "sent_at", "last_error"])
        return True


def due_messages(now=None):
    """Pending messages never tried, or whose back-off has passed."""
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def deliver_due_email(limit=500):
    """Send every message whose turn it is. Returns (sent, failed) counts."""
    sent = failed = 0
    for message_id in due_messages().values_list("pk", flat=True)[:limit]:
        if send_one(message_id):
            sent += 1
        else:
            failed += 1
    return sent, failed
