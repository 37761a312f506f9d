"""The member's side of questions: ask one (with a preview), mark the answer that helped,
mark answers useful. Every form works without JavaScript; a refusal comes back on the same
form with everything the member typed still in it."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comments.formatting import render_markdown
from comments.models import Comment
from comments.rules import settings_for
from comments.views import login_url_for
from members.models import Network
from members.visibility import closed_network_refusal
from taxonomy.models import Theme
from vakgenoten.cache import purge_page_and_listings

from . import actions
from .forms import QuestionForm
from .models import QuestionPage
from .rules import QuestionRefused, check_can_ask


def _form_page(request, form, *, preview_html="", refused=None, index=None):
    blocked = None
    if isinstance(refused, QuestionRefused):
        if refused.title:
            blocked = refused
        else:
            form.add_error(None, refused.message)
    return render(
        request,
        "questions/ask.html",
        {
            "form": form,
            "preview_html": preview_html,
            "blocked": blocked,
            "typed_title": form.data.get("title", "") if form.is_bound else "",
            "typed": form.data.get("body", "") if form.is_bound else "",
            "index": index,
            "preview_themes": (
                form.cleaned_data.get("themes", []) if preview_html and form.is_bound else []
            ),
        },
    )


def ask(request):
    """``/vragen/stellen/``: the form, "Voorbeeld bekijken", then "Plaatsen"."""
    index = actions.question_index()
    if index is None:
        raise Http404
    if not request.user.is_authenticated:
        return HttpResponseRedirect(login_url_for(request.get_full_path()))
    if request.method != "POST":
        initial = {}
        organisation_id = getattr(getattr(request.user, "profile", None), "organisation_id", None)
        if organisation_id:
            initial["organisation"] = organisation_id
        # "Stel een vraag" from a theme's or network's list arrives with it chosen.
        if request.GET.get("thema"):
            initial["themes"] = list(
                Theme.objects.filter(slug=request.GET["thema"]).values_list("pk", flat=True)
            )
        if request.GET.get("netwerk"):
            initial["network"] = (
                Network.objects.filter(slug=request.GET["netwerk"]).values_list("pk", flat=True)
            ).first()
        form = QuestionForm(user=request.user, initial=initial)
        try:
            check_can_ask(request.user, settings_for(index, request))
        except QuestionRefused as refusal:
            if refusal.title:
                return _form_page(request, form, refused=refusal, index=index)
        return _form_page(request, form, index=index)
    form = QuestionForm(request.POST, user=request.user)
    if not form.is_valid():
        return _form_page(request, form, index=index)
    data = form.cleaned_data
    if "post" not in request.POST:
        try:
            check_can_ask(request.user, settings_for(index, request))
        except QuestionRefused as refusal:
            return _form_page(request, form, refused=refusal, index=index)
        return _form_page(request, form, preview_html=render_markdown(data["body"]), index=index)
    try:
        page = actions.ask_question(
            request.user,
            data["title"],
            data["body"],
            themes=data["themes"],
            organisation=data["organisation"],
            network=data["network"],
            request=request,
        )
    except QuestionRefused as refusal:
        return _form_page(request, form, refused=refusal, index=index)
    if page.live:
        messages.success(request, _("Je vraag staat online. Je krijgt bericht van elk antwoord."))
        return HttpResponseRedirect(page.get_url(request))
    messages.info(
        request,
        _(
            "Bedankt voor je vraag. De redactie bekijkt haar eerst; je krijgt een e-mail "
            "zodra ze online staat."
        ),
    )
    return HttpResponseRedirect(index.get_url(request))


def _answer_and_question(comment_id):
    comment = get_object_or_404(
        Comment.objects.select_related("page"), pk=comment_id, parent__isnull=True
    )
    page = comment.page.specific
    if not isinstance(page, QuestionPage) or not page.live:
        raise Http404
    return comment, page


def _back(request, page, comment):
    return HttpResponseRedirect(f"{page.get_url(request)}#reactie-{comment.pk}")


@require_POST
def accept(request, comment_id):
    """The asker (or an editor) marks the answer that helped, or takes the mark away."""
    comment, page = _answer_and_question(comment_id)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(login_url_for(page.get_url(request)))
    refused = closed_network_refusal(request, page)
    if refused is not None:
        return refused
    if not actions.can_accept(request.user, page):
        messages.error(
            request, _("Alleen wie de vraag stelde, of de redactie, kiest het antwoord dat hielp.")
        )
        return _back(request, page, comment)
    undo = request.POST.get("action") == "undo"
    try:
        with transaction.atomic():
            if undo:
                if page.accepted_answer_id == comment.pk:
                    actions.accept_answer(page, None, request.user)
            else:
                actions.accept_answer(page, comment, request.user)
            transaction.on_commit(lambda: purge_page_and_listings(page))
    except QuestionRefused as refusal:
        messages.error(request, refusal.message)
        return _back(request, page, comment)
    if undo:
        messages.success(
            request, _("Het antwoord is niet meer gemarkeerd als het antwoord dat hielp.")
        )
    else:
        messages.success(
            request,
            _("Gemarkeerd als het antwoord dat hielp. Zo vinden anderen het snel."),
        )
    return _back(request, page, comment)


@require_POST
def useful(request, comment_id):
    """A member marks an answer useful (once), or takes their mark back."""
    comment, page = _answer_and_question(comment_id)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(login_url_for(page.get_url(request)))
    refused = closed_network_refusal(request, page)  # a closed network's question: its members only
    if refused is not None:
        return refused
    if comment.status != Comment.Status.PUBLISHED or comment.deleted_at is not None:
        raise Http404
    undo = request.POST.get("action") == "undo"
    try:
        if undo:
            actions.unmark_useful(comment, request.user)
            messages.success(request, _("Je markering ‘nuttig’ is weggehaald."))
        elif actions.mark_useful(comment, request.user):
            messages.success(request, _("Dank je. Je vond dit antwoord nuttig."))
        else:
            messages.info(request, _("Je had dit antwoord al als nuttig gemarkeerd."))
    except QuestionRefused as refusal:
        messages.error(request, refusal.message)
        return _back(request, page, comment)
    transaction.on_commit(lambda: purge_page_and_listings(page))
    return _back(request, page, comment)
