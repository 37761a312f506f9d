"""The collaborations: a list with filters, a page per collaboration and the map.

Each page takes the same number of queries however many collaborations and participants it
shows: the themes for the filter, the collaborations, and one query each for their themes and
their participants with organisations (``Collaboration.objects.with_participants``).
"""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from members.models import Province
from taxonomy.models import Theme

from .map import draw as draw_map
from .map import table as map_table
from .models import Collaboration

PER_PAGE = 20
QUERY_MAX_LENGTH = 100


class Filters:
    """The list's and the map's choices from the address: theme, province, legal form and
    words. An unknown value is left out, with a message that says so; what was typed stays."""

    def __init__(self, params, *, legal_form=True, words=True):
        self.themes = list(Theme.objects.order_by("name").only("name", "slug"))
        self.provinces = Province.choices
        self.legal_forms = Collaboration.LegalForm.choices if legal_form else []
        self.errors = []
        self.query = (params.get("q") or "").strip()[:QUERY_MAX_LENGTH] if words else ""
        self.theme = self._choose(
            params.get("thema"),
            {theme.slug: theme for theme in self.themes},
            _("Het thema ‘%(value)s’ kennen we niet; je ziet alle thema's."),
        )
        self.province = self._choose(
            params.get("provincie"),
            dict(self.provinces),
            _("De provincie ‘%(value)s’ kennen we niet; je ziet alle provincies."),
        )
        self.legal_form = (
            self._choose(
                params.get("rechtsvorm"),
                dict(self.legal_forms),
                _("De rechtsvorm ‘%(value)s’ kennen we niet; je ziet alle rechtsvormen."),
            )
            if legal_form
            else None
        )
        self.selected = {
            "thema": self.theme.slug if self.theme else "",
            "provincie": self.province or "",
            "rechtsvorm": self.legal_form or "",
        }

    def _choose(self, value, known, message):
        value = (value or "").strip()
        if not value:
            return None
        if value in known:
            return known[value] if isinstance(known[value], Theme) else value
        self.errors.append(message % {"value": value[:60]})
        return None

    @property
    def active(self):
        return bool(self.theme or self.province or self.legal_form or self.query)

    @property
    def province_label(self):
        return dict(self.provinces).get(self.province, "")

    def apply(self, collaborations):
        if self.theme:
            collaborations = collaborations.filter(themes=self.theme)
        if self.province:
            collaborations = collaborations.filter(
                participations__organisation__province=self.province
            )
        if self.legal_form:
            collaborations = collaborations.filter(legal_form=self.legal_form)
        if self.query:
            collaborations = collaborations.filter(
                Q(name__icontains=self.query)
                | Q(description__icontains=self.query)
                | Q(tasks__icontains=self.query)
            )
        return collaborations.distinct()


def list_crumbs():
    return [(_("Home"), "/"), (_("Samenwerkingsverbanden"), reverse("collaborations:list"))]


def collaboration_list(request):
    """All collaborations, filtered by theme, a participant's province, legal form and words."""
    filters = Filters(request.GET)
    collaborations = filters.apply(Collaboration.objects.order_by("name")).with_participants()
    page_obj = Paginator(collaborations, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "collaborations/collaboration_list.html",
        {
            "filters": filters,
            "page_obj": page_obj,
            "collaborations": page_obj.object_list,
            "crumbs": list_crumbs(),
        },
    )


def collaboration_detail(request, slug):
    """A collaboration: what it does, its contact and its participants, on a small map too."""
    collaboration = get_object_or_404(Collaboration.objects.with_participants(), slug=slug)
    participations = list(collaboration.participations.all())
    return render(
        request,
        "collaborations/collaboration_detail.html",
        {
            "collaboration": collaboration,
            "participations": participations,
            "drawing": draw_map([collaboration]),
            "hub": collaboration.hub(),
            "unlocated": [
                p.organisation for p in participations if not p.organisation.has_location
            ],
            "crumbs": [
                *list_crumbs(),
                (collaboration.name, collaboration.get_absolute_url()),
            ],
        },
    )


def collaboration_map(request):
    """Who works with whom on a theme (and in a province): a map drawn on the server and the
    same in a table beside it."""
    filters = Filters(request.GET, legal_form=False, words=False)
    collaborations = list(filters.apply(Collaboration.objects.order_by("name")).with_participants())
    rows = map_table(collaborations)
    return render(
        request,
        "collaborations/collaboration_map.html",
        {
            "filters": filters,
            "collaborations": collaborations,
            "drawing": draw_map(collaborations),
            "rows": rows,
            "unlocated_count": sum(1 for row in rows if not row.organisation.has_location),
            "crumbs": [
                *list_crumbs(),
                (_("Kaart"), reverse("collaborations:map")),
            ],
        },
    )
