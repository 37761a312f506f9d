"""The member directory: find colleagues by name, organisation, network, theme or province."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from vakgenoten.cache import NOT_KEPT

from ..directory import DirectoryPaginator, form_key, kept_part, kept_parts, likely_page, search_key
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
    search = search_key(form)
    members = member_cards(form.filter(visible_members(request.user)))
    paginator = DirectoryPaginator(members, MEMBERS_PER_PAGE, search)
    number = request.GET.get("page")
    likely = likely_page(number)

    def cards(page):
        # Kept as plain text (a string, not a template object) and marked safe again below:
        # the template escaped it.
        html = render_to_string("members/includes/directory_cards.html", {"members": page})
        return str(html)

    def cards_name(page_number):
        return f"cards-{search}-{page_number}"

    def cards_of_likely_page():
        page = paginator.get_page(number)
        return cards(page) if page.number == likely else NOT_KEPT

    # Computed in this order where not kept: the count first, then the page it bounds. The
    # count is the paginator's own part: read here with the others, ``paginator.count`` finds
    # it among what this request read (with the cache off, it counts once).
    form_name = f"form-{form_key(form)}"
    parts = kept_parts(
        {
            paginator.count_part: lambda: paginator.count,
            form_name: lambda: str(
                render_to_string("members/includes/directory_filter_fields.html", {"form": form})
            ),
            cards_name(likely): cards_of_likely_page,
        }
    )
    page_obj = paginator.get_page(number)
    html = parts[cards_name(likely)]
    if page_obj.number != likely:  # past the last page or below the first: the last
        html = kept_part(cards_name(page_obj.number), lambda: cards(page_obj))
    return render(
        request,
        "members/directory.html",
        {
            "form": form,
            # escaped by their templates
            "form_fields": mark_safe(parts[form_name]),  # noqa: S308  # nosec B308 B703
            "cards": mark_safe(html),  # noqa: S308  # nosec B308 B703
            "page_obj": page_obj,
            "crumbs": [home_crumb(), (_("Leden"), reverse("members:directory"))],
        },
    )
