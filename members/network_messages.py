"""Managers write to the approved members of their network: at once by e-mail, or in each
member's next digest.

"At once" stores the message and, after commit, a background task (``members.tasks``) queues
one e-mail per recipient in batches; a retried task queues nothing twice (outbox keys). "In the
digest" stores the message; ``home.digest`` lists the messages written in its period
(:func:`digest_messages`). Recipients are approved members who did not switch these messages
off, for this network (``NetworkMembership.receives_messages``) or for all networks
(``NotificationPreferences.network_messages``); every e-mail carries a one-click unsubscribe
link and headers from ``members.notifications``. A network sends at most
``NETWORK_MESSAGES_PER_WINDOW`` messages per ``NETWORK_MESSAGE_WINDOW_DAYS`` days.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vakgenoten import links
from vakgenoten.mail import queue_emails

from .models import Network, NetworkMembership, NetworkMessage, NotificationPreferences
from .notifications import unsubscribe_headers, unsubscribe_url

KIND = NotificationPreferences.Kind.NETWORK_MESSAGES.value
BATCH_SIZE = 500


def _wants_messages():
    return Q(user__notification_preferences__isnull=True) | Q(
        user__notification_preferences__network_messages=True
    )


def recipients(network):
    """Memberships that get ``network``'s messages: approved, active, still subscribed."""
    return (
        NetworkMembership.objects.approved()
        .filter(network=network, receives_messages=True, user__is_active=True)
        .filter(_wants_messages())
    )


def sent_recently(network, now=None):
    now = now or timezone.now()
    since = now - timedelta(days=settings.NETWORK_MESSAGE_WINDOW_DAYS)
    return NetworkMessage.objects.filter(network=network, created_at__gte=since).count()


def may_send(network, now=None):
    return sent_recently(network, now) < settings.NETWORK_MESSAGES_PER_WINDOW


def limit_text():
    return _(
        "Een netwerk kan zijn leden hoogstens %(count)s berichten per %(days)s dagen sturen. "
        "Je tekst staat hieronder nog; probeer het later opnieuw of kies voor de samenvatting "
        "zodra dat weer kan."
    ) % {
        "count": settings.NETWORK_MESSAGES_PER_WINDOW,
        "days": settings.NETWORK_MESSAGE_WINDOW_DAYS,
    }


def write(request, network, subject, body, delivery):
    """Store a message from the manager in ``request``; None when the limit is reached.

    The network row is locked while counting, so two managers sending at the same moment
    cannot both slip under the limit. "At once" is handed to a background task after commit.
    """
    with transaction.atomic():
        Network.objects.select_for_update().filter(pk=network.pk).first()
        if not may_send(network):
            return None
        message = NetworkMessage.objects.create(
            network=network,
            sender=request.user,
            subject=subject,
            body=body,
            delivery=delivery,
        )
        if delivery == NetworkMessage.Delivery.NOW:
            from .tasks import deliver_network_message

            transaction.on_commit(lambda: deliver_network_message.enqueue(message.pk))
    return message


def render_message(message, network, first_name, unsubscribe, unsubscribe_all):
    """(text) of the e-mail one member gets; also the preview before sending."""
    context = {
        "message": message,
        "network": network,
        "name": first_name,
        "sender_name": message.sender.get_full_name() if message.sender else "",
        "network_url": links.absolute_url(network.get_absolute_url()),
        "unsubscribe_url": unsubscribe,
        "unsubscribe_all_url": unsubscribe_all,
    }
    return render_to_string("members/email/network_message.txt", context).strip()


def deliver(message_id):
    """Queue the e-mail of one "at once" message for every recipient, ``BATCH_SIZE`` at a
    time. Safe to run twice: each e-mail's key is the message and the member."""
    message = (
        NetworkMessage.objects.select_related("network", "sender").filter(pk=message_id).first()
    )
    if message is None or message.delivery != NetworkMessage.Delivery.NOW:
        return 0
    network = message.network
    queued = 0
    last = 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"{network.name}: {message.subject}"
        while True:
            batch = list(
                recipients(network)
                .filter(user_id__gt=last)
                .order_by("user_id")
                .values_list("user_id", "user__email", "user__first_name")[:BATCH_SIZE]
            )
            if not batch:
                break
            last = batch[-1][0]
            rows = []
            for user_id, email, first_name in batch:
                unsubscribe = unsubscribe_url(user_id, KIND, network=network)
                rows.append(
                    {
                        "key": f"network-message:{message.pk}:{user_id}",
                        "to": email,
                        "subject": subject,
                        "body": render_message(
                            message,
                            network,
                            first_name,
                            unsubscribe,
                            unsubscribe_url(user_id, KIND),
                        ),
                        "headers": unsubscribe_headers(unsubscribe),
                    }
                )
            with transaction.atomic():
                queued += queue_emails(rows)
    NetworkMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(
        sent_at=timezone.now(), recipient_count=queued
    )
    return queued


@dataclass(frozen=True)
class DigestEntry:
    """One network message in one member's digest."""

    network_name: str
    subject: str
    body: str
    sender_name: str
    network_url: str
    unsubscribe_url: str


class DigestMessages:
    """The digest messages written from ``start`` up to ``end``, loaded once per digest run
    (one query); :meth:`for_users` finds each batch's recipients (one more query, none when
    there are no messages). False when there are none."""

    def __init__(self, start, end):
        self.messages = list(
            NetworkMessage.objects.filter(
                delivery=NetworkMessage.Delivery.DIGEST, created_at__gte=start, created_at__lt=end
            )
            .select_related("network", "sender")
            .order_by("created_at", "pk")
        )

    def __bool__(self):
        return bool(self.messages)

    def for_users(self, user_ids):
        """{user id: [DigestEntry]} for those of ``user_ids`` who get these messages."""
        if not self.messages or not user_ids:
            return {}
        by_network = defaultdict(list)
        for message in self.messages:
            by_network[message.network_id].append(message)
        memberships = (
            NetworkMembership.objects.approved()
            .filter(network_id__in=by_network, user_id__in=user_ids, receives_messages=True)
            .filter(_wants_messages())
            .values_list("user_id", "network_id")
        )
        found = defaultdict(list)
        for user_id, network_id in memberships:
            found[user_id].extend(by_network[network_id])
        return {
            user_id: [
                self._entry(message, user_id)
                for message in sorted(messages, key=lambda m: (m.created_at, m.pk))
            ]
            for user_id, messages in found.items()
        }

    @staticmethod
    def _entry(message, user_id):
        network = message.network
        return DigestEntry(
            network_name=network.name,
            subject=message.subject,
            body=message.body,
            sender_name=message.sender.get_full_name() if message.sender else "",
            network_url=links.absolute_url(network.get_absolute_url()),
            unsubscribe_url=unsubscribe_url(user_id, KIND, network=network),
        )
