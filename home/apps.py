from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The roof: what puts the domains together for the reader.

    The home page's sections, search across every type of page and the demo loader need
    articles, events and comments at once. They live here, above the domains, so that the site
    layer below imports none of them.
    """

    name = "home"
    verbose_name = _("Voorpagina en zoeken")

    def ready(self):
        from blog.sitemap import SITEMAPS
        from collaborations.sitemap import CollaborationSitemap
        from events.sitemap import EventSeriesSitemap
        from vakgenoten.sections import register_home_section

        # Each section is a function of the reader (HomePage.get_context calls it): a closed
        # network's content shows only to its members (home.sections_for_reader).
        from .sections_for_reader import (
            visible_comments,
            visible_events,
            visible_featured_articles,
            visible_questions,
        )

        register_home_section("featured_articles", lambda: visible_featured_articles)
        register_home_section("upcoming_events", lambda: visible_events)
        register_home_section("latest_comments", lambda: visible_comments)
        register_home_section("open_questions", lambda: visible_questions)
        # The domains beside the blog add their pages to its sitemap from up here.
        SITEMAPS.setdefault("collaborations", CollaborationSitemap)
        SITEMAPS.setdefault("event_series", EventSeriesSitemap)
