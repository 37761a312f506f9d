"""The moderation queue in the Wagtail admin: filter, read in context, decide in bulk.

Built as plain admin views (not a snippet listing) because moderators need the article and the
comment being answered next to each comment, bulk actions with a reason, and a history of who
decided what.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from vakgenoten.links import safe_redirect_target
from vakgenoten.params import int_param

from . import actions
from .forms import ModerationForm
from .models import Comment, ModerationDecision
from .rules import CommentRefused

PERMISSION = "comments.moderate_comment"
QUEUE_PAGE_SIZE = 50


def can_moderate(user):
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


class ModeratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def apply_moderation(request, form):
    """Carry out a valid ModerationForm; returns how many comments changed."""
    changed = 0
    for comment in form.cleaned_data["comments"]:
        try:
            if actions.moderate(
                comment, form.to_status, moderator=request.user, reason=form.cleaned_data["reason"]
            ):
                changed += 1
        except CommentRefused as refusal:
            messages.error(request, refusal.message)
            return changed
    return changed


class QueueView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """All comments, pending first by default, filterable by status, page and reports."""

    template_name = "comments/admin/queue.html"
    page_title = gettext_lazy("Reacties modereren")
    header_icon = "comment"
    breadcrumbs_items = WagtailAdminTemplateMixin.breadcrumbs_items + [
        {"url": reverse_lazy("comments_admin:queue"), "label": gettext_lazy("Reacties")}
    ]

    def get_queryset(self):
        queryset = (
            Comment.objects.select_related("page", "user", "parent__user")
            .annotate(open_reports=Count("reports", filter=Q(reports__resolved=False)))
            .order_by("-created_at", "-pk")
        )
        self.status = self.request.GET.get("status", Comment.Status.PENDING)
        if self.status in Comment.Status.values:
            queryset = queryset.filter(status=self.status)
        else:
            self.status = ""
        page_id = int_param(self.request.GET, "page_id", minimum=1)
        if page_id is not None:
            queryset = queryset.filter(page_id=page_id)
        self.page_id = "" if page_id is None else str(page_id)
        self.reported = self.request.GET.get("gemeld") == "1"
        if self.reported:
            queryset = queryset.filter(open_reports__gt=0)
        self.query = self.request.GET.get("q", "").strip()
        if self.query:
            queryset = queryset.filter(
                Q(body__icontains=self.query)
                | Q(user__first_name__icontains=self.query)
                | Q(user__last_name__icontains=self.query)
                | Q(user__email__icontains=self.query)
            )
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = Paginator(self.get_queryset(), QUEUE_PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        counts = dict(Comment.objects.values_list("status").annotate(total=Count("pk")).order_by())
        context.update(
            {
                "page_obj": page_obj,
                "comments": page_obj.object_list,
                "status": self.status,
                "statuses": [
                    (value, label, counts.get(value, 0)) for value, label in Comment.Status.choices
                ],
                "page_id": self.page_id,
                "reported": self.reported,
                "query": self.query,
                "pages": Page.objects.filter(member_comments__isnull=False)
                .distinct()
                .order_by("title")
                .only("pk", "title"),
                "form": kwargs.get("form") or ModerationForm(),
                "current_url": self.request.get_full_path(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ModerationForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(
                safe_redirect_target(
                    request, request.POST.get("next"), reverse("comments_admin:queue")
                )
            )
        changed = apply_moderation(request, form)
        if changed:
            messages.success(
                request,
                ngettext(
                    "%(count)s reactie: %(action)s.", "%(count)s reacties: %(action)s.", changed
                )
                % {
                    "count": changed,
                    "action": dict(form.fields["action"].choices)[
                        form.cleaned_data["action"]
                    ].lower(),
                },
            )
        return HttpResponseRedirect(
            safe_redirect_target(request, request.POST.get("next"), reverse("comments_admin:queue"))
        )


class DetailView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """One comment with its article, the comment it answers, its replies, reports and history."""

    template_name = "comments/admin/detail.html"
    header_icon = "comment"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.comment = get_object_or_404(
            Comment.objects.select_related("page", "user", "parent__user"), pk=kwargs["pk"]
        )

    def get_page_title(self):
        return _("Reactie van %(name)s") % {"name": self.comment.author_name}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("comments_admin:queue"), "label": _("Reacties")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.comment
        context.update(
            {
                "comment": comment,
                "replies": comment.replies.select_related("user").order_by("created_at"),
                "reports": comment.reports.select_related("reporter"),
                "decisions": comment.decisions.select_related("moderator"),
                "form": kwargs.get("form") or ModerationForm(initial={"comments": [comment.pk]}),
                "page_url": comment.page.get_url(self.request),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        data = request.POST.copy()
        data.setlist("comments", [str(self.comment.pk)])
        form = ModerationForm(data)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if apply_moderation(request, form):
            messages.success(request, _("Het besluit is opgeslagen."))
        return HttpResponseRedirect(reverse("comments_admin:detail", args=[self.comment.pk]))


class HistoryView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every moderation decision, newest first: who decided what, and why."""

    template_name = "comments/admin/history.html"
    page_title = gettext_lazy("Moderatiegeschiedenis")
    header_icon = "history"
    breadcrumbs_items = WagtailAdminTemplateMixin.breadcrumbs_items + [
        {"url": reverse_lazy("comments_admin:queue"), "label": gettext_lazy("Reacties")},
        {"url": "", "label": gettext_lazy("Geschiedenis")},
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decisions = ModerationDecision.objects.select_related(
            "moderator", "comment__user", "comment__page"
        )
        page_obj = Paginator(decisions, QUEUE_PAGE_SIZE).get_page(self.request.GET.get("p"))
        context.update({"page_obj": page_obj, "decisions": page_obj.object_list})
        return context
