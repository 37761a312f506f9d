"""What happens when an organisation says "Wij doen dit ook" on a practice example.

Who may: a member with a verified address and a full name who is not suspended (the comments'
rules, ``comments.rules``) and whose profile names an organisation; any member of that
organisation may change or withdraw it, and the change records who did. When an organisation
is added (not on every change) the practice example's contact person hears of it by e-mail.
The page and the listings above it are purged by ``blog.signals`` after the commit.
"""

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comments.rules import active_ban, local_datetime
from members.decorators import COMPLETE_PROFILE, LOGIN, VERIFY_EMAIL
from members.decorators import participation_problem as members_participation_problem
from vakgenoten import links
from vakgenoten.mail import queue_email

from .models import Adoption

RATE_LIMIT = "adoption"


class AdoptionRefused(Exception):
    """The member may not add or change an adoption now; ``message`` says why in Dutch."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def member_organisation(user):
    """The organisation on ``user``'s profile, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    from members.models import Profile

    profile = Profile.objects.select_related("organisation").filter(user_id=user.pk).first()
    return profile.organisation if profile is not None else None


PARTICIPATION_SENTENCES = {
    LOGIN: gettext_lazy("Je moet lid zijn om je organisatie toe te voegen."),
    VERIFY_EMAIL: gettext_lazy(
        "Bevestig eerst je e-mailadres; daarna kun je je organisatie toevoegen."
    ),
    COMPLETE_PROFILE: gettext_lazy(
        "Vul eerst je voor- en achternaam in bij je profiel; andere leden zien wie de "
        "organisatie heeft toegevoegd."
    ),
}


def participation_problem(user):
    """Why ``user`` cannot speak for their organisation yet ("" when they can)."""
    return members_participation_problem(user, PARTICIPATION_SENTENCES)


def check_can_adopt(user, organisation):
    """Raise AdoptionRefused when ``user`` may not add or change ``organisation``'s adoption."""
    problem = participation_problem(user)
    if problem:
        raise AdoptionRefused(problem)
    if organisation is None:
        raise AdoptionRefused(
            _(
                "Je profiel noemt geen organisatie. Vul bij je profiel in waar je werkt; "
                "daarna kun je je organisatie hier toevoegen."
            )
        )
    ban = active_ban(user)
    if ban is not None:
        raise AdoptionRefused(
            _("Je kunt tot %(until)s niets toevoegen: %(reason)s")
            % {"until": local_datetime(ban.ends_at), "reason": ban.reason}
        )


def save_adoption(user, page, organisation, status, note):
    """Add ``organisation`` to the adopters of ``page``, or change its status and note.

    Returns ``(adoption, created)``. A second tab that adds the same organisation at the same
    moment changes the first one instead of failing.
    """
    note = (note or "").strip()
    try:
        with transaction.atomic():
            adoption, created = Adoption.objects.get_or_create(
                page=page,
                organisation=organisation,
                defaults={
                    "status": status,
                    "note": note,
                    "added_by": user,
                    "updated_by": user,
                },
            )
            if created:
                notify_contact(adoption, page)
    except IntegrityError:
        adoption, created = Adoption.objects.get(page=page, organisation=organisation), False
    if not created:
        adoption.status = status
        adoption.note = note
        adoption.updated_by = user
        adoption.save(update_fields=["status", "note", "updated_by", "updated_at"])
    return adoption, created


def remove_adoption(page, organisation):
    """ "Niet meer": the organisation no longer does this. Returns whether there was one."""
    adoption = Adoption.objects.filter(page=page, organisation=organisation).first()
    if adoption is None:
        return False
    adoption.delete()
    return True


def notify_contact(adoption, page):
    """E-mail the practice example's contact person that another organisation took it over.

    Nothing about the member who added it: the organisation speaks, not a person's address.
    """
    if not page.contact_email:
        return None
    organisation = adoption.organisation
    body = render_to_string(
        "blog/email/adoption_added.txt",
        {
            "page": page,
            "contact_name": page.contact_name,
            "organisation": organisation,
            "organisation_url": links.absolute_url(organisation.get_absolute_url()),
            "status": adoption.get_status_display(),
            "note": adoption.note,
            "page_url": links.absolute_url(page.get_url() or "") + "#wie-doet-dit-ook",
        },
    )
    return queue_email(
        key=f"adoption-added:{adoption.pk}",
        to=page.contact_email,
        subject=_("%(organisation)s doet ook: %(title)s")
        % {"organisation": organisation.name, "title": page.title},
        body=body,
    )
