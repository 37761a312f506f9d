from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    """Publishing: articles of every type, authors, themes, tags and feeds."""

    name = "blog"
    verbose_name = _("Kennisbank")

    def ready(self):
        from members.privacy import register_personal_data
        from members.sections import register_organisation_section, register_profile_section

        from . import (
            search_index,  # noqa: F401  (connects the search table's receivers)
            signals,  # noqa: F401  (connects the page-cache purges)
        )
        from .privacy import erase_adoptions, export_adoptions
        from .sections import member_articles, organisation_adoptions, organisation_articles

        register_profile_section("articles", member_articles, order=10)
        register_organisation_section("articles", organisation_articles, order=10)
        register_organisation_section("adoptions", organisation_adoptions, order=11)
        from members.sections import register_network_section

        from .sections import network_articles

        register_network_section("articles", network_articles, order=10)
        register_personal_data("overnames", export=export_adoptions, erase=erase_adoptions)

        from vakgenoten.baseline import register_baseline

        from .permissions import ensure_network_managers_group

        register_baseline(ensure_network_managers_group)
