"""Admin screens for the organisations and networks members belong to, and who manages them."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Network, NetworkMembership, Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "home"
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


class NetworkViewSet(SnippetViewSet):
    model = Network
    icon = "group"
    list_display = ["name", "requires_approval"]
    search_fields = ["name"]


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
