"""The editing form of an article and the review panel at its top.

``ArticleAdminForm`` starts the "notitie voor de redactie" empty on every edit, so a note
belongs to the version it was submitted with and never travels on unnoticed. The panel shows
what the author and the reviewers said to each other in the current review (the notes given on
submission, the reviewers' comments) and, for an interview, each interviewee's answer.
"""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import Panel

from members.content_rights import NetworkChoicesFormMixin


class ArticleAdminForm(NetworkChoicesFormMixin, WagtailAdminPageForm):
    """The article editor's form. A network manager picks only networks they manage, and the
    article keeps at least one of them (``blog.permissions``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .permissions import ArticleScope

        self.network_scope_class = ArticleScope
        self.limit_network_choices()
        if "review_note" in self.fields and self.instance.pk:
            self.initial["review_note"] = ""


class ReviewStatusPanel(Panel):
    """Read-only: the conversation of the newest review of this article, when there is one."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "blog/admin/review_status_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.review = None
            if self.instance is not None and self.instance.pk and self.request is not None:
                from .review import review_summary

                self.review = review_summary(self.instance, self.request.user)

        def is_shown(self):
            return bool(self.review)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["review"] = self.review
            return context
