"""The section "Werkt samen in" on an organisation's page and "Samenwerkingsverbanden" on a
network's page (members.sections).

A collaboration is in the public register, but that it belongs to a closed network is that
network's business: its page lists them for the network's approved members only
(``members.visibility.sees_inside``, the same rule as for its articles and events).
"""

from django.db.models import Prefetch
from django.template.loader import render_to_string

from members.visibility import sees_inside

from .models import Collaboration, Participation

SECTION_COLLABORATIONS = 10


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


def network_collaborations(request, network):
    """The collaborations linked to ``network`` (``Collaboration.networks``), by name. One
    query, and one more for a signed-in member looking at a closed network."""
    if not sees_inside(request.user, network):
        return ""
    collaborations = list(
        Collaboration.objects.filter(networks=network).order_by("name")[
            : SECTION_COLLABORATIONS + 1
        ]
    )
    if not collaborations:
        return ""
    return render_to_string(
        "collaborations/includes/network_section.html",
        {
            "network": network,
            "collaborations": collaborations[:SECTION_COLLABORATIONS],
            "has_more": len(collaborations) > SECTION_COLLABORATIONS,
        },
        request=request,
    )
