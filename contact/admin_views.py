"""The moderators' view of messages between members, in the Wagtail admin: held messages to
release or reject, and reported ones, with a way to suspend the sender (the comments' bans:
a suspended member can neither comment nor send messages)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from comments.actions import ban_member
from comments.admin_views import can_moderate
from comments.forms import BanForm
from comments.rules import CommentRefused

from . import actions
from .models import MemberMessage, MessageReport


def waiting_count():
    """Held messages plus messages with an open report (the menu item's number)."""
    held = MemberMessage.objects.filter(status=MemberMessage.Status.HELD).count()
    return (
        held
        + MemberMessage.objects.filter(
            report__isnull=False, report__handled_at__isnull=True
        ).count()
    )


LIST_SIZE = 100
REPORTED = "gemeld"
TABS = (("", gettext_lazy("Wachten op moderatie")), (REPORTED, gettext_lazy("Gemeld")))


class ModeratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QueueView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Held messages (default) or reported ones (``?toon=gemeld``), oldest held first."""

    template_name = "contact/admin/queue.html"
    page_title = gettext_lazy("Berichten tussen leden")
    header_icon = "mail"
    breadcrumbs_items = WagtailAdminTemplateMixin.breadcrumbs_items + [
        {"url": reverse_lazy("contact_admin:queue"), "label": gettext_lazy("Berichten")}
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reported = self.request.GET.get("toon") == REPORTED
        base = MemberMessage.objects.select_related("sender", "recipient", "report")
        if reported:
            items = base.filter(report__isnull=False, report__handled_at__isnull=True).order_by(
                "report__created_at", "pk"
            )
        else:
            items = base.filter(status=MemberMessage.Status.HELD).order_by("created_at", "pk")
        context.update(
            {
                "reported": reported,
                "tabs": TABS,
                "tab": REPORTED if reported else "",
                "items": list(items[:LIST_SIZE]),
                "ban_form": BanForm(),
            }
        )
        return context


class DecideView(ModeratorRequiredMixin, TemplateView):
    """POST: release or reject a held message, or close a report."""

    http_method_names = ["post"]

    def post(self, request, pk):
        message = get_object_or_404(MemberMessage, pk=pk)
        decision = request.POST.get("besluit")
        if decision == "vrijgeven":
            status = actions.release(message, request.user)
            if status == MemberMessage.Status.SENT:
                messages.success(request, _("Het bericht is vrijgegeven en verstuurd."))
            elif status == MemberMessage.Status.REJECTED:
                messages.warning(
                    request,
                    _(
                        "De ontvanger neemt geen berichten meer aan van dit lid; het bericht "
                        "is niet verstuurd."
                    ),
                )
            else:
                messages.info(request, _("Over dit bericht was al besloten."))
        elif decision == "afwijzen":
            if actions.reject(message, request.user):
                messages.success(request, _("Het bericht is afgewezen en niet verstuurd."))
            else:
                messages.info(request, _("Over dit bericht was al besloten."))
        elif decision == "afgehandeld":
            report = MessageReport.objects.filter(message=message).first()
            if report is not None and actions.handle_report(report, request.user):
                messages.success(request, _("De melding is afgehandeld."))
            return HttpResponseRedirect(reverse("contact_admin:queue") + "?toon=gemeld")
        else:
            messages.error(request, _("Kies vrijgeven of afwijzen."))
        return HttpResponseRedirect(reverse("contact_admin:queue"))


class BanSenderView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Suspend the sender of a reported message (the comments' ban), and close the report."""

    template_name = "contact/admin/ban.html"
    page_title = gettext_lazy("Afzender schorsen")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("comments.add_commentban"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def message(self):
        return get_object_or_404(
            MemberMessage.objects.select_related("sender", "recipient"), pk=self.kwargs["pk"]
        )

    def get(self, request, pk):
        message = self.message()
        form = BanForm(initial={"email": message.sender.email}, moderator=request.user)
        return self.render_to_response(self.get_context_data(form=form, message=message))

    def post(self, request, pk):
        message = self.message()
        data = request.POST.copy()
        data["email"] = message.sender.email  # always the sender, whatever was posted
        form = BanForm(data, moderator=request.user)
        if form.is_valid():
            try:
                ban_member(message.sender, request.user, form.ends_at, form.cleaned_data["reason"])
            except CommentRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                report = MessageReport.objects.filter(message=message).first()
                if report is not None:
                    actions.handle_report(report, request.user)
                messages.success(
                    request,
                    _("%(name)s is geschorst: geen reacties en geen berichten tot het einde.")
                    % {"name": message.sender.get_full_name()},
                )
                return HttpResponseRedirect(reverse("contact_admin:queue") + "?toon=gemeld")
        return self.render_to_response(self.get_context_data(form=form, message=message))
