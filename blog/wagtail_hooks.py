"""Admin screens for publishing: the articles, themes, authors, the adoptions ("Wij doen dit
ook") and the searches that found nothing, together under "Kennisbank"."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from members.content_rights import NetworkContentPagePolicy, register_scope
from taxonomy.views import ThemeViewSet

from .models import Adoption, ArticlePage, Author, BlogIndexPage, ZeroResultSearch
from .permissions import ArticleScope


class ArticleListingViewSet(PageListingViewSet):
    """Every article of every type in one list, the first thing "Kennisbank" opens: the pages
    a user may see in the explorer, with Wagtail's own filters and "add" button."""

    model = ArticlePage
    icon = "doc-full"
    menu_label = _("Artikelen")
    name = "artikelen"


class AuthorViewSet(SnippetViewSet):
    """Editors keep one record per author; articles pick them as inline authors."""

    model = Author
    icon = "user"
    list_display = ["name", "role", "organisation"]
    list_filter = ["organisation"]
    # No search_fields here: the listing searches the model's own (name and role, see
    # Author.search_fields). Naming fields made SQLite's full-text backend query a column
    # its index does not have ("no such column: name"), so the search failed on the demo.


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, except that nobody adds rows (and so nobody copies one)."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


register_permission_policy(ZeroResultSearch, ReadOnlyPermissionPolicy(ZeroResultSearch))


class ZeroResultSearchViewSet(SnippetViewSet):
    """What readers looked for and did not find: a to-do list for the editors.

    Read only: the rows are written by the search page. Editors may look at a row and delete
    it; nobody adds or copies one (the policy denies "add", which hides both buttons and
    refuses both URLs). Editors have no "change" permission, so a row opens the inspect view.
    """

    model = ZeroResultSearch
    icon = "search"
    menu_label = _("Niet gevonden")
    list_display = ["query", "hits", "last_searched_on"]
    search_fields = ["query"]
    ordering = ["-hits", "-last_searched_on"]
    inspect_view_enabled = True
    inspect_view_fields = ["query", "hits", "last_searched_on"]
    panels = [
        FieldPanel("query", read_only=True),
        FieldPanel("hits", read_only=True),
        FieldPanel("last_searched_on", read_only=True),
    ]


register_permission_policy(Adoption, ReadOnlyPermissionPolicy(Adoption))


class AdoptionViewSet(SnippetViewSet):
    """Who took which practice example over: members add them on the site; editors may
    correct the status or a note, or delete one (a note that does not belong there). Nobody
    adds one here: an adoption is an organisation's own word."""

    model = Adoption
    icon = "group"
    menu_label = _("Overnames")
    list_display = ["organisation", "page", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["note"]
    ordering = ["-created_at"]
    panels = [
        FieldPanel("page", read_only=True),
        FieldPanel("organisation", read_only=True),
        FieldPanel("status"),
        FieldPanel("note"),
    ]


class PublishingViewSetGroup(SnippetViewSetGroup):
    items = (
        ArticleListingViewSet,
        ThemeViewSet,
        AuthorViewSet,
        AdoptionViewSet,
        ZeroResultSearchViewSet,
    )
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


# Network managers (blog.permissions): the admin's page lists and the explorer below the
# knowledge base show only the articles of their networks.
register_scope(ArticleScope)
# Wagtail asks the policy of the page type for its listing by type ("Artikelen").
register_permission_policy(ArticlePage, NetworkContentPagePolicy())


@hooks.register("construct_explorer_page_queryset")
def hide_other_networks_articles(parent_page, pages, request):
    if parent_page.specific_class is not BlogIndexPage:
        return pages
    scope = ArticleScope.of(request.user)
    if scope.has_full_rights_over(parent_page):
        return pages
    return scope.without_others(pages)
