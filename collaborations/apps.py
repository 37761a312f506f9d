from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationsConfig(AppConfig):
    """Collaborations between organisations (joint arrangements, covenants, a central
    municipality): who works with whom on what, in a list, a page each and a map."""

    name = "collaborations"
    label = "collaborations"
    verbose_name = _("Samenwerkingsverbanden")

    def ready(self):
        from members.sections import register_organisation_section

        from . import signals  # noqa: F401  (connects the page-cache purge)
        from .sections import organisation_collaborations

        register_organisation_section("collaborations", organisation_collaborations, order=15)
        from members.sections import register_network_section

        from .sections import network_collaborations

        register_network_section("collaborations", network_collaborations, order=40)
