"""Admin screens for the organisations and networks members belong to, who manages them, and
the members' requests for organisations that are missing from the register."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from vakgenoten.admin_menu import QueueMenuItem

from . import admin_views
from .models import Network, NetworkMembership, Organisation, OrganisationRequest
from .visibility import closed_network_refusal


class OrganisationViewSet(SnippetViewSet):
    """The register: imported with ``manage.py import_organisations`` and kept here."""

    model = Organisation
    icon = "home"
    list_display = ["name", "kind", "province", "identifier"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "identifier"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("identifier")],
            heading=_("Wie het is"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("province"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Waar het is"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("description")],
            heading=_("Meer over de organisatie"),
        ),
    ]


class NetworkViewSet(SnippetViewSet):
    model = Network
    icon = "group"
    list_display = ["name", "requires_approval", "is_closed"]
    search_fields = ["name"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("description"),
                FieldPanel("website"),
            ],
            heading=_("Wat het netwerk is"),
        ),
        MultiFieldPanel(
            [FieldPanel("requires_approval"), FieldPanel("is_closed")],
            heading=_("Wie er lid wordt en wat er besloten is"),
        ),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("accent_colour")],
            heading=_("Hoe het netwerk eruitziet"),
        ),
    ]


class NetworkMembershipViewSet(SnippetViewSet):
    """Editors appoint network managers here; managers approve requests on the network page."""

    model = NetworkMembership
    icon = "user"
    menu_label = _("Netwerkleden")
    list_display = ["user", "network", "status", "role", "created_at"]
    list_filter = ["network", "status", "role"]
    search_fields = ["user__first_name", "user__last_name"]
    panels = [
        FieldPanel("user"),
        FieldPanel("network"),
        FieldPanel("status"),
        FieldPanel("role"),
    ]


register_snippet(OrganisationViewSet)
register_snippet(NetworkViewSet)
register_snippet(NetworkMembershipViewSet)


@hooks.register("register_admin_urls")
def register_organisation_request_urls():
    urls = [
        path("", admin_views.RequestQueueView.as_view(), name="queue"),
        path("<int:pk>/", admin_views.DecideRequestView.as_view(), name="decide"),
    ]
    return [path("organisatie-aanvragen/", include((urls, "organisation_requests")))]


@hooks.register("register_admin_menu_item")
def register_organisation_requests_menu():
    return QueueMenuItem(
        _("Organisatie-aanvragen"),
        reverse("organisation_requests:queue"),
        shown_to=admin_views.can_handle_requests,
        waiting=lambda user: OrganisationRequest.objects.waiting().count(),
        name="organisatie-aanvragen",
        icon_name="home",
        order=270,
    )


@hooks.register("before_serve_page")
def refuse_closed_network_content(page, request, serve_args, serve_kwargs):
    """Content of a closed network is served to its approved members only
    (``members.visibility.closed_network_refusal``)."""
    return closed_network_refusal(request, page)


# Join requests of networks (members.network_admin): managers decide in the admin as well.
@hooks.register("register_admin_urls")
def register_join_request_urls():
    from . import network_admin

    urls = [
        path("", network_admin.JoinRequestQueueView.as_view(), name="queue"),
        path("<int:pk>/", network_admin.DecideJoinRequestView.as_view(), name="decide"),
    ]
    return [path("netwerk-aanvragen/", include((urls, "network_requests")))]


@hooks.register("register_admin_menu_item")
def register_join_requests_menu():
    from .network_admin import can_handle_join_requests, waiting_count

    return QueueMenuItem(
        _("Netwerkaanvragen"),
        reverse("network_requests:queue"),
        shown_to=can_handle_join_requests,
        waiting=waiting_count,
        name="netwerk-aanvragen",
        icon_name="group",
        order=271,
    )


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_for_network_managers(pages, request):
    """For whom has page rights through a group limited to their own content (network managers,
    organisers): choosing where a page goes (move, copy) offers their own pages and the parents
    they need; choosing a page to link to offers every page they may see, never the content of
    a closed network they are not in (``members.content_rights``, ``members.visibility``)."""
    from .content_rights import has_limited_rights, without_others_content
    from .visibility import visible

    user = request.user
    if user.is_superuser or not has_limited_rights(user):
        return pages
    if request.GET.get("user_perms"):
        return without_others_content(user, pages)
    return visible(pages, user)
