"""The member's side of reporting a question ("Meld deze vraag"): a form of its own, so it
works without JavaScript; the moderators find the report under Vragen → Gemeld."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comments.visibility import can_read_page

from .models import QuestionPage
from .moderation import MAX_REPORT_LENGTH, report_question
from .rules import QuestionRefused


class QuestionReportForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Wat is er mis met deze vraag?"),
        help_text=gettext_lazy(
            "Alleen de redactie leest dit. Wie de vraag stelde, ziet niet dat jij haar meldde."
        ),
        max_length=MAX_REPORT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": gettext_lazy("Schrijf kort wat er mis is met deze vraag."),
            "max_length": gettext_lazy("Houd het kort: hoogstens %(limit_value)d tekens."),
        },
    )


@login_required
def report(request, page_id):
    """GET: the form; POST: store the report and go back to the question."""
    page = get_object_or_404(QuestionPage.objects.live(), pk=page_id)
    if not can_read_page(request.user, page):
        raise Http404
    page_url = page.get_url(request) or "/"
    form = QuestionReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_question(page, request.user, form.cleaned_data["reason"])
        except QuestionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Bedankt voor je melding. De redactie bekijkt de vraag."))
            return HttpResponseRedirect(page_url)
    return render(
        request,
        "questions/report_form.html",
        {"question": page, "page_url": page_url, "form": form},
    )
