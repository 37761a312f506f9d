"""The organisation register: unique slugs, and members' requests for a missing organisation.

A member who cannot find their organisation asks for it (:func:`request_organisation`);
an editor approves the request (:func:`approve_request`, which creates the organisation or
links an existing one and puts it on the member's profile when that has none) or rejects it
with a reason (:func:`reject_request`). Either way the member hears by e-mail, queued in the
outbox and delivered by the task worker after the transaction commits.
"""

import uuid

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vakgenoten import links
from vakgenoten.mail import queue_email

from .directory import purge_directory_after_commit
from .models import Organisation, OrganisationRequest, Profile

SLUG_MAX_LENGTH = Organisation._meta.get_field("slug").max_length


def unique_slug(name, taken=None, exclude_pk=None):
    """A slug for ``name`` that no other organisation has: ``gemeente-x``, ``gemeente-x-2`` …

    ``taken`` is an optional set of slugs already handed out (an import that has not saved
    them yet); it is updated with the new slug.
    """
    base = slugify(name)[: SLUG_MAX_LENGTH - 4].strip("-") or "organisatie"
    existing = Organisation.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        existing = existing.exclude(pk=exclude_pk)
    used = set(existing.values_list("slug", flat=True)) | (taken or set())
    slug, number = base, 2
    while slug in used:
        slug = f"{base}-{number}"
        number += 1
    if taken is not None:
        taken.add(slug)
    return slug


def request_organisation(user, name, website=""):
    """Store a member's request for a missing organisation; one waiting request per name.

    Returns the request (the member's earlier waiting one when they ask for the same name).
    """
    name = " ".join(name.split())
    existing = (
        OrganisationRequest.objects.waiting().filter(requested_by=user, name__iexact=name).first()
    )
    if existing is not None:
        return existing
    return OrganisationRequest.objects.create(requested_by=user, name=name, website=website)


class AlreadyHandled(Exception):
    """Another editor decided on the request first."""


def _lock_waiting(organisation_request):
    locked = OrganisationRequest.objects.select_for_update().get(pk=organisation_request.pk)
    if not locked.is_waiting:
        raise AlreadyHandled
    return locked


@transaction.atomic
def approve_request(organisation_request, editor, *, organisation=None, **fields):
    """Approve: link ``organisation``, or create one from ``fields`` (name, kind, province,
    website). The requester's profile gets it when it has no organisation yet.

    Returns the organisation. Raises :class:`AlreadyHandled` when the request was decided.
    """
    locked = _lock_waiting(organisation_request)
    if organisation is None:
        organisation = Organisation(**fields)
        organisation.slug = unique_slug(organisation.name)
        organisation.full_clean()
        organisation.save()
    locked.status = OrganisationRequest.Status.APPROVED
    locked.organisation = organisation
    locked.handled_by = editor
    locked.handled_at = timezone.now()
    locked.save(update_fields=["status", "organisation", "handled_by", "handled_at"])
    member = locked.requested_by
    if member is not None:
        Profile.objects.filter(user=member, organisation__isnull=True).update(
            organisation=organisation
        )
        purge_directory_after_commit()  # an update sends no signal
        _tell_member(locked, member, approved=True)
    return organisation


@transaction.atomic
def reject_request(organisation_request, editor, reason):
    """Reject with a reason the member reads in the e-mail."""
    locked = _lock_waiting(organisation_request)
    locked.status = OrganisationRequest.Status.REJECTED
    locked.reason = reason
    locked.handled_by = editor
    locked.handled_at = timezone.now()
    locked.save(update_fields=["status", "reason", "handled_by", "handled_at"])
    if locked.requested_by is not None:
        _tell_member(locked, locked.requested_by, approved=False)
    return locked


def _tell_member(organisation_request, member, approved):
    context = {
        "member": member,
        "request": organisation_request,
        "approved": approved,
        "profile_url": links.absolute_url(reverse("members:profile_edit")),
        "organisation_url": links.absolute_url(
            organisation_request.organisation.get_absolute_url()
            if organisation_request.organisation
            else ""
        ),
    }
    if approved:
        subject = _("%(name)s staat nu op Vakgenoten") % {"name": organisation_request.name}
    else:
        subject = _("je aanvraag voor %(name)s") % {"name": organisation_request.name}
    queue_email(
        key=f"organisation-request:{organisation_request.pk}:{uuid.uuid4().hex}",
        to=member.email,
        subject=f"Vakgenoten: {subject}",
        body=render_to_string("members/email/organisation_request_decision.txt", context).strip(),
    )
