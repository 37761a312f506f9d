"""The editor's dashboard: the Wagtail admin's home page, with what needs attention today.

Panels (``home.wagtail_hooks`` adds them): comments waiting for moderation, questions nobody
answered yet (with the number of questions waiting for moderation), articles scheduled
for publication, upcoming events with their fill rate, the most-read articles of the past
month, and the top searches and searches without results. Each panel shows only what its user
may see and is left out when there is nothing for them: comments for moderators, articles for
those who may edit or publish them, events by the organisers' rule (``events.permissions``),
reading and search figures for the editors (who may see the searches without results). Each
panel reads its rows in one or two queries, however many there are.
"""

from datetime import timedelta

from django.db.models import CharField, Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Cast
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Revision
from wagtail.permissions import policy_registry

from blog.models import ArticleDayViews, ArticlePage, ZeroResultSearch
from comments.admin_views import can_moderate
from comments.models import Comment
from events.models import Registration
from events.permissions import EventScope, manageable_events
from questions.actions import question_index
from questions.admin_views import waiting_count
from questions.models import QuestionPage

ROWS = 5
QUESTION_ROWS = 10
MONTH = timedelta(days=30)


def may_see_reading_figures(user):
    """Editors: whoever may see the searches that found nothing (the Redactie)."""
    return user.is_active and (user.is_superuser or user.has_perm("blog.view_zeroresultsearch"))


class DashboardPanel(Component):
    """A panel that renders nothing for whom it is not meant."""

    def __init__(self, request):
        self.request = request

    def is_shown(self):
        return True

    def render_html(self, parent_context=None):
        if not self.is_shown():
            return ""
        return super().render_html(parent_context)


class CommentsToModeratePanel(DashboardPanel):
    name = "vakgenoten_comments_to_moderate"
    template_name = "home/dashboard/comments_to_moderate.html"
    order = 100

    def is_shown(self):
        return can_moderate(self.request.user)

    def get_context_data(self, parent_context=None):
        pending = Comment.objects.pending()
        return {
            "count": pending.count(),
            "comments": list(
                pending.select_related("page", "user").order_by("-created_at", "-pk")[:ROWS]
            ),
        }


class UnansweredQuestionsPanel(DashboardPanel):
    """Live questions nobody answered yet, oldest first, and how many wait for moderation:
    for the moderators (the Redactie among them), who can answer or find someone who can."""

    name = "vakgenoten_unanswered_questions"
    template_name = "home/dashboard/unanswered_questions.html"
    order = 105

    def is_shown(self):
        return can_moderate(self.request.user)

    def get_context_data(self, parent_context=None):
        unanswered = QuestionPage.objects.unanswered()
        index = question_index()
        index_url = (index.url or "") if index is not None else ""
        now = timezone.now()
        rows = [
            {
                "question": question,
                "url": f"{index_url}{question.slug}/",
                "age_days": (now - question.asked_at).days,
            }
            for question in unanswered.only("title", "slug", "asked_at").order_by("asked_at", "pk")[
                :QUESTION_ROWS
            ]
        ]
        return {
            "rows": rows,
            "unanswered_count": unanswered.count(),
            "waiting_count": waiting_count(),
        }


class ScheduledArticlesPanel(DashboardPanel):
    name = "vakgenoten_scheduled_articles"
    template_name = "home/dashboard/scheduled_articles.html"
    order = 110

    def get_context_data(self, parent_context=None):
        return {"articles": self.articles}

    def is_shown(self):
        return bool(self.articles)

    @property
    def articles(self):
        if not hasattr(self, "_articles"):
            self._articles = self._scheduled_articles()
        return self._articles

    def _scheduled_articles(self):
        user = self.request.user
        editable = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
            user, ["change", "publish"]
        )
        due = (
            Revision.objects.page_revisions()
            .filter(
                object_id=Cast(OuterRef("pk"), output_field=CharField()),
                approved_go_live_at__gt=timezone.now(),
            )
            .order_by("approved_go_live_at")
            .values("approved_go_live_at")[:1]
        )
        articles = ArticlePage.objects.annotate(scheduled_for=Subquery(due)).filter(
            scheduled_for__isnull=False
        )
        if not user.is_superuser:
            articles = articles.filter(pk__in=editable.values("pk"))
        return list(articles.select_related("content_type").order_by("scheduled_for", "pk")[:ROWS])


class UpcomingEventsPanel(DashboardPanel):
    """For organisers their own events; for editors every event (``manageable_events``)."""

    name = "vakgenoten_upcoming_events"
    template_name = "home/dashboard/upcoming_events.html"
    order = 120

    def is_shown(self):
        """When there are events to show, and to organisers even when there are none."""
        return bool(self.rows) or EventScope.of(self.request.user).has_organiser_rights

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows}

    @property
    def rows(self):
        if not hasattr(self, "_rows"):
            self._rows = self._upcoming()
        return self._rows

    def _upcoming(self):
        registered = Q(registrations__status=Registration.Status.REGISTERED)
        waiting = Q(registrations__status=Registration.Status.WAITING)
        events = (
            manageable_events(self.request.user)
            .filter(end__gte=timezone.now())
            .annotate(
                registered_count=Count("registrations", filter=registered),
                waiting_count=Count("registrations", filter=waiting),
            )
            .order_by("start", "pk")[:ROWS]
        )
        rows = []
        for event in events:
            fill = None
            if event.capacity:
                fill = min(round(100 * event.registered_count / event.capacity), 100)
            rows.append({"event": event, "fill": fill})
        return rows


class MostReadArticlesPanel(DashboardPanel):
    """The articles read most in the past 30 days, old or new (from the views per day)."""

    name = "vakgenoten_most_read"
    template_name = "home/dashboard/most_read.html"
    order = 130

    def is_shown(self):
        return may_see_reading_figures(self.request.user)

    def get_context_data(self, parent_context=None):
        since = timezone.localdate() - MONTH
        top = list(
            ArticleDayViews.objects.filter(day__gt=since, page__live=True)
            .values("page_id")
            .annotate(views=Sum("views"))
            .order_by("-views", "page_id")[:ROWS]
        )
        pages = Page.objects.in_bulk([row["page_id"] for row in top])
        counts = [
            {"page": pages[row["page_id"]], "page_id": row["page_id"], "views": row["views"]}
            for row in top
            if row["page_id"] in pages
        ]
        return {"counts": counts}


class SearchesPanel(DashboardPanel):
    """What readers searched for most in the past 30 days, and what they did not find."""

    name = "vakgenoten_searches"
    template_name = "home/dashboard/searches.html"
    order = 140

    def is_shown(self):
        return may_see_reading_figures(self.request.user)

    def get_context_data(self, parent_context=None):
        since = timezone.localdate() - MONTH
        return {
            "top_searches": [
                (query.query_string, query._hits)
                for query in Query.get_most_popular(date_since=since)[:ROWS]
            ],
            "unfound": list(
                ZeroResultSearch.objects.filter(last_searched_on__gte=since).order_by(
                    "-hits", "-last_searched_on", "query"
                )[:ROWS]
            ),
            "may_see_search_terms_report": self.request.user.is_superuser,
        }


PANELS = (
    CommentsToModeratePanel,
    UnansweredQuestionsPanel,
    ScheduledArticlesPanel,
    UpcomingEventsPanel,
    MostReadArticlesPanel,
    SearchesPanel,
)


def add_dashboard_panels(request, panels):
    panels.extend(panel(request) for panel in PANELS)
