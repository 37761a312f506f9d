"""The interviewee's side: a private link to a read-only preview of the submitted version of
their interview, with "akkoord" or "wijzigingen vragen" below it. No account needed.

Every answer is private and personal: never cached anywhere (``private, no-store``, and the
view is outside Wagtail's page serving, so the page cache never stores it), never indexed,
and no address with the token leaves the page as a referrer (``strict-origin``: the site's
origin at most, never the path). Counted per visitor in the shared
security store (``SITE_RATE_LIMITS["interview_approval"]``). A link that is unknown, expired or
for an older version gets a Dutch page that says so, never an error.
"""

import contextlib
from collections import defaultdict

from django import forms
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations

from vakgenoten import limits

from .approval import Refused, find_by_token, link_status, record_answer

APPROVE = "akkoord"
CHANGES = "wijzigingen"


class ApprovalForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Je antwoord"),
        choices=[
            (APPROVE, _("Akkoord: de tekst mag zo gepubliceerd worden")),
            (CHANGES, _("Ik wil wijzigingen")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies akkoord of wijzigingen.")},
    )
    note = forms.CharField(
        label=_("Toelichting voor de redactie"),
        help_text=_("Nodig bij wijzigingen: wat moet er anders, en waar in de tekst?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == CHANGES and not cleaned.get("note", "").strip():
            self.add_error("note", _("Schrijf op wat er anders moet."))
        return cleaned


# Referrer-Policy: the address holds the token, so no request from this page may carry it.
# "strict-origin" sends only the site's origin, never the path; "no-referrer" would be as
# private but makes browsers send "Origin: null" with the form, which the CSRF check refuses.
def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "strict-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _link_page(request, reason, status, approval=None):
    return TemplateResponse(
        request,
        "blog/approval/link_status.html",
        {"reason": reason, "approval": approval, "wait": limits.window_text("interview_approval")},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def interview_approval(request, token):
    return _private(_interview_approval(request, token))


def _interview_approval(request, token):
    if not limits.allow(request, "interview_approval"):
        return _link_page(request, "limited", 429)
    approval = find_by_token(token)
    if approval is None:
        return _link_page(request, "invalid", 404)
    status = link_status(approval)
    if status == "answered":
        return _link_page(request, "answered", 200, approval)
    if status in ("expired", "outdated"):
        return _link_page(request, status, 410, approval)

    form = ApprovalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Answered or ended meanwhile (Refused): the page after the redirect says which.
        with contextlib.suppress(Refused):
            record_answer(
                approval.pk,
                approved=form.cleaned_data["decision"] == APPROVE,
                note=form.cleaned_data["note"],
            )
        return redirect(request.path)
    return _preview(request, approval, form)


def revision_page(revision):
    """The page as stored in ``revision``, like ``revision.as_object()`` in a fixed number of
    queries.

    Wagtail checks every foreign key of every child object (each interviewee's parent, photo,
    each author) with a query of its own; here they are checked per model in one query each,
    with the same outcome: a missing object is dropped (``SET_NULL``) or takes its child
    object with it (``CASCADE``).
    """
    current = revision.content_object
    page = current.specific_class.from_serializable_data(revision.content, check_fks=False)
    page.pk = current.pk
    page.latest_revision = current.latest_revision
    page.translation_key = current.translation_key
    page.locale = current.locale

    wanted = defaultdict(set)  # model -> ids the revision refers to
    children = []
    for relation in get_all_child_relations(page):
        objects = list(getattr(page, relation.get_accessor_name()).all())
        children.append((relation, objects))
        for child in objects:
            for field, value in _foreign_keys(child):
                wanted[field.related_model].add(value)
    existing = {
        model: set(model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
        for model, ids in wanted.items()
    }
    for relation, objects in children:
        kept = []
        for child in objects:
            for field, value in _foreign_keys(child):
                if value not in existing[field.related_model]:
                    if field.remote_field.on_delete is models.CASCADE:
                        break
                    setattr(child, field.attname, None)
            else:
                kept.append(child)
        if len(kept) != len(objects):
            setattr(page, relation.get_accessor_name(), kept)
    return page


def _foreign_keys(child):
    """(field, id) of each foreign key a child object holds, except the one to its page."""
    for field in child._meta.concrete_fields:
        if field.many_to_one and not isinstance(field, ParentalKey):
            value = getattr(child, field.attname)
            if value is not None:
                yield field, value


def _preview(request, approval, form):
    """The article as it will appear, rendered from the submitted revision, with the form."""
    page = revision_page(approval.task_state.revision)
    request.is_preview = True
    request.preview_mode = page.default_preview_mode
    context = page.get_context(request)
    context.update(
        {
            "approval": approval,
            "form": form,
            "page_template": page.get_template(request),
        }
    )
    return TemplateResponse(request, "blog/approval/preview.html", context)
