"""Requests for missing organisations in the Wagtail admin: the queue, approve and reject.

Editors who may add organisations to the register (``members.add_organisation``) handle them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import ApproveOrganisationRequestForm, RejectOrganisationRequestForm
from .models import Organisation, OrganisationRequest
from .organisations import AlreadyHandled, approve_request, reject_request

LIST_SIZE = 100
HANDLED = "afgehandeld"
TABS = (("", gettext_lazy("Wachten op de redactie")), (HANDLED, gettext_lazy("Afgehandeld")))


def can_handle_requests(user):
    return user.is_active and user.has_perm("members.add_organisation")


class EditorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_handle_requests(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


QUEUE_CRUMB = {
    "url": reverse_lazy("organisation_requests:queue"),
    "label": gettext_lazy("Organisatie-aanvragen"),
}


class RequestQueueView(EditorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Waiting requests, oldest first (default), or the handled ones (``?toon=afgehandeld``)."""

    template_name = "members/admin/request_queue.html"
    page_title = gettext_lazy("Aanvragen voor organisaties")
    header_icon = "home"
    breadcrumbs_items = WagtailAdminTemplateMixin.breadcrumbs_items + [QUEUE_CRUMB]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        handled = self.request.GET.get("toon") == HANDLED
        items = OrganisationRequest.objects.select_related(
            "requested_by__profile__organisation", "handled_by", "organisation"
        )
        if handled:
            items = items.exclude(status=OrganisationRequest.Status.WAITING).order_by(
                "-handled_at", "-pk"
            )
        else:
            items = items.waiting().order_by("created", "pk")
        context.update(
            {
                "handled": handled,
                "items": list(items[:LIST_SIZE]),
                "tabs": TABS,
                "tab": HANDLED if handled else "",
            }
        )
        return context


class DecideRequestView(EditorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """One request: approve it (new or existing organisation) or reject it with a reason."""

    template_name = "members/admin/request_decide.html"
    page_title = gettext_lazy("Aanvraag afhandelen")
    header_icon = "home"
    breadcrumbs_items = WagtailAdminTemplateMixin.breadcrumbs_items + [QUEUE_CRUMB]

    def get_request(self):
        return get_object_or_404(
            OrganisationRequest.objects.select_related("requested_by", "organisation"),
            pk=self.kwargs["pk"],
        )

    def initial_approval(self, organisation_request):
        return {
            "existing": Organisation.objects.filter(name__iexact=organisation_request.name).first(),
            "name": organisation_request.name,
            "website": organisation_request.website,
            "kind": Organisation.Kind.MUNICIPALITY,
        }

    def get(self, request, pk):
        organisation_request = self.get_request()
        return self.render_to_response(
            self.get_context_data(
                item=organisation_request,
                approve_form=ApproveOrganisationRequestForm(
                    initial=self.initial_approval(organisation_request), prefix="toevoegen"
                ),
                reject_form=RejectOrganisationRequestForm(prefix="afwijzen"),
            )
        )

    def post(self, request, pk):
        organisation_request = self.get_request()
        approve_form = ApproveOrganisationRequestForm(
            initial=self.initial_approval(organisation_request), prefix="toevoegen"
        )
        reject_form = RejectOrganisationRequestForm(prefix="afwijzen")
        decision = request.POST.get("besluit")
        try:
            if decision == "toevoegen":
                approve_form = ApproveOrganisationRequestForm(request.POST, prefix="toevoegen")
                if approve_form.is_valid():
                    organisation = self.approve(organisation_request, approve_form)
                    if organisation is not None:
                        messages.success(
                            request,
                            _("%(name)s staat in het register; het lid krijgt een e-mail.")
                            % {"name": organisation.name},
                        )
                        return HttpResponseRedirect(reverse("organisation_requests:queue"))
            elif decision == "afwijzen":
                reject_form = RejectOrganisationRequestForm(request.POST, prefix="afwijzen")
                if reject_form.is_valid():
                    reject_request(
                        organisation_request, request.user, reject_form.cleaned_data["reason"]
                    )
                    messages.success(
                        request, _("De aanvraag is afgewezen; het lid krijgt een e-mail.")
                    )
                    return HttpResponseRedirect(reverse("organisation_requests:queue"))
            else:
                messages.error(request, _("Kies toevoegen of afwijzen."))
        except AlreadyHandled:
            messages.info(request, _("Over deze aanvraag was al besloten."))
            return HttpResponseRedirect(reverse("organisation_requests:queue"))
        return self.render_to_response(
            self.get_context_data(
                item=organisation_request, approve_form=approve_form, reject_form=reject_form
            )
        )

    def approve(self, organisation_request, form):
        """The organisation, or None when the new one is refused (errors go to the form)."""
        existing = form.cleaned_data.get("existing")
        if existing is not None:
            return approve_request(organisation_request, self.request.user, organisation=existing)
        try:
            return approve_request(
                organisation_request, self.request.user, **form.organisation_fields()
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                target = field if field in form.fields else None
                for problem in problems:
                    form.add_error(target, problem)
            return None
