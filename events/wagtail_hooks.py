"""Admin wiring for organisers: the registrations screens and their buttons on event pages."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import admin_views, series_admin
from .models import EventIndexPage, EventPage, EventSeries
from .permissions import EventScope, OrganiserAwarePagePolicy, without_others_events
from .series_admin import EventSeriesViewSet, SeriesPermissionPolicy

# Before anything asks the registry for the page policy (Wagtail insists on it).
register_permission_policy(Page, OrganiserAwarePagePolicy(), exact_class=True)


@hooks.register("register_admin_urls")
def register_registration_urls():
    urls = [
        path("", admin_views.events_overview, name="overview"),
        path("<int:page_id>/", admin_views.registrations_index, name="registrations"),
        path("<int:page_id>/csv/", admin_views.registrations_csv, name="registrations_csv"),
        path("<int:page_id>/xlsx/", admin_views.registrations_xlsx, name="registrations_xlsx"),
        path("<int:page_id>/toevoegen/", admin_views.registration_add, name="registration_add"),
        path(
            "<int:page_id>/<int:registration_id>/afmelden/",
            admin_views.registration_cancel,
            name="registration_cancel",
        ),
    ]
    return [path("aanmeldingen/", include((urls, "events_admin"), namespace="events_admin"))]


class RegistrationsMenuItem(MenuItem):
    """Shown to everyone who may edit at least one event page."""

    def is_shown(self, request):
        return PagePermissionPolicy().user_has_permission(request.user, "change") and (
            EventPage.objects.exists()
        )


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return RegistrationsMenuItem(
        _("Aanmeldingen"),
        reverse("events_admin:overview"),
        name="event-registrations",
        icon_name="group",
        order=220,
    )


class RegistrationsButton(PageMenuItem):
    label = _("Aanmeldingen")
    icon_name = "group"

    @property
    def url(self):
        return reverse("events_admin:registrations", args=[self.page.pk])

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()


def _is_event(page):
    return page.specific_class is EventPage


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page, user, next_url=None):
    if _is_event(page):
        yield RegistrationsButton(page=page, priority=5)


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name, next_url=None):
    if _is_event(page):
        yield RegistrationsButton(page=page, priority=12)


@hooks.register("construct_explorer_page_queryset")
def hide_other_organisers_events(parent_page, pages, request):
    """An organiser sees under the agenda only the events of their networks and organisation."""
    if parent_page.specific_class is not EventIndexPage:
        return pages
    if EventScope.of(request.user).has_full_rights_over(parent_page):
        return pages
    return without_others_events(request.user, pages)


# --- Series: the snippet and its "Data aanmaken" screen (events.series_admin) -----------------

register_permission_policy(EventSeries, SeriesPermissionPolicy(EventSeries))
register_snippet(EventSeriesViewSet)


@hooks.register("register_admin_urls")
def register_series_urls():
    urls = [path("<int:series_id>/data/", series_admin.generate_view, name="generate")]
    return [path("reeksen/", include((urls, "events_series"), namespace="events_series"))]
