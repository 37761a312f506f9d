"""The section "Werkt samen in" on an organisation's page (members.sections)."""

from django.db.models import Prefetch
from django.template.loader import render_to_string

from .models import Participation


def organisation_collaborations(request, organisation):
    """The collaborations ``organisation`` takes part in, with its role, and the organisations
    it works with there (each once, by name). Two queries, however many there are."""
    own = list(
        Participation.objects.filter(organisation=organisation)
        .select_related("collaboration")
        .prefetch_related(
            Prefetch(
                "collaboration__participations",
                queryset=Participation.objects.select_related("organisation"),
            )
        )
        .order_by("collaboration__name")
    )
    if not own:
        return ""
    partners = {}
    for participation in own:
        for other in participation.collaboration.participations.all():
            if other.organisation_id != organisation.pk:
                partners[other.organisation_id] = other.organisation
    return render_to_string(
        "collaborations/includes/organisation_section.html",
        {
            "organisation": organisation,
            "participations": own,
            "partners": sorted(partners.values(), key=lambda partner: partner.name),
        },
        request=request,
    )
