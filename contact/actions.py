"""What happens to a message: sent (or held), delivered by e-mail, released or rejected by a
moderator, reported by its recipient; and blocking a member."""

from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import MemberBlock
from members.notifications import unsubscribe_headers, unsubscribe_url
from vakgenoten import links
from vakgenoten.mail import queue_email

from . import rules
from .models import MemberMessage, MessageReport
from .tokens import block_url, report_url

KIND = "member_messages"


def send_message(sender, recipient, body, comment_settings=None):
    """Store the message and deliver it, or hold it for a moderator. The caller checked
    ``rules.check_can_send`` and the rate limit."""
    status, reasons = rules.decide(sender, body, comment_settings)
    with transaction.atomic():
        message = MemberMessage.objects.create(
            sender=sender,
            recipient=recipient,
            body=body,
            status=status,
            hold_reasons="\n".join(reasons),
        )
        if status == MemberMessage.Status.SENT:
            deliver(message)
    return message


def subject_for(message):
    return _("Bericht van %(name)s via Vakgenoten") % {"name": message.sender.get_full_name()}


def profile_is_public(member):
    profile = getattr(member, "profile", None)
    return bool(profile is not None and profile.is_public)


def profile_path(member):
    """The sender's profile; for a members-only profile by way of the login page, which sends
    a signed-in member straight on (a visitor would otherwise meet "does not exist")."""
    path = member.get_absolute_url()
    if profile_is_public(member):
        return path
    return f"{reverse('account_login')}?{urlencode({'next': path})}"


def deliver(message):
    """Queue the e-mail: to the recipient, answered to the sender, from the site's address."""
    recipient, sender = message.recipient, message.sender
    unsubscribe = unsubscribe_url(recipient, KIND)
    body = render_to_string(
        "contact/email/message.txt",
        {
            "message": message,
            "recipient": recipient,
            "sender_name": sender.get_full_name(),
            "profile_url": links.absolute_url(profile_path(sender)),
            "profile_for_members": not profile_is_public(sender),
            "report_url": report_url(message),
            "block_url": block_url(message),
            "unsubscribe_url": unsubscribe,
        },
    )
    headers = {"Reply-To": sender.email, **unsubscribe_headers(unsubscribe)}
    queue_email(
        key=f"member-message:{message.pk}",
        to=recipient.email,
        subject=subject_for(message),
        body=body,
        headers=headers,
    )
    message.sent_at = timezone.now()
    message.save(update_fields=["sent_at"])


def release(message, moderator, now=None):
    """A moderator lets a held message go; it is delivered unless the recipient no longer
    takes messages from the sender, then it is rejected. Returns the new status, or None when
    it was not held (decided by someone else meanwhile)."""
    now = now or timezone.now()
    with transaction.atomic():
        message = (
            MemberMessage.objects.select_for_update()
            .select_related("sender", "recipient")
            .filter(pk=message.pk, status=MemberMessage.Status.HELD)
            .first()
        )
        if message is None:
            return None
        accepted = rules.accepts_messages_from(message.recipient, message.sender)
        message.status = MemberMessage.Status.SENT if accepted else MemberMessage.Status.REJECTED
        message.decided_by = moderator
        message.decided_at = now
        message.save(update_fields=["status", "decided_by", "decided_at"])
        if accepted:
            deliver(message)
        return message.status


def reject(message, moderator, now=None):
    """A moderator stops a held message; nothing is sent. Returns whether it was held."""
    now = now or timezone.now()
    return bool(
        MemberMessage.objects.filter(pk=message.pk, status=MemberMessage.Status.HELD).update(
            status=MemberMessage.Status.REJECTED, decided_by=moderator, decided_at=now
        )
    )


def report(message, reason=""):
    """The recipient reports the message (once; a second report keeps the first)."""
    try:
        with transaction.atomic():
            report, _created = MessageReport.objects.get_or_create(
                message=message,
                defaults={"reporter_id": message.recipient_id, "reason": reason.strip()},
            )
    except IntegrityError:  # reported at the same moment from a second tab
        report = MessageReport.objects.get(message=message)
    return report


def handle_report(report, moderator, now=None):
    return bool(
        MessageReport.objects.filter(pk=report.pk, handled_at__isnull=True).update(
            handled_at=now or timezone.now(), handled_by=moderator
        )
    )


def block(blocker, blocked):
    """``blocked`` can no longer send ``blocker`` messages. Safe to repeat."""
    if blocker.pk == blocked.pk:
        return None
    try:
        with transaction.atomic():
            block, _created = MemberBlock.objects.get_or_create(blocker=blocker, blocked=blocked)
    except IntegrityError:
        block = MemberBlock.objects.get(blocker=blocker, blocked=blocked)
    return block


def unblock(blocker, blocked_id):
    return bool(MemberBlock.objects.filter(blocker=blocker, blocked_id=blocked_id).delete()[0])
