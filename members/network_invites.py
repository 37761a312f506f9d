"""Managers invite people to a network by e-mail, with a link that expires.

The link holds a random token; the database keeps only its SHA-256 hash. Whoever opens a
valid link signed in may accept it once, and becomes an approved member at once: the invitation
is the manager's approval, also for networks that approve their members. The invitee sees the
inviter's name, never their address. Addresses of approved members are reported to the manager
instead of being invited again; nothing else about an address is told (no account enumeration).
"""

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vakgenoten import links
from vakgenoten.mail import queue_email

from .models import NetworkInvite, NetworkMembership

MAX_ADDRESSES = 20


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def invite_path(network, token):
    return reverse("members:network_invite", args=[network.slug, token])


def open_invites(network, now=None):
    now = now or timezone.now()
    return NetworkInvite.objects.filter(
        network=network, accepted_at__isnull=True, expires_at__gt=now
    ).order_by("email", "-created_at")


def member_addresses(network, addresses):
    """Which of ``addresses`` (lower case) belong to approved members of ``network``."""
    if not addresses:
        return set()
    match = Q()
    for address in addresses:
        match |= Q(user__email__iexact=address)
    return {
        email.lower()
        for email in NetworkMembership.objects.approved()
        .filter(network=network)
        .filter(match)
        .values_list("user__email", flat=True)
    }


def invite(request, network, addresses, note=""):
    """Invite each address (lower case, valid); returns (invited, already members).

    An address with an open invitation gets a new one: the old link stops working.
    """
    members = member_addresses(network, addresses)
    invited = []
    days = settings.NETWORK_INVITE_DAYS
    inviter = request.user
    for address in addresses:
        if address in members:
            continue
        with translation.override(settings.LANGUAGE_CODE):  # whose language is not known
            _invite_one(network, inviter, address, note, days)
        invited.append(address)
    return invited, sorted(members)


def _invite_one(network, inviter, address, note, days):
    """Store one invitation and queue its e-mail, together."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        open_invites(network).filter(email__iexact=address).delete()
        item = NetworkInvite.objects.create(
            network=network,
            email=address,
            token_hash=token_hash(token),
            note=note,
            invited_by=inviter,
            expires_at=timezone.now() + timedelta(days=days),
        )
        context = {
            "network": network,
            "inviter_name": inviter.get_full_name() or _("Een beheerder"),
            "note": note,
            "invite_url": links.absolute_url(invite_path(network, token)),
            "expires_at": item.expires_at,
            "days": days,
        }
        queue_email(
            key=f"network-invite:{item.pk}",
            to=address,
            subject=_("Vakgenoten: %(name)s nodigt je uit voor %(network)s")
            % {"name": context["inviter_name"], "network": network.name},
            body=render_to_string("members/email/network_invite.txt", context).strip(),
        )


def find(network, token):
    """The invitation ``token`` stands for in ``network``, or None."""
    if not token or len(token) > 100:
        return None
    return (
        NetworkInvite.objects.filter(network=network, token_hash=token_hash(token))
        .select_related("invited_by")
        .first()
    )


def meant_for(user, invitation):
    """Whether ``user`` holds the invited address (verified). A network that approves its
    members, closed ones above all, lets in only the person the manager invited, never whoever
    a forwarded link reaches; an open network lets anyone join anyway."""
    if not invitation.network.approves_members:
        return True
    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()


def accept(user, invitation):
    """Make ``user`` an approved member under ``invitation``; False when it was used or expired
    meanwhile (a second click, another tab)."""
    with transaction.atomic():
        locked = NetworkInvite.objects.select_for_update().filter(pk=invitation.pk).first()
        if locked is None or not locked.is_open():
            return False
        now = timezone.now()
        membership, created = NetworkMembership.objects.get_or_create(
            user=user,
            network_id=locked.network_id,
            defaults={
                "status": NetworkMembership.Status.APPROVED,
                "decided_at": now,
                "decided_by_id": locked.invited_by_id,
            },
        )
        if not created and not membership.is_approved:
            membership.status = NetworkMembership.Status.APPROVED
            membership.decided_at = now
            membership.decided_by_id = locked.invited_by_id
            membership.save(update_fields=["status", "decided_at", "decided_by"])
        locked.accepted_at = now
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
    return True


def withdraw(network, pk):
    """Delete an open invitation of ``network``; its link stops working. True when one was."""
    deleted, _count = open_invites(network).filter(pk=pk).delete()
    return bool(deleted)


def forget_old_invites(now=None):
    """Retention (the scheduler, nightly): delete invitations that expired, or were accepted,
    more than ``NETWORK_INVITE_DAYS`` ago. Returns the number deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.NETWORK_INVITE_DAYS)
    deleted, _count = NetworkInvite.objects.filter(
        Q(expires_at__lt=cutoff) | Q(accepted_at__lt=cutoff)
    ).delete()
    return deleted
