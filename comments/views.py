"""The member's side: write with a preview, reply, edit, delete, report, follow.

Every form works without JavaScript. Refusals (too long, closed, too fast) come back as a Dutch
message on the same form with the text still in it.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Page

from members.visibility import closed_network_refusal

from . import actions
from .forms import CommentForm, ReportForm
from .mentions import render_comment
from .models import Comment
from .rules import CommentRefused, DuplicateComment, check_can_comment, settings_for
from .threads import PAGE_PARAM, page_number_of
from .visibility import can_read_comment


def _commentable_page(page_id):
    page = get_object_or_404(Page.objects.live().public(), pk=page_id)
    return page.specific_deferred


def _page_url(page, request):
    return page.get_url(request) or "/"


def login_url_for(path):
    return f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: path})}"


def comment_location(comment, request):
    """The page address of a comment, on the right thread page, with its anchor."""
    url = _page_url(comment.page.specific_deferred, request)
    number = page_number_of(comment, request.user)
    if number > 1:
        url += f"?{PAGE_PARAM}={number}"
    return f"{url}#reactie-{comment.pk}"


def _render_form_page(request, page, form, *, preview_html="", comment=None, refused=""):
    """The form page; ``refused`` is a message or a CommentRefused. A refusal that no change
    to the text can help (a closed page, a suspended member) is shown instead of the form,
    with the member's text kept beside it to copy."""
    blocked = None
    if isinstance(refused, CommentRefused):
        if refused.title:
            blocked = refused
        refused = refused.message
    if refused and blocked is None:
        form.add_error(None, refused)
    parent = None
    parent_id = form["parent"].value() if "parent" in form.fields else None
    if parent_id and not comment:
        parent = (
            Comment.objects.select_related("user")
            .filter(pk=parent_id, page_id=page.pk, status=Comment.Status.PUBLISHED)
            .first()
        )
    return render(
        request,
        "comments/comment_form_page.html",
        {
            "commented_page": page,
            "page_url": _page_url(page, request),
            "form": form,
            "preview_html": preview_html,
            "comment": comment,
            "parent": parent,
            "blocked": blocked,
            "typed": form.data.get("body", "") if form.is_bound else "",
            "action_url": (
                reverse("comments:edit", args=[comment.pk])
                if comment
                else reverse("comments:write", args=[page.pk])
            ),
        },
    )


def write(request, page_id):
    """Preview ("Voorbeeld bekijken") or post ("Plaatsen") a new comment or reply."""
    page = _commentable_page(page_id)
    if request.method != "POST":
        return HttpResponseRedirect(_page_url(page, request) + "#reageren")
    if not request.user.is_authenticated:
        return HttpResponseRedirect(login_url_for(_page_url(page, request) + "#reageren"))
    refused = closed_network_refusal(request, page)
    if refused is not None:  # a closed network's page: not even its title in the form page
        return refused
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_form_page(request, page, form)
    text = form.cleaned_data["body"]
    parent = None
    if form.cleaned_data.get("parent"):
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            return _render_form_page(
                request, page, form, refused=_("De reactie waarop je antwoordt, bestaat niet meer.")
            )
    if "post" not in request.POST:
        try:
            check_can_comment(request.user, page, settings_for(page, request))
        except CommentRefused as refusal:
            return _render_form_page(request, page, form, refused=refusal)
        preview_html = render_comment(text, page, parent)
        return _render_form_page(request, page, form, preview_html=preview_html)
    try:
        comment = actions.post_comment(request.user, page, text, parent=parent, request=request)
    except DuplicateComment as duplicate:
        messages.info(request, duplicate.message)
        return HttpResponseRedirect(comment_location(duplicate.comment, request))
    except CommentRefused as refusal:
        return _render_form_page(request, page, form, refused=refusal)
    if comment.status == Comment.Status.PUBLISHED:
        messages.success(request, _("Je reactie is geplaatst."))
    else:
        messages.info(
            request,
            _(
                "Bedankt voor je reactie. De redactie bekijkt haar eerst; je krijgt een e-mail "
                "zodra ze is geplaatst."
            ),
        )
    return HttpResponseRedirect(comment_location(comment, request))


def permalink(request, pk):
    """/reacties/<id>/ leads to the comment on its page (used in e-mails).

    A comment the reader may not see leads nowhere, so the address of a private page stays
    unknown. A visitor is asked to log in (the link in an e-mail to a member who is logged
    out); they get that answer for every such comment, whether it exists or not.
    """
    comment = Comment.objects.select_related("page").filter(pk=pk).first()
    if comment is None or not can_read_comment(comment, request):
        if not request.user.is_authenticated:
            return HttpResponseRedirect(login_url_for(request.path))
        raise Http404
    return HttpResponseRedirect(comment_location(comment, request))


def _own_comment(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("page", "user"), pk=pk)
    if comment.user_id != request.user.pk:
        raise Http404
    return comment


@login_required
def edit(request, pk):
    """Rewrite your comment within 15 minutes, with a preview as when writing."""
    comment = _own_comment(request, pk)
    page = comment.page.specific_deferred
    if not comment.can_be_edited_by(request.user):
        messages.warning(
            request,
            _("Je kunt een reactie alleen in de eerste 15 minuten na het plaatsen bewerken."),
        )
        return HttpResponseRedirect(comment_location(comment, request))
    if request.method != "POST":
        form = CommentForm(initial={"body": comment.body})
        return _render_form_page(request, page, form, comment=comment)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_form_page(request, page, form, comment=comment)
    text = form.cleaned_data["body"]
    if "post" not in request.POST:
        return _render_form_page(
            request,
            page,
            form,
            comment=comment,
            preview_html=render_comment(text, page, comment.answered),
        )
    try:
        comment = actions.edit_comment(comment, request.user, text, request=request)
    except CommentRefused as refusal:
        return _render_form_page(request, page, form, comment=comment, refused=refusal)
    if comment.status == Comment.Status.PENDING:
        messages.info(request, _("Je wijziging is opgeslagen en wacht op goedkeuring."))
    else:
        messages.success(request, _("Je wijziging is opgeslagen."))
    return HttpResponseRedirect(comment_location(comment, request))


@login_required
def delete(request, pk):
    """Delete your comment, after a confirmation."""
    comment = _own_comment(request, pk)
    page = comment.page.specific_deferred
    if comment.is_deleted:
        return HttpResponseRedirect(_page_url(page, request) + "#reacties")
    if request.method == "POST":
        actions.delete_comment(comment, request.user)
        messages.success(request, _("Je reactie is verwijderd."))
        return HttpResponseRedirect(_page_url(page, request) + "#reacties")
    return render(
        request,
        "comments/comment_confirm_delete.html",
        {"comment": comment, "commented_page": page, "page_url": _page_url(page, request)},
    )


@login_required
def report(request, pk):
    """Tell the editors about a comment that breaks the house rules."""
    comment = get_object_or_404(
        Comment.objects.select_related("page", "user"),
        pk=pk,
        status=Comment.Status.PUBLISHED,
        deleted_at__isnull=True,
    )
    if not can_read_comment(comment, request):
        raise Http404
    page = comment.page.specific_deferred
    form = ReportForm(request.POST or None)
    refused = ""
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_comment(
                comment,
                request.user,
                form.cleaned_data["reason"],
                form.cleaned_data["explanation"],
                request=request,
            )
        except CommentRefused as refusal:
            refused = refusal.message
        else:
            messages.success(request, _("Bedankt voor je melding. De redactie bekijkt de reactie."))
            return HttpResponseRedirect(_page_url(page, request) + "#reacties")
    if refused:
        form.add_error(None, refused)
    return render(
        request,
        "comments/comment_report.html",
        {
            "comment": comment,
            "commented_page": page,
            "page_url": _page_url(page, request),
            "form": form,
        },
    )


@require_POST
def follow(request, page_id):
    """ "Volg dit gesprek" / "Niet meer volgen"."""
    page = _commentable_page(page_id)
    back = _page_url(page, request) + "#reacties"
    if not request.user.is_authenticated:
        return HttpResponseRedirect(login_url_for(back))
    refused = closed_network_refusal(request, page)
    if refused is not None:
        return refused
    if request.POST.get("action") == "unfollow":
        actions.unfollow(request.user, page)
        messages.success(request, _("Je volgt dit gesprek niet meer."))
    else:
        actions.follow(request.user, page)
        messages.success(
            request, _("Je volgt dit gesprek. Je krijgt een e-mail bij nieuwe reacties.")
        )
    return HttpResponseRedirect(back)
