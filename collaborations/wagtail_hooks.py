"""The collaborations in the admin: a snippet with its participants inline."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Collaboration


class CollaborationViewSet(SnippetViewSet):
    model = Collaboration
    icon = "group"
    list_display = ["name", "legal_form", "since"]
    list_filter = ["legal_form", "themes"]
    search_fields = ["name", "description", "tasks"]
    search_backend_name = None  # the database's own search over these fields, no index to keep


register_snippet(CollaborationViewSet)
