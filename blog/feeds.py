"""RSS and Atom feeds of the knowledge base: all articles, the articles of one theme, or the
articles of one network.

A feed is public (readers fetch it without signing in, proxies keep it): it lists what an
anonymous visitor may see, never a closed network's articles, whoever asks for it.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from members.models import Network
from vakgenoten import links
from vakgenoten.language import content_language

from .listing import article_listing_queryset
from .models import ArticlePage

FEED_SIZE = 20


class ArticleRssFeed(Feed):
    """The newest articles below a knowledge base page, optionally of one theme."""

    feed_type = Rss201rev2Feed

    def __init__(self, index_page, theme=None):
        super().__init__()
        self.index_page = index_page
        self.theme = theme

    def __call__(self, request, *args, **kwargs):
        """The whole feed speaks the language of its articles (Dutch), whatever language the
        visitor chose for the interface: one feed, one language (RSS ``<language>``, Atom
        ``xml:lang``)."""
        self.request = request
        self.language = content_language()
        with translation.override(self.language):
            response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = self.language
        response["Cache-Control"] = "public, max-age=900"
        return response

    def title(self):
        if self.theme:
            return _("Vakgenoten — %(theme)s") % {"theme": self.theme.name}
        return _("Vakgenoten — %(title)s") % {"title": self.index_page.title}

    def description(self):
        if self.theme:
            return self.theme.description or _("Artikelen over %(theme)s") % {
                "theme": self.theme.name
            }
        return self.index_page.intro or _("Nieuwe artikelen op Vakgenoten")

    def link(self):
        url = links.page_url(self.index_page, self.request)
        if self.theme:
            url += f"?thema={self.theme.slug}"
        return url

    def feed_url(self):
        return links.absolute_url(self.request.get_full_path())

    def items(self):
        # viewer=None: an anonymous visitor, whoever fetches the feed (see the module docstring).
        queryset = article_listing_queryset(
            ArticlePage.objects.child_of(self.index_page), viewer=None, pictures=False
        ).prefetch_related("themes")
        if self.theme:
            queryset = queryset.filter(themes=self.theme)
        return queryset[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers treat the description as HTML: escape the plain-text intro once more.
        return escape(item.intro)

    def item_link(self, item):
        return links.page_url(item, self.request)

    def item_guid(self, item):
        return links.page_url(item, self.request)

    def item_pubdate(self, item):
        """The publication date the editor set, at the moment of publishing if that day."""
        published = item.first_published_at
        if published and timezone.localdate(published) == item.publication_date:
            return published
        return self._start_of_day(item.publication_date)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return ", ".join(link.author.name for link in item.article_authors.all()) or None

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]

    @staticmethod
    def _start_of_day(date):
        return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


class ArticleAtomFeed(ArticleRssFeed):
    """The same articles as Atom, for readers that prefer it."""

    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


class NetworkArticleRssFeed(ArticleRssFeed):
    """The newest articles of one network (``ArticlePage.networks``), for a feed reader.

    A feed reader fetches without signing in and the response may be cached publicly, so the
    feed carries what a visitor may see (``members.visibility``): a closed network's feed holds
    none of its closed articles, only those it shares with the public.
    """

    def __init__(self):
        super().__init__(index_page=None)

    def get_object(self, request, slug):
        return get_object_or_404(Network, slug=slug)

    def title(self, network):
        return _("Vakgenoten — %(network)s") % {"network": network.name}

    def description(self, network):
        return network.description or _("Artikelen van %(network)s op Vakgenoten") % {
            "network": network.name
        }

    def link(self, network):
        return links.absolute_url(network.get_absolute_url())

    def items(self, network):
        # viewer=None: an anonymous visitor, whoever fetches the feed (see the module docstring).
        queryset = ArticlePage.objects.filter(networks=network)
        return article_listing_queryset(queryset, viewer=None, pictures=False).prefetch_related(
            "themes"
        )[:FEED_SIZE]


class NetworkArticleAtomFeed(NetworkArticleRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, network):
        return self.description(network)


def network_rss(request, slug):
    """A fresh feed per request: a feed keeps the request on itself while it renders."""
    return NetworkArticleRssFeed()(request, slug=slug)


def network_atom(request, slug):
    return NetworkArticleAtomFeed()(request, slug=slug)
