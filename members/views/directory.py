"""The member directory: find colleagues by name, organisation, network, theme or province."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..forms import DirectoryFilterForm
from .common import MEMBERS_PER_PAGE, home_crumb, member_cards, paginate, visible_members


@never_cache
@login_required
def directory(request):
    """Members only. The number of queries does not grow with the number of members."""
    form = DirectoryFilterForm(request.GET or None)
    members = member_cards(form.filter(visible_members(request.user)))
    page_obj = paginate(request, members, MEMBERS_PER_PAGE)
    return render(
        request,
        "members/directory.html",
        {
            "form": form,
            "page_obj": page_obj,
            "crumbs": [home_crumb(), (_("Leden"), reverse("members:directory"))],
        },
    )
