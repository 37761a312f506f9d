from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    """Themes: the shared vocabulary that articles, events and member profiles are tagged with.

    Below every domain, so members, blog and events can all use it without importing each other.
    """

    name = "taxonomy"
    verbose_name = _("Thema's")

    def ready(self):
        from . import signals  # noqa: F401  (connects the cache purges)
