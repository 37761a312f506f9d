"""Networks: professional associations and communities that members join and leave."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import networks as network_actions
from ..decorators import participation_required
from ..models import Network, NetworkMembership
from ..sections import NETWORK, render_sections
from ..visibility import sees_inside
from .common import (
    GROUPS_PER_PAGE,
    MEMBERS_PER_PAGE,
    home_crumb,
    member_cards,
    paginate,
    visible_members,
)


def network_list(request):
    networks = Network.objects.select_related("logo").prefetch_related("logo__renditions")
    networks = networks.annotate(
        member_count=Count(
            "memberships", filter=Q(memberships__status=NetworkMembership.Status.APPROVED)
        )
    ).order_by("name")
    return render(
        request,
        "members/network_list.html",
        {
            "page_obj": paginate(request, networks, GROUPS_PER_PAGE),
            "crumbs": [home_crumb(), (_("Netwerken"), reverse("members:networks"))],
        },
    )


def network_detail(request, slug):
    """A network's home: what it is, its managers and members, how to join, and what belongs
    to it (articles, events, questions, collaborations: sections from their own apps, each
    showing only what the viewer may see). Managers see pending requests.

    For a closed network the content is for its approved members: anyone else sees what the
    network is, who manages it, that its content is for members only and how to ask to join.
    """
    network = get_object_or_404(
        Network.objects.select_related("logo").prefetch_related("logo__renditions"), slug=slug
    )
    member_ids = NetworkMembership.objects.approved().filter(network=network).values("user_id")
    members = member_cards(visible_members(request.user).filter(pk__in=member_ids))
    membership = network_actions.membership_of(request.user, network)
    managers = list(
        NetworkMembership.objects.managers()
        .filter(network=network)
        .select_related("user__profile")
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    manager_ids = {manager.user_id for manager in managers}
    is_manager = request.user.is_authenticated and (
        request.user.is_superuser or request.user.pk in manager_ids
    )
    pending = []
    if is_manager:
        pending = list(
            NetworkMembership.objects.pending()
            .filter(network=network)
            .select_related("user__profile__organisation")
            .order_by("created_at")
        )
    return render(
        request,
        "members/network_detail.html",
        {
            "network": network,
            "membership": membership,
            "is_manager": is_manager,
            "pending": pending,
            "manager_ids": manager_ids,
            "managers": [manager.user for manager in managers],
            "sees_inside": sees_inside(request.user, network, membership),
            "page_obj": paginate(request, members, MEMBERS_PER_PAGE),
            "sections": render_sections(NETWORK, request, network),
            "crumbs": [
                home_crumb(),
                (_("Netwerken"), reverse("members:networks")),
                (network.name, network.get_absolute_url()),
            ],
        },
    )


@require_POST
@participation_required
def network_join(request, slug):
    network = get_object_or_404(Network, slug=slug)
    membership = network_actions.join(request, network)
    if membership.is_approved:
        messages.success(request, _("Je bent lid van %(network)s.") % {"network": network.name})
    else:
        messages.success(
            request,
            _(
                "Je aanvraag is verstuurd. De beheerders van %(network)s keuren nieuwe leden "
                "goed; je krijgt een e-mail zodra ze dat gedaan hebben."
            )
            % {"network": network.name},
        )
    return redirect(network)


@require_POST
@login_required
def network_leave(request, slug):
    network = get_object_or_404(Network, slug=slug)
    membership = network_actions.membership_of(request.user, network)
    was_pending = membership is not None and not membership.is_approved
    try:
        left = network_actions.leave(request.user, network)
    except network_actions.LastManagerError:
        messages.error(
            request,
            _(
                "Je bent de enige beheerder van dit netwerk. Vraag de redactie eerst een andere "
                "beheerder aan te wijzen; daarna kun je het netwerk verlaten."
            ),
        )
        return redirect(network)
    if left:
        messages.success(
            request,
            _("Je aanvraag is ingetrokken.")
            if was_pending
            else _("Je bent geen lid meer van %(network)s.") % {"network": network.name},
        )
    return redirect(network)


@require_POST
@login_required
def membership_decide(request, slug, pk):
    """A manager approves or declines a pending request (POST ``decision`` = approve/decline)."""
    network = get_object_or_404(Network, slug=slug)
    if not network_actions.can_manage(request.user, network):
        messages.error(request, _("Alleen beheerders van dit netwerk kunnen aanvragen behandelen."))
        return redirect(network)
    membership = get_object_or_404(
        NetworkMembership.objects.pending().select_related("user"), pk=pk, network=network
    )
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline"):
        messages.error(request, _("Kies of je de aanvraag goedkeurt of afwijst."))
        return redirect(network)
    approve = decision == "approve"
    network_actions.decide(request, membership, approve=approve)
    name = membership.user.get_full_name()
    if approve:
        messages.success(request, _("%(name)s is nu lid van het netwerk.") % {"name": name})
    else:
        messages.success(request, _("De aanvraag van %(name)s is afgewezen.") % {"name": name})
    return redirect(f"{network.get_absolute_url()}#aanvragen")
