"""The moderation queue in the Wagtail admin: filter, read in context, decide in bulk.

Built as plain admin views (not a snippet listing) because moderators need the article and the
comment being answered next to each comment, bulk actions with a reason, and a history of who
decided what.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from vakgenoten.links import safe_redirect_target
from vakgenoten.params import int_param

from . import actions
from .forms import BanForm, ModerationForm
from .models import Comment, CommentBan, ModerationDecision
from .rules import CommentRefused, local_datetime

PERMISSION = "comments.moderate_comment"
QUEUE_PAGE_SIZE = 50


def can_moderate(user):
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


class ModeratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def ban_until_of_author():
    """The end of the comment author's current ban, as an annotation (one subquery)."""
    return Subquery(
        CommentBan.objects.active()
        .filter(user_id=OuterRef("user_id"))
        .order_by("-ends_at")
        .values("ends_at")[:1]
    )


def confirm_moderation(view, form):
    """The second step of a destructive decision: what will happen to which comments, with
    every choice kept in hidden fields; "Ja, …" carries it out, "Terug" shows the choice again
    with the same ticks."""
    request = view.request
    context = WagtailAdminTemplateMixin.get_context_data(view)
    context.update(
        {
            "form": form,
            "comments": form.cleaned_data["comments"].select_related("user", "page"),
            "action": form.cleaned_data["action"],
            "action_label": form.action_label,
            "reason": form.cleaned_data["reason"],
            "next": request.POST.get("next", ""),
            "post_url": request.get_full_path(),
        }
    )
    return TemplateResponse(request, "comments/admin/confirm.html", context)


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
            Comment.objects.select_related("page", "user", "parent__user", "in_reply_to__user")
            .annotate(
                open_reports=Count("reports", filter=Q(reports__resolved=False)),
                author_banned_until=ban_until_of_author(),
            )
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
        form = kwargs.get("form") or ModerationForm()
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
                "form": form,
                "selected_ids": form.selected_ids() if form.is_bound else set(),
                "current_url": self.request.get_full_path(),
                "can_ban": self.request.user.has_perm("comments.add_commentban"),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        """Carry out a bulk decision. A refused one (no reason for "Afwijzen", nothing ticked)
        comes back on the same queue with every tick, the action and the reason as they were,
        so a second click never does something else than the moderator chose. Rejecting and
        marking as spam ask for confirmation first."""
        form = ModerationForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("De actie is niet uitgevoerd. Bekijk de melding hieronder."))
            return self.render_to_response(self.get_context_data(form=form))
        if "back" in request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        if form.needs_confirmation and "confirm" not in request.POST:
            return confirm_moderation(self, form)
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
            Comment.objects.select_related(
                "page", "user", "parent__user", "in_reply_to__user"
            ).annotate(author_banned_until=ban_until_of_author()),
            pk=kwargs["pk"],
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
                "can_ban": self.request.user.has_perm("comments.add_commentban"),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        data = request.POST.copy()
        data.setlist("comments", [str(self.comment.pk)])
        form = ModerationForm(data)
        if not form.is_valid() or "back" in request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        if form.needs_confirmation and "confirm" not in request.POST:
            return confirm_moderation(self, form)
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


class BanPermissionMixin:
    """Bans are for whoever holds the ban permission (Redactie, Moderatoren); ``permission``
    names the one a view needs."""

    permission = "comments.view_commentban"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.has_perm(self.permission)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


BANS_BREADCRUMBS = WagtailAdminTemplateMixin.breadcrumbs_items + [
    {"url": reverse_lazy("comments_admin:queue"), "label": gettext_lazy("Reacties")},
    {"url": reverse_lazy("comments_admin:bans"), "label": gettext_lazy("Schorsingen")},
]


class BanListView(BanPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Current bans (until when, why, by whom) and, on the second tab, past ones."""

    template_name = "comments/admin/bans.html"
    page_title = gettext_lazy("Schorsingen")
    header_icon = "warning"
    breadcrumbs_items = BANS_BREADCRUMBS[:-1] + [{"url": "", "label": gettext_lazy("Schorsingen")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        past = self.request.GET.get("toon") == "eerder"
        bans = CommentBan.objects.select_related("user", "created_by", "lifted_by", "comment")
        bans = bans.past(now) if past else bans.active(now).order_by("ends_at", "pk")
        page_obj = Paginator(bans, QUEUE_PAGE_SIZE).get_page(self.request.GET.get("p"))
        context.update(
            {
                "page_obj": page_obj,
                "bans": page_obj.object_list,
                "past": past,
                "now": now,
                "can_ban": self.request.user.has_perm("comments.add_commentban"),
                "can_lift": self.request.user.has_perm("comments.change_commentban"),
            }
        )
        return context


class BanCreateView(BanPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Suspend a member: from a comment in the queue (?reactie=<id>) or by e-mail address.
    Two steps: the form, then a confirmation that names the member, the end and the reason."""

    permission = "comments.add_commentban"
    template_name = "comments/admin/ban_form.html"
    page_title = gettext_lazy("Lid schorsen")
    header_icon = "warning"
    breadcrumbs_items = BANS_BREADCRUMBS + [{"url": "", "label": gettext_lazy("Lid schorsen")}]

    def the_comment(self, params, name):
        pk = int_param(params, name, minimum=1)
        if pk is None:
            return None
        return Comment.objects.select_related("user", "page").filter(pk=pk).first()

    def get(self, request, *args, **kwargs):
        comment = self.the_comment(request.GET, "reactie")
        initial = {}
        if comment is not None and comment.user_id:
            initial = {"email": comment.user.email, "comment": comment.pk}
        form = BanForm(initial=initial, moderator=request.user)
        return self.render_to_response(self.get_context_data(form=form, comment=comment))

    def post(self, request, *args, **kwargs):
        form = BanForm(request.POST, moderator=request.user)
        comment = self.the_comment(request.POST, "comment")
        if not form.is_valid() or "back" in request.POST:
            return self.render_to_response(self.get_context_data(form=form, comment=comment))
        if "confirm" not in request.POST:
            context = self.get_context_data(form=form, comment=comment)
            context.update(
                {
                    "confirming": True,
                    "member": form.member,
                    "ends_at": form.ends_at,
                    "current_ban": CommentBan.objects.active()
                    .filter(user=form.member)
                    .order_by("-ends_at")
                    .first(),
                }
            )
            return self.render_to_response(context)
        try:
            actions.ban_member(
                form.member,
                request.user,
                form.ends_at,
                form.cleaned_data["reason"],
                comment=comment if comment and comment.user_id == form.member.pk else None,
            )
        except CommentRefused as refusal:
            form.add_error(None, refusal.message)
            return self.render_to_response(self.get_context_data(form=form, comment=comment))
        messages.success(
            request,
            _("%(name)s is geschorst tot %(until)s en krijgt daarover een e-mail.")
            % {
                "name": form.member.get_full_name() or form.member.email,
                "until": local_datetime(form.ends_at),
            },
        )
        return HttpResponseRedirect(reverse("comments_admin:bans"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("confirming", False)
        return context


class BanLiftView(BanPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Lift a ban before its end: a confirmation, then the member may comment again."""

    permission = "comments.change_commentban"
    template_name = "comments/admin/ban_lift.html"
    page_title = gettext_lazy("Schorsing opheffen")
    header_icon = "warning"
    breadcrumbs_items = BANS_BREADCRUMBS + [
        {"url": "", "label": gettext_lazy("Schorsing opheffen")}
    ]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.ban = get_object_or_404(
            CommentBan.objects.select_related("user", "created_by"), pk=kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"ban": self.ban, "active": self.ban.is_active()})
        return context

    def post(self, request, *args, **kwargs):
        if actions.lift_ban(self.ban, request.user):
            messages.success(
                request,
                _("De schorsing van %(name)s is opgeheven.")
                % {"name": self.ban.user.get_full_name() or self.ban.user.email},
            )
        else:
            messages.info(request, _("Deze schorsing was al voorbij."))
        return HttpResponseRedirect(reverse("comments_admin:bans"))
