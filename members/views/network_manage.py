"""What a network's managers do on the site: invite people by e-mail and write to the members;
and what an invitee does with the link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from vakgenoten import limits

from .. import network_invites, network_messages
from .. import networks as network_actions
from ..decorators import participation_required
from ..models import Network, NetworkMessage
from ..network_forms import NetworkInviteForm, NetworkMessageForm
from .common import home_crumb


def _managed(request, slug):
    """The network, when the signed-in member manages it; 403 otherwise."""
    network = get_object_or_404(Network, slug=slug)
    if not network_actions.can_manage(request.user, network):
        raise PermissionDenied(_("Alleen beheerders van dit netwerk kunnen dit doen."))
    return network


def _crumbs(network, title, url):
    return [
        home_crumb(),
        (_("Netwerken"), reverse("members:networks")),
        (network.name, network.get_absolute_url()),
        (title, url),
    ]


@never_cache
@login_required
def invite(request, slug):
    """Invite addresses (POST) and see, withdraw, the open invitations."""
    network = _managed(request, slug)
    form = NetworkInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not limits.allow(request, "network_invite", key=f"member-{request.user.pk}"):
            form.add_error(
                None,
                _(
                    "Je hebt net al veel uitnodigingen verstuurd. Probeer het over %(window)s "
                    "opnieuw; wat je typte staat er nog."
                )
                % {"window": limits.window_text("network_invite")},
            )
        else:
            invited, members = network_invites.invite(
                request, network, form.cleaned_data["addresses"], form.cleaned_data["note"]
            )
            if invited:
                messages.success(
                    request,
                    _("Uitnodiging verstuurd naar: %(addresses)s.")
                    % {"addresses": ", ".join(invited)},
                )
            if members:
                messages.info(
                    request,
                    _("Al lid van dit netwerk, dus niet uitgenodigd: %(addresses)s.")
                    % {"addresses": ", ".join(members)},
                )
            return redirect("members:network_invite_form", slug=network.slug)
    title = _("Uitnodigen")
    return render(
        request,
        "members/networks/invite.html",
        {
            "network": network,
            "form": form,
            "invites": network_invites.open_invites(network).select_related("invited_by"),
            "days": network_invites.settings.NETWORK_INVITE_DAYS,
            "crumbs": _crumbs(network, title, request.path),
        },
    )


@require_POST
@login_required
def invite_withdraw(request, slug, pk):
    network = _managed(request, slug)
    if network_invites.withdraw(network, pk):
        messages.success(request, _("De uitnodiging is ingetrokken; de link werkt niet meer."))
    return redirect("members:network_invite_form", slug=network.slug)


def _invalid(request, network, reason):
    return render(
        request,
        "members/networks/invite_invalid.html",
        {"network": network, "reason": reason},
        status=404 if reason == "unknown" else 410,
    )


@never_cache
def invite_open(request, slug, token):
    """The link in the e-mail: sign in or sign up first, then accept (POST)."""
    network = get_object_or_404(Network, slug=slug)
    invitation = network_invites.find(network, token)
    if invitation is None:
        return _invalid(request, network, "unknown")
    if invitation.accepted_at is not None:
        return _invalid(request, network, "used")
    if not invitation.is_open():
        return _invalid(request, network, "expired")
    if request.method == "POST":
        return _accept(request, network, invitation)
    membership = network_actions.membership_of(request.user, network)
    inviter = invitation.invited_by
    return render(
        request,
        "members/networks/invite_accept.html",
        {
            "network": network,
            "invitation": invitation,
            "inviter_name": inviter.get_full_name() if inviter else "",
            "already_member": membership is not None and membership.is_approved,
            "next": request.get_full_path(),
        },
    )


@participation_required
def _accept(request, network, invitation):
    if not network_invites.meant_for(request.user, invitation):
        messages.error(
            request,
            _(
                "Deze uitnodiging is voor een ander e-mailadres dan dat van je account. Log in "
                "met het account van het uitgenodigde adres, of voeg dat adres toe onder "
                "E-mailadressen en bevestig het; daarna kun je de uitnodiging aannemen."
            ),
        )
        return redirect(request.get_full_path())
    if not network_invites.accept(request.user, invitation):
        return _invalid(request, network, "used")
    messages.success(request, _("Welkom! Je bent lid van %(network)s.") % {"network": network.name})
    return redirect(network)


@never_cache
@login_required
def message(request, slug):
    """Write to the members: the form, a preview of the e-mail, then send."""
    network = _managed(request, slug)
    form = NetworkMessageForm(request.POST or None)
    preview = None
    action = request.POST.get("action")
    if request.method == "POST" and form.is_valid():
        if not network_messages.may_send(network):
            form.add_error(None, network_messages.limit_text())
        elif action == "send":
            sent = network_messages.write(
                request,
                network,
                form.cleaned_data["subject"],
                form.cleaned_data["body"],
                form.cleaned_data["delivery"],
            )
            if sent is None:
                form.add_error(None, network_messages.limit_text())
            else:
                if sent.delivery == NetworkMessage.Delivery.NOW:
                    text = _("Je bericht wordt nu naar de leden gestuurd.")
                else:
                    text = _("Je bericht staat in de volgende samenvatting van de leden.")
                messages.success(request, text)
                return redirect(network)
        else:
            draft = NetworkMessage(
                network=network,
                sender=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                delivery=form.cleaned_data["delivery"],
            )
            preview = {
                "message": draft,
                "subject": f"{network.name}: {draft.subject}",
                "text": network_messages.render_message(
                    draft, network, request.user.first_name, "…", "…"
                ),
                "recipients": network_messages.recipients(network).aggregate(n=Count("pk"))["n"],
                "delivery": draft.get_delivery_display(),
            }
    title = _("Bericht aan de leden")
    return render(
        request,
        "members/networks/message.html",
        {
            "network": network,
            "form": form,
            "preview": preview,
            "per_window": network_messages.settings.NETWORK_MESSAGES_PER_WINDOW,
            "window_days": network_messages.settings.NETWORK_MESSAGE_WINDOW_DAYS,
            "crumbs": _crumbs(network, title, request.path),
        },
    )
