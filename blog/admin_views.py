"""The editors' screen of one interview's approval step: every interviewee's answer, an
approval given by telephone or in person recorded by hand, and publishing without approval.

Reached from the panel on the interview's edit page. Only the editors of the step (its groups)
and superusers see it; publishing without approval also needs the right to publish the page.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from wagtail.models import TaskState

from .approval import OverrideForm, Refused, can_follow, publish_without_approval, record_answer
from .models import IntervieweeApproval


class ConfirmForm(forms.Form):
    approval = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("Hoe is het akkoord gegeven?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Bijvoorbeeld: telefonisch op 3 december, met Anouk."),
        error_messages={"required": gettext_lazy("Schrijf op hoe het akkoord is gegeven.")},
    )


@require_http_methods(["GET", "POST"])
def interview_approvals(request, task_state_id):
    task_state = get_object_or_404(
        TaskState.objects.select_related("revision", "workflow_state", "task"), pk=task_state_id
    )
    if not can_follow(request.user, task_state):
        raise PermissionDenied
    page = task_state.workflow_state.content_object.specific
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    in_progress = task_state.status == TaskState.STATUS_IN_PROGRESS
    may_publish = page.permissions_for_user(request.user).can_publish()
    confirm_forms = {}
    override_form = OverrideForm(prefix="override")

    if request.method == "POST":
        if not in_progress:
            messages.error(request, _("Deze stap is al afgerond; er is niets meer vast te leggen."))
            return redirect(request.path)
        if "override" in request.POST and may_publish:
            override_form = OverrideForm(request.POST, prefix="override")
            if override_form.is_valid():
                publish_without_approval(
                    task_state, request.user, override_form.cleaned_data["comment"]
                )
                messages.success(
                    request, _("'%(title)s' is verder gegaan zonder akkoord.") % {"title": page}
                )
                return redirect(edit_url)
        elif "confirm" in request.POST:
            form = ConfirmForm(request.POST, prefix=f"confirm-{request.POST.get('confirm')}")
            if form.is_valid():
                approval = task_state.interviewee_approvals.filter(
                    pk=form.cleaned_data["approval"]
                ).first()
                if approval is None:
                    raise PermissionDenied
                try:
                    record_answer(
                        approval.pk,
                        approved=True,
                        note=form.cleaned_data["note"],
                        user=request.user,
                    )
                except Refused:
                    messages.error(request, _("Deze geïnterviewde heeft al geantwoord."))
                else:
                    messages.success(
                        request,
                        _("Het akkoord van %(name)s is vastgelegd.") % {"name": approval.name},
                    )
                return redirect(request.path)
            confirm_forms[request.POST.get("confirm")] = form
        else:
            raise PermissionDenied

    approvals = list(task_state.interviewee_approvals.select_related("confirmed_by"))
    rows = []
    for approval in approvals:
        form = None
        if in_progress and approval.status == IntervieweeApproval.Status.PENDING:
            key = str(approval.pk)
            form = confirm_forms.get(key) or ConfirmForm(
                prefix=f"confirm-{key}", initial={"approval": approval.pk}
            )
        rows.append((approval, form))
    return render(
        request,
        "blog/admin/interview_approvals.html",
        {
            "page_title": _("Akkoord van de geïnterviewden"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "user",
            "page": page,
            "task_state": task_state,
            "approvals": approvals,
            "rows": rows,
            "in_progress": in_progress,
            "override_form": override_form if in_progress and may_publish else None,
            "edit_url": edit_url,
        },
    )
