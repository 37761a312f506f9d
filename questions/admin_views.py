"""The moderators' view of questions in the Wagtail admin: held questions to publish or
reject, rejected ones (for the record, and to publish after all), and questions members
reported, which stay or go offline.

Who may moderate questions is who may moderate comments (``comments.moderate_comment``: the
Redactie and the Moderatoren), because a question is held by the comments' rules.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from comments.admin_views import can_moderate

from . import moderation
from .conversion import KINDS, blog_index, can_convert, convert_question
from .models import QuestionPage, QuestionReport, answers_of

LIST_SIZE = 100
WAITING, REJECTED, REPORTED = "", "afgewezen", "gemeld"
TABS = (
    (WAITING, gettext_lazy("Wachten op moderatie")),
    (REJECTED, gettext_lazy("Afgewezen")),
    (REPORTED, gettext_lazy("Gemeld")),
)


def reported_ids():
    """The questions with an open report, as a subquery."""
    return QuestionReport.objects.filter(handled_at__isnull=True).values("question_id")


def waiting_count():
    """Held questions plus reported ones (the menu item's number): one query. A UNION of the
    two id lists rather than one OR, so each half is read from its own index (the status, the
    open reports) instead of every question."""
    held = QuestionPage.objects.filter(status=QuestionPage.Status.PENDING).order_by().values("pk")
    return held.union(reported_ids().order_by()).count()


class ModeratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def queue_url(tab=WAITING):
    url = reverse("questions_admin:queue")
    return f"{url}?{urlencode({'toon': tab})}" if tab else url


class QueueView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Held questions (oldest first), rejected ones (newest first) or reported ones (oldest
    report first), at most ``LIST_SIZE`` each, in a fixed number of queries."""

    template_name = "questions/admin/queue.html"
    page_title = gettext_lazy("Vragen modereren")
    header_icon = "help"
    breadcrumbs_items = WagtailAdminTemplateMixin.breadcrumbs_items + [
        {"url": reverse_lazy("questions_admin:queue"), "label": gettext_lazy("Vragen")}
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tab = self.request.GET.get("toon", WAITING)
        if tab not in dict(TABS):
            tab = WAITING
        questions = QuestionPage.objects.select_related("asker").prefetch_related("themes")
        if tab == REPORTED:
            items = (
                questions.filter(pk__in=reported_ids())
                .prefetch_related(
                    Prefetch(
                        "reports",
                        queryset=QuestionReport.objects.filter(
                            handled_at__isnull=True
                        ).select_related("reporter"),
                        to_attr="open_reports",
                    )
                )
                .order_by("asked_at", "pk")
            )
        elif tab == REJECTED:
            items = questions.filter(status=QuestionPage.Status.REJECTED).order_by(
                "-asked_at", "-pk"
            )
        else:
            items = questions.filter(status=QuestionPage.Status.PENDING).order_by("asked_at", "pk")
        context.update(
            {
                "tab": tab,
                "tabs": TABS,
                "items": list(items[:LIST_SIZE]),
                "can_convert": can_convert(self.request.user),
            }
        )
        return context


class DecideView(ModeratorRequiredMixin, TemplateView):
    """POST: publish or reject a question, or close its reports (the question stays)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        page = get_object_or_404(QuestionPage, pk=pk)
        decision = request.POST.get("besluit")
        back = request.POST.get("toon", WAITING)
        if back not in dict(TABS):
            back = WAITING
        if decision == "plaatsen":
            if moderation.publish(page, request.user):
                messages.success(
                    request,
                    _("De vraag ‘%(title)s’ staat op de site; de vraagsteller krijgt bericht.")
                    % {"title": page.title},
                )
            else:
                messages.info(request, _("Deze vraag stond al op de site."))
        elif decision == "afwijzen":
            if moderation.reject(page, request.user, request.POST.get("reden", "")):
                messages.success(
                    request,
                    _(
                        "De vraag ‘%(title)s’ is afgewezen en staat niet op de site; de "
                        "vraagsteller krijgt bericht."
                    )
                    % {"title": page.title},
                )
            else:
                messages.info(request, _("Deze vraag was al afgewezen."))
        elif decision == "melding-sluiten":
            if moderation.close_reports(page, request.user):
                messages.success(
                    request,
                    _("De melding over ‘%(title)s’ is afgehandeld; de vraag blijft staan.")
                    % {"title": page.title},
                )
            else:
                messages.info(request, _("Deze melding was al afgehandeld."))
        else:
            messages.error(request, _("Kies plaatsen of afwijzen."))
        return HttpResponseRedirect(queue_url(back))


class ConvertView(WagtailAdminTemplateMixin, TemplateView):
    """GET: choose the article type; POST: create the draft and open it in the editor."""

    template_name = "questions/admin/convert.html"
    page_title = gettext_lazy("Artikel maken van een vraag")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.index = blog_index()
        if self.index is None or not can_convert(request.user, self.index):
            raise PermissionDenied
        self.question = get_object_or_404(
            QuestionPage.objects.select_related("asker"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("questions_admin:queue"), "label": _("Vragen")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "question": self.question,
                "kinds": [(value, label) for value, (_model, label) in KINDS.items()],
                "answer_count": answers_of([self.question.pk]).count(),
            }
        )
        return context

    def post(self, request, pk):
        kind = request.POST.get("soort", "blog")
        if kind not in KINDS:
            context = self.get_context_data(error=_("Kies een soort artikel."))
            return self.render_to_response(context)
        article = convert_question(self.question, request.user, kind)
        messages.success(
            request,
            _(
                "Er is een concept gemaakt van de vraag ‘%(title)s’. Herschrijf het en laat het "
                "beoordelen; het staat nog niet op de site."
            )
            % {"title": self.question.title},
        )
        return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
