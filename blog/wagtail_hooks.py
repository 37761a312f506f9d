"""Admin screens for publishing: themes, authors and the searches that found nothing."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from taxonomy.views import ThemeViewSet

from .models import Author, ZeroResultSearch


class AuthorViewSet(SnippetViewSet):
    """Editors keep one record per author; articles pick them as inline authors."""

    model = Author
    icon = "user"
    list_display = ["name", "role", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name", "role"]


class ZeroResultSearchViewSet(SnippetViewSet):
    """What readers looked for and did not find: a to-do list for the editors.

    Read only: the rows are written by the search page. Editors may delete them.
    """

    model = ZeroResultSearch
    icon = "search"
    menu_label = _("Niet gevonden")
    list_display = ["query", "hits", "last_searched_on"]
    search_fields = ["query"]
    ordering = ["-hits", "-last_searched_on"]
    panels = [
        FieldPanel("query", read_only=True),
        FieldPanel("hits", read_only=True),
        FieldPanel("last_searched_on", read_only=True),
    ]


class PublishingViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, AuthorViewSet, ZeroResultSearchViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Kennisbank")
    menu_name = "kennisbank"
    menu_order = 210


register_snippet(PublishingViewSetGroup)


# The interviewees' approval (blog.approval): its history entries, the editors' screen, a
# note given on submission, and asking again when the text changes during the review.
@hooks.register("register_log_actions")
def register_approval_log_actions(actions):
    from .approval import register_log_actions

    register_log_actions(actions)


@hooks.register("register_admin_urls")
def register_approval_admin_urls():
    from .admin_views import interview_approvals

    return [
        path(
            "interview-akkoord/<int:task_state_id>/",
            interview_approvals,
            name="blog_admin_interview_approvals",
        )
    ]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def after_article_saved(request, page):
    from .approval import after_article_saved

    after_article_saved(request, page)
