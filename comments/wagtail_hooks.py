"""The comments in the Wagtail admin: the "Reacties" menu with the pending count, the queue,
bans, trusted members, closed pages and settings; and comment counts on article listings."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import SubMenuItem as SubMenuItemComponent
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Comment, CommentClosure, TrustedCommenter
from .threads import annotate_comment_counts


class TrustedCommenterViewSet(SnippetViewSet):
    model = TrustedCommenter
    icon = "user"
    menu_label = _("Vertrouwde leden")
    add_to_admin_menu = False
    list_display = ["user", "note", "created_at"]
    search_fields = ["note"]


class CommentClosureViewSet(SnippetViewSet):
    model = CommentClosure
    icon = "lock"
    menu_label = _("Reacties gesloten op pagina")
    add_to_admin_menu = False
    list_display = ["page", "reason", "created_at"]


register_snippet(TrustedCommenterViewSet)
register_snippet(CommentClosureViewSet)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    urls = [
        path("", admin_views.QueueView.as_view(), name="queue"),
        path("geschiedenis/", admin_views.HistoryView.as_view(), name="history"),
        path("<int:pk>/", admin_views.DetailView.as_view(), name="detail"),
        path("schorsingen/", admin_views.BanListView.as_view(), name="bans"),
        path("schorsingen/nieuw/", admin_views.BanCreateView.as_view(), name="ban_add"),
        path("schorsingen/<int:pk>/opheffen/", admin_views.BanLiftView.as_view(), name="ban_lift"),
    ]
    return [path("reacties/", include((urls, "comments_admin")))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_moderate(request.user)


class SnippetMenuItem(MenuItem):
    """A link to a snippet listing, shown to whoever may see that snippet."""

    def __init__(self, label, url_name, model, **kwargs):
        self.url_name = url_name
        self.model = model
        super().__init__(label, "", **kwargs)

    def is_shown(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or (
            request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        )

    def render_component(self, request):
        self.url = reverse(self.url_name)
        return super().render_component(request)


class BansMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("comments.view_commentban")


class SettingsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("comments.change_commentsettings")


class CommentsMenuItem(SubmenuMenuItem):
    """ "Reacties" in the admin menu, with the number of comments waiting for moderation."""

    def render_component(self, request):
        pending = 0
        if admin_views.can_moderate(request.user):
            pending = Comment.objects.pending().count()
        label = f"{self.label} ({pending})" if pending else self.label
        return SubMenuItemComponent(
            self.name,
            label,
            self.menu.render_component(request),
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("register_admin_menu_item")
def register_comments_menu():
    menu = Menu(
        items=[
            ModeratorMenuItem(
                _("Moderatie"), reverse("comments_admin:queue"), icon_name="comment", order=100
            ),
            ModeratorMenuItem(
                _("Geschiedenis"),
                reverse("comments_admin:history"),
                icon_name="history",
                order=200,
            ),
            BansMenuItem(
                _("Schorsingen"),
                reverse("comments_admin:bans"),
                icon_name="warning",
                order=250,
            ),
            SnippetMenuItem(
                _("Vertrouwde leden"),
                "wagtailsnippets_comments_trustedcommenter:list",
                TrustedCommenter,
                icon_name="user",
                order=300,
            ),
            SnippetMenuItem(
                _("Gesloten pagina's"),
                "wagtailsnippets_comments_commentclosure:list",
                CommentClosure,
                icon_name="lock",
                order=400,
            ),
            SettingsMenuItem(
                _("Regels"),
                reverse("wagtailsettings:edit", args=["comments", "commentsettings"]),
                icon_name="cog",
                order=500,
            ),
        ]
    )
    return CommentsMenuItem(_("Reacties"), menu, name="reacties", icon_name="comment", order=250)


@hooks.register("annotate_article_listing")
def add_comment_counts(queryset):
    """Blog's listings show "12 reacties" on each card: one subquery, no query per card."""
    return annotate_comment_counts(queryset)
