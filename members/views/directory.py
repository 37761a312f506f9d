"""The member directory: find colleagues by name, organisation, network, theme or province."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..directory import DirectoryPaginator, form_key, kept_part, kept_parts, page_key, search_key
from ..forms import DirectoryFilterForm
from .common import MEMBERS_PER_PAGE, home_crumb, member_cards, visible_members


@never_cache
@login_required
def directory(request):
    """Members only. The number of queries does not grow with the number of members.

    The filter form, the number found and each page of cards are the same for every member
    (``members.directory``), so they come from the shared cache, in one round trip: a warm
    page runs no query for the directory itself.
    """
    form = DirectoryFilterForm(request.GET or None)
    members = member_cards(form.filter(visible_members(request.user)))
    paginator = DirectoryPaginator(members, MEMBERS_PER_PAGE)
    number = request.GET.get("page")
    search = search_key(form)

    def page_of_members():
        if "count" not in paginator.__dict__:  # kept, but this page's cards are not
            paginator.keep_count(kept_part(f"count-{search}", lambda: paginator.count))
        return paginator.get_page(number)

    # Computed in this order where not kept: the count first, then the page it bounds.
    # Kept as plain text (a string, not a template object) and marked safe again below: the
    # templates escaped it.
    parts = kept_parts(
        {
            f"count-{search}": lambda: paginator.count,
            f"form-{form_key(form)}": lambda: str(
                render_to_string("members/includes/directory_filter_fields.html", {"form": form})
            ),
            f"cards-{search}-{page_key(number)}": lambda: str(
                render_to_string(
                    "members/includes/directory_cards.html",
                    {"members": page_of_members()},
                )
            ),
        }
    )
    paginator.keep_count(parts[f"count-{search}"])
    return render(
        request,
        "members/directory.html",
        {
            "form": form,
            # escaped by their templates
            "form_fields": mark_safe(parts[f"form-{form_key(form)}"]),  # noqa: S308  # nosec B308 B703
            "cards": mark_safe(parts[f"cards-{search}-{page_key(number)}"]),  # noqa: S308  # nosec B308 B703
            "page_obj": paginator.get_page(number),
            "crumbs": [home_crumb(), (_("Leden"), reverse("members:directory"))],
        },
    )
