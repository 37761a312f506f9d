"""Joining and leaving networks, and how managers decide on requests."""

import uuid

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vakgenoten import links
from vakgenoten.mail import queue_email

from .inbox import notify
from .models import NetworkMembership, Notification


class LastManagerError(Exception):
    """The only manager of a network that approves requests cannot leave it."""


def membership_of(user, network):
    if not getattr(user, "is_authenticated", False):
        return None
    return NetworkMembership.objects.filter(user=user, network=network).first()


def can_manage(user, network):
    """Managers of the network decide on requests; so do administrators."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return NetworkMembership.objects.managers().filter(user=user, network=network).exists()


def join(request, network):
    """Join ``network``: approved at once when it is open, otherwise a pending request.

    Returns the membership (an existing one when the member had joined or asked already).
    """
    user = request.user
    existing = membership_of(user, network)
    if existing is not None:
        return existing
    status = (
        NetworkMembership.Status.PENDING
        if network.approves_members
        else NetworkMembership.Status.APPROVED
    )
    try:
        with transaction.atomic():
            membership = NetworkMembership.objects.create(
                user=user,
                network=network,
                status=status,
                decided_at=None if network.approves_members else timezone.now(),
            )
    except IntegrityError:  # a double click: the first request already created it
        return membership_of(user, network)
    if membership.status == NetworkMembership.Status.PENDING:
        notify_managers_of_request(request, membership)
    return membership


def leave(user, network):
    """Leave ``network`` (or withdraw a request). The last manager of an approval network stays."""
    membership = membership_of(user, network)
    if membership is None:
        return False
    if membership.is_manager and network.approves_members:
        others = NetworkMembership.objects.managers().filter(network=network).exclude(user=user)
        if not others.exists():
            raise LastManagerError
    membership.delete()
    return True


def decide(request, membership, approve):
    """A manager approves or declines a pending request; the member hears about it by e-mail."""
    if membership.status != NetworkMembership.Status.PENDING:
        return membership
    request_id = membership.pk
    if approve:
        membership.status = NetworkMembership.Status.APPROVED
        membership.decided_at = timezone.now()
        membership.decided_by = request.user
        membership.save(update_fields=["status", "decided_at", "decided_by"])
    else:
        membership.delete()
    notify_member_of_decision(request, membership, approved=approve)
    notify(
        membership.user,
        Notification.Kind.NETWORK_DECISION,
        f"network-decision-{request_id}-{membership.user_id}",
        actor=request.user,
        subject=membership.network.name,
        detail="approved" if approve else "declined",
        url=membership.network.get_absolute_url(),
    )
    return membership


def _send(key, to, subject, template, context):
    queue_email(
        key=f"{key}:{uuid.uuid4().hex}",
        to=to,
        subject=f"Vakgenoten: {subject}",
        body=render_to_string(template, context).strip(),
    )


def notify_member_of_decision(request, membership, approved):
    network = membership.network
    context = {
        "member": membership.user,
        "network": network,
        "approved": approved,
        "network_url": links.absolute_url(network.get_absolute_url()),
        "networks_url": links.absolute_url(reverse("members:networks")),
    }
    if approved:
        subject = _("je bent lid van %(network)s") % {"network": network.name}
    else:
        subject = _("je aanvraag voor %(network)s") % {"network": network.name}
    _send(
        f"network-decision:{network.pk}:{membership.user_id}",
        membership.user.email,
        subject,
        "members/email/membership_decision.txt",
        context,
    )


def notify_managers_of_request(request, membership):
    network = membership.network
    managers = (
        NetworkMembership.objects.managers()
        .filter(network=network)
        .select_related("user")
        .exclude(user=membership.user)
    )
    context = {
        "member": membership.user,
        "profile": getattr(membership.user, "profile", None),
        "network": network,
        "network_url": links.absolute_url(network.get_absolute_url() + "#aanvragen"),
    }
    for manager in managers:
        _send(
            f"network-request:{membership.pk}:{manager.user_id}",
            manager.user.email,
            _("nieuwe aanvraag voor %(network)s") % {"network": network.name},
            "members/email/membership_request.txt",
            {**context, "manager": manager.user},
        )


def managed_network_ids(user):
    """The ids of the networks ``user`` manages (approved, role manager), as a frozenset.

    Worked out once per request and kept on the user object; the page rules of every domain
    (``members.content_rights``) and the admin's request queue ask it.
    """
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    ids = user.__dict__.get("_vakgenoten_managed_network_ids")
    if ids is None:
        ids = frozenset(
            NetworkMembership.objects.managers()
            .filter(user=user)
            .values_list("network_id", flat=True)
        )
        user.__dict__["_vakgenoten_managed_network_ids"] = ids
    return ids
