"""Adoptions ("Wij doen dit ook") in "Mijn gegevens": the ones a member added or last changed.

An adoption belongs to the organisation, not to the member who added it, so deleting an
account keeps it and only forgets who added or changed it (``added_by`` and ``updated_by``
emptied). A queryset update sends no signal, and no page shows who added an adoption, so
nothing needs purging.
"""

from django.db.models import Q

from .models import Adoption


def export_adoptions(user):
    adoptions = (
        Adoption.objects.filter(Q(added_by=user) | Q(updated_by=user))
        .select_related("page", "organisation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "praktijkvoorbeeld": adoption.page.title,
            "organisatie": adoption.organisation.name,
            "stand_van_zaken": adoption.get_status_display(),
            "toelichting": adoption.note,
            "toegevoegd_op": adoption.created_at,
            "door_jou_toegevoegd": adoption.added_by_id == user.pk,
            "bijgewerkt_op": adoption.updated_at,
            "laatst_door_jou_bijgewerkt": adoption.updated_by_id == user.pk,
        }
        for adoption in adoptions
    ]


def erase_adoptions(user, keep_comments):
    Adoption.objects.filter(added_by=user).update(added_by=None)
    Adoption.objects.filter(updated_by=user).update(updated_by=None)
