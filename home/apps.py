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
        from blog.listing import featured_articles, visibility_scope
        from blog.sitemap import SITEMAPS
        from collaborations.sitemap import CollaborationSitemap
        from comments.threads import latest_comments
        from events.listing import agenda_url, upcoming_events
        from events.sitemap import EventSeriesSitemap
        from questions.listing import open_questions
        from vakgenoten.sections import register_home_section

        # Each is called with the reader: a closed network's content is for its members only.
        # Each is kept in the shared cache per group of readers who see the same
        # (``visibility_scope``), so a member's home page is read from there, not queried.
        register_home_section(
            "featured_articles",
            lambda reader: featured_articles(limit=3, viewer=reader),
            scope=visibility_scope,
        )
        register_home_section(
            "upcoming_events",
            lambda reader: upcoming_events(limit=3, viewer=reader),
            scope=visibility_scope,
        )
        # "The whole agenda" under them: its address, kept like the sections, not looked up per
        # render.
        register_home_section("agenda_url", lambda reader: agenda_url(), scope=lambda reader: "all")
        # The conversation on the home page is the public one, for every reader: a comment on
        # a members-only page or a closed network's page never appears there.
        register_home_section(
            "latest_comments", lambda reader: latest_comments(limit=5), scope=lambda reader: "all"
        )
        register_home_section(
            "open_questions",
            lambda reader: open_questions(limit=3, viewer=reader),
            scope=visibility_scope,
        )
        # The domains beside the blog add their pages to its sitemap from up here.
        SITEMAPS.setdefault("collaborations", CollaborationSitemap)
        SITEMAPS.setdefault("event_series", EventSeriesSitemap)
