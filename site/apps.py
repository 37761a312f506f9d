from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VakgenotenConfig(AppConfig):
    """Site layer: home and standard pages, site settings, search, health, error pages."""

    name = "vakgenoten"
    label = "vakgenoten"
    verbose_name = _("Website")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401  (connects the page-cache purges)
        from .baseline import after_migrate, register_baseline
        from .links import follow_site_url

        post_migrate.connect(after_migrate, dispatch_uid="vakgenoten.baseline")
        # The default Wagtail Site follows SITE_URL after every migrate (settings.base).
        register_baseline(follow_site_url)
