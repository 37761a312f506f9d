"""Join requests in the Wagtail admin: a queue for network managers, with approve and decline.

Managers see the pending requests of the networks they manage (``managed_network_ids``);
superusers and editors who keep the network memberships see every network's. Deciding goes
through ``members.networks.decide``, as on the network page, so the member hears the same.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import NetworkMembership
from .networks import decide, managed_network_ids

LIST_SIZE = 100
DECIDED = "goedgekeurd"
TABS = (("", gettext_lazy("Wachten op een besluit")), (DECIDED, gettext_lazy("Goedgekeurd")))


def sees_every_network(user):
    return user.is_active and (
        user.is_superuser or user.has_perm("members.change_networkmembership")
    )


def can_handle_join_requests(user):
    """Managers of at least one network, and editors of the memberships."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return sees_every_network(user) or bool(managed_network_ids(user))


def handled_memberships(user):
    """The memberships whose requests ``user`` decides on (no query for an editor)."""
    memberships = NetworkMembership.objects.all()
    if sees_every_network(user):
        return memberships
    return memberships.filter(network_id__in=managed_network_ids(user))


def waiting_count(user):
    return handled_memberships(user).pending().count()


QUEUE_CRUMB = {
    "url": reverse_lazy("network_requests:queue"),
    "label": gettext_lazy("Netwerkaanvragen"),
}


class ManagerRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_handle_join_requests(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class JoinRequestQueueView(ManagerRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Pending requests, oldest first (default), or the latest approved (``?toon=goedgekeurd``).

    A declined request is deleted (``members.networks.decide``), so only approvals stay."""

    template_name = "members/admin/join_request_queue.html"
    page_title = gettext_lazy("Aanvragen voor netwerken")
    header_icon = "group"
    breadcrumbs_items = WagtailAdminTemplateMixin.breadcrumbs_items + [QUEUE_CRUMB]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decided = self.request.GET.get("toon") == DECIDED
        items = handled_memberships(self.request.user).select_related(
            "user__profile__organisation", "network", "decided_by"
        )
        if decided:
            items = items.approved().exclude(decided_at=None).order_by("-decided_at", "-pk")
        else:
            items = items.pending().order_by("created_at", "pk")
        context.update(
            {
                "decided": decided,
                "items": list(items[:LIST_SIZE]),
                "tabs": TABS,
                "tab": DECIDED if decided else "",
            }
        )
        return context


class DecideJoinRequestView(ManagerRequiredMixin, TemplateView):
    """POST ``decision`` = approve or decline; back to the queue with a message."""

    http_method_names = ["post"]

    def post(self, request, pk):
        queue = reverse("network_requests:queue")
        membership = get_object_or_404(
            handled_memberships(request.user).select_related("user", "network"), pk=pk
        )
        if membership.status != NetworkMembership.Status.PENDING:
            messages.info(request, _("Over deze aanvraag was al besloten."))
            return HttpResponseRedirect(queue)
        decision = request.POST.get("decision")
        if decision not in ("approve", "decline"):
            messages.error(request, _("Kies of je de aanvraag goedkeurt of afwijst."))
            return HttpResponseRedirect(queue)
        approve = decision == "approve"
        decide(request, membership, approve=approve)
        names = {"name": membership.user.get_full_name(), "network": membership.network.name}
        if approve:
            messages.success(request, _("%(name)s is nu lid van %(network)s.") % names)
        else:
            messages.success(
                request, _("De aanvraag van %(name)s voor %(network)s is afgewezen.") % names
            )
        return HttpResponseRedirect(queue)
