"""Admin screens of the site layer: the problem reports readers send in, and the admin's
own colours."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import pgettext_lazy

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ProblemReport


class ProblemReportViewSet(SnippetViewSet):
    """Editors read reports, note what they did and mark them as handled."""

    model = ProblemReport
    icon = "warning"
    menu_label = pgettext_lazy("meldingen van lezers aan de redactie", "Meldingen")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["message", "page_url", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["message", "page_url", "name"]
    ordering = ["-created_at"]
    panels = [
        FieldPanel("message", read_only=True),
        FieldRowPanel(
            [FieldPanel("page_url", read_only=True), FieldPanel("created_at", read_only=True)]
        ),
        FieldRowPanel([FieldPanel("name", read_only=True), FieldPanel("email", read_only=True)]),
        FieldPanel("status"),
        FieldPanel("editor_note"),
    ]


register_snippet(ProblemReportViewSet)


@hooks.register("before_serve_page")
def remember_page_for_the_cache(page, request, serve_args, serve_kwargs):
    """The page cache stores a response under the page that rendered it."""
    request.cached_page_id = page.pk


@hooks.register("insert_global_admin_css")
def admin_in_vakgenoten_colours():
    """Vakgenoten's colours in the admin (the logo comes from templates/wagtailadmin/)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
