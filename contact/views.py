"""The member's side: write a message from a profile, block a member, the settings page, and
the report and block links from the e-mail (which work without logging in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from members.models import MemberBlock, NotificationPreferences, User
from members.notifications import set_notification
from vakgenoten import limits

from . import actions, rules
from .forms import MessageForm, MessageSettingsForm, ReportForm
from .models import MemberMessage
from .tokens import BLOCK_SALT, REPORT_SALT, read_token


def reachable_member(request, pk):
    """The member behind a profile the viewer may see; 404 otherwise."""
    return get_object_or_404(User.objects.visible_to(request.user), pk=pk)


@never_cache
@login_required
def compose(request, pk):
    recipient = reachable_member(request, pk)
    context = {"recipient": recipient}
    try:
        rules.check_can_send(request.user, recipient)
    except rules.MessageRefused as refusal:
        context.update(refusal=refusal, typed=request.POST.get("body", "").strip())
        return render(request, "contact/compose.html", context)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if limits.allow(request, rules.RATE_LIMIT, key=f"member:{request.user.pk}"):
            message = actions.send_message(request.user, recipient, form.cleaned_data["body"])
            return redirect("contact:sent", pk=recipient.pk, message_pk=message.pk)
        form.add_error(
            None,
            _(
                "Je hebt de laatste tijd al veel berichten gestuurd. Probeer het over "
                "%(window)s opnieuw; je tekst staat nog in het formulier."
            )
            % {"window": limits.window_text(rules.RATE_LIMIT)},
        )
    context["form"] = form
    return render(request, "contact/compose.html", context)


@never_cache
@login_required
def sent(request, pk, message_pk):
    """What became of the sender's message: sent, or waiting for a moderator. Never more
    about the recipient than the profile shows."""
    message = get_object_or_404(
        MemberMessage.objects.select_related("recipient"),
        pk=message_pk,
        recipient_id=pk,
        sender=request.user,
    )
    return render(
        request, "contact/sent.html", {"message": message, "recipient": message.recipient}
    )


@never_cache
@login_required
def block_member(request, pk):
    member = reachable_member(request, pk)
    if member.pk == request.user.pk:
        messages.info(request, _("Je kunt jezelf niet blokkeren."))
        return redirect(member.get_absolute_url())
    if request.method == "POST":
        actions.block(request.user, member)
        messages.success(
            request,
            _("Je hebt %(name)s geblokkeerd. Dit lid kan je geen berichten meer sturen.")
            % {"name": member.get_full_name()},
        )
        return redirect(member.get_absolute_url())
    return render(request, "contact/block_confirm.html", {"member": member, "action": "profile"})


@never_cache
@login_required
def message_settings(request):
    """ "Berichten van leden": the switch, and the members one blocked."""
    preferences = NotificationPreferences.for_user(request.user)
    if request.method == "POST":
        form = MessageSettingsForm(request.POST)
        if form.is_valid():
            set_notification(request.user, "member_messages", form.cleaned_data["member_messages"])
            messages.success(request, _("Je keuze voor berichten van leden is opgeslagen."))
            return redirect("contact:settings")
    else:
        form = MessageSettingsForm(initial={"member_messages": preferences.member_messages})
    blocks = MemberBlock.objects.filter(blocker=request.user).select_related("blocked")
    return render(request, "contact/settings.html", {"form": form, "blocks": blocks})


@never_cache
@login_required
@require_POST
def unblock_member(request, pk):
    block = MemberBlock.objects.filter(blocker=request.user, blocked_id=pk).select_related(
        "blocked"
    )
    block = block.first()
    if block is not None:
        actions.unblock(request.user, pk)
        messages.success(
            request,
            _("%(name)s is niet meer geblokkeerd.") % {"name": block.blocked.get_full_name()},
        )
    return redirect("contact:settings")


def message_from_token(token, salt):
    """The message a signed link names, or None (forged, cut short, or gone)."""
    try:
        message_id, recipient_id = read_token(token, salt)
    except signing.BadSignature:
        return None
    return (
        MemberMessage.objects.select_related("sender", "recipient")
        .filter(pk=message_id, recipient_id=recipient_id, status=MemberMessage.Status.SENT)
        .first()
    )


def invalid_link(request):
    return render(request, "contact/link_invalid.html", status=400)


@never_cache
def report_message(request, token):
    message = message_from_token(token, REPORT_SALT)
    if message is None:
        return invalid_link(request)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.report(message, form.cleaned_data["reason"])
        return render(request, "contact/report_done.html", {"message": message})
    return render(request, "contact/report.html", {"message": message, "form": form})


@never_cache
def block_sender(request, token):
    message = message_from_token(token, BLOCK_SALT)
    if message is None:
        return invalid_link(request)
    context = {"member": message.sender, "action": "link", "token": token}
    if request.method == "POST":
        actions.block(message.recipient, message.sender)
        return render(request, "contact/block_done.html", context)
    return render(request, "contact/block_confirm.html", context)
