"""Organisations: municipalities, joint arrangements and other public bodies."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms import OrganisationFilterForm
from ..models import Organisation
from ..sections import ORGANISATION, render_sections
from .common import (
    GROUPS_PER_PAGE,
    MEMBERS_PER_PAGE,
    home_crumb,
    member_cards,
    paginate,
    visible_members,
)


def organisation_list(request):
    """The register: search by name or code, filter by kind and province (a GET form)."""
    form = OrganisationFilterForm(request.GET or None)
    organisations = Organisation.objects.order_by("name", "pk")
    if form.is_bound:
        organisations = form.filter(organisations)
    return render(
        request,
        "members/organisation_list.html",
        {
            "form": form,
            "page_obj": paginate(request, organisations, GROUPS_PER_PAGE),
            "crumbs": [home_crumb(), (_("Organisaties"), reverse("members:organisations"))],
        },
    )


def organisation_detail(request, slug):
    """An organisation and the members who work there (public profiles only for visitors)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    members = member_cards(visible_members(request.user).filter(profile__organisation=organisation))
    return render(
        request,
        "members/organisation_detail.html",
        {
            "organisation": organisation,
            "page_obj": paginate(request, members, MEMBERS_PER_PAGE),
            "sections": render_sections(ORGANISATION, request, organisation),
            "crumbs": [
                home_crumb(),
                (_("Organisaties"), reverse("members:organisations")),
                (organisation.name, organisation.get_absolute_url()),
            ],
        },
    )
