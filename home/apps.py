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
        from blog.listing import featured_articles
        from blog.sitemap import SITEMAPS
        from collaborations.sitemap import CollaborationSitemap
        from comments.threads import latest_comments
        from events.listing import upcoming_events
        from events.sitemap import EventSeriesSitemap
        from questions.listing import open_questions
        from vakgenoten.sections import register_home_section

        register_home_section("featured_articles", lambda: featured_articles(limit=3))
        register_home_section("upcoming_events", lambda: upcoming_events(limit=3))
        register_home_section("latest_comments", lambda: latest_comments(limit=5))
        register_home_section("open_questions", lambda: open_questions(limit=3))
        # The domains beside the blog add their pages to its sitemap from up here.
        SITEMAPS.setdefault("collaborations", CollaborationSitemap)
        SITEMAPS.setdefault("event_series", EventSeriesSitemap)
