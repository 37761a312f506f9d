"""Series in the Wagtail admin: the snippet, who may touch which series, and "Data aanmaken".

Who may make a series' occurrences: whoever may add events under the agenda and edit the
series' model event. For organisers (rights only through the "Organisatoren" group) that is the
rule of ``events.permissions``: only series whose model event (or first date) belongs to one
of their networks or to their organisation. The same rule limits the series they see and edit.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from .models import EventIndexPage, EventPage, EventSeries
from .permissions import EventScope, manageable_events
from .series import SeriesProblem, generate_occurrences, model_event_for, plan


def _agenda():
    return EventIndexPage.objects.first()


def is_limited_organiser(user):
    """Whether ``user``'s rights over the agenda come only from the organisers group."""
    if user.is_superuser:
        return False
    agenda = _agenda()
    return agenda is not None and EventScope.of(user).is_limited_for(agenda)


def series_is_theirs(user, series):
    if not is_limited_organiser(user):
        return True
    model = model_event_for(series) if series.pk else None
    return model is None or EventScope.of(user).owns(model)


def own_series(user, queryset):
    """``queryset`` narrowed to the series ``user`` may manage."""
    if not is_limited_organiser(user):
        return queryset
    own_events = manageable_events(user)
    own_occurrence = own_events.filter(series=OuterRef("pk"))
    any_occurrence = EventPage.objects.filter(series=OuterRef("pk"))
    return queryset.filter(
        Q(model_event__in=own_events)
        | Q(model_event__isnull=True) & (Exists(own_occurrence) | ~Exists(any_occurrence))
    )


class SeriesPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, and for organisers only their own series."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and series_is_theirs(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return own_series(user, super().instances_user_has_any_permission_for(user, actions))


def may_generate(user, series):
    """Whether ``user`` may make the occurrences of ``series``: add events under the agenda,
    and edit the model event (organisers: their own only)."""
    model = model_event_for(series)
    if model is None:
        parent = _agenda()
        return bool(parent and parent.permissions_for_user(user).can_add_subpage())
    parent = model.get_parent().specific
    return (
        parent.permissions_for_user(user).can_add_subpage()
        and model.permissions_for_user(user).can_edit()
    )


class OwnSeriesOnly:
    """Wagtail checks the model permission; this adds the organiser's own-series rule."""

    def get_object(self, queryset=None):
        series = super().get_object(queryset)
        if not series_is_theirs(self.request.user, series):
            raise PermissionDenied
        return series


class SeriesDeleteView(OwnSeriesOnly, DeleteView):
    pass


class SeriesEditView(OwnSeriesOnly, EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Data aanmaken"),
                url=reverse("events_series:generate", args=[self.object.pk]),
                icon_name="date",
                priority=5,
            )
        )
        return buttons


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "date"
    menu_label = gettext_lazy("Reeksen")
    # Beside "Aanmeldingen" in the main menu, where organisers look for their events' tools.
    add_to_admin_menu = True
    menu_order = 221
    list_display = ["title", Column("description", label=gettext_lazy("Wanneer")), "first_date"]
    search_fields = ["title", "intro"]
    search_backend_name = None
    edit_view_class = SeriesEditView
    delete_view_class = SeriesDeleteView

    def get_queryset(self, request):
        return own_series(request.user, EventSeries.objects.all())


def generate_view(request, series_id):
    """GET: the dates and what will happen to each; POST: make the missing ones."""
    series = get_object_or_404(EventSeries, pk=series_id)
    if not series_is_theirs(request.user, series) or not may_generate(request.user, series):
        raise PermissionDenied
    edit_url = reverse("wagtailsnippets_events_eventseries:edit", args=[series.pk])
    if request.method == "POST":
        try:
            result = generate_occurrences(series, user=request.user)
        except SeriesProblem as problem:
            messages.error(request, problem.message)
        else:
            if result.created:
                state = _("gepubliceerd") if result.published else _("als concept")
                made = ngettext(
                    "%(count)d datum aangemaakt (%(state)s).",
                    "%(count)d data aangemaakt (%(state)s).",
                    len(result.created),
                ) % {"count": len(result.created), "state": state}
                if result.existing:
                    made += " " + ngettext(
                        "%(count)d datum bestond al.",
                        "%(count)d data bestonden al.",
                        result.existing,
                    ) % {"count": result.existing}
                messages.success(request, made)
            else:
                messages.info(request, _("Alle data bestaan al. Er is niets aangemaakt."))
        return redirect("events_series:generate", series_id=series.pk)
    model = model_event_for(series)
    return render(
        request,
        "events/admin/series_generate.html",
        {
            "page_title": _("Data aanmaken"),
            "page_subtitle": series.title,
            "header_icon": "date",
            "series": series,
            "model_event": model,
            "planned": plan(series),
            "edit_url": edit_url,
        },
    )
