"""RSS and Atom feeds of questions: all of them, or those of one theme.

Only live questions every visitor may read (Wagtail's view restrictions and closed networks,
``members.visibility``, leave a question out),
newest first by when they went live. A feed is public and may be cached by anyone on the way,
so the asker's name is in it only when their profile is public, as a visitor sees it on the
page; otherwise it says "Lid van Vakgenoten".
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from members.visibility import visible
from taxonomy.models import Theme
from vakgenoten import links
from vakgenoten.language import content_language

from .models import QuestionIndexPage, QuestionPage

FEED_SIZE = 20
VISITOR = AnonymousUser()


def asker_name(question):
    """The asker's name as a visitor may see it (the feed is public)."""
    asker = question.asker
    if asker is None or not asker.is_active:
        return _("verwijderde deelnemer")
    profile = getattr(asker, "profile", None)
    if profile is None or not profile.is_visible_to(VISITOR):
        return _("Lid van Vakgenoten")
    return asker.get_full_name() or _("Lid van Vakgenoten")


class QuestionRssFeed(Feed):
    """The newest questions, optionally of one theme (``/vragen/thema/<slug>/feed/rss/``)."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        """One feed, one language: the content's (Dutch), whatever the interface speaks."""
        self.request = request
        self.language = content_language()
        with translation.override(self.language):
            response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = self.language
        response["Cache-Control"] = "public, max-age=900"
        return response

    def get_object(self, request, slug=None):
        """(the questions index, the theme or None); 404 without an index or for an unknown
        theme."""
        index = QuestionIndexPage.objects.live().public().first()
        if index is None:
            raise Http404
        theme = None
        if slug is not None:
            theme = Theme.objects.filter(slug=slug).first()
            if theme is None:
                raise Http404
        return index, theme

    def title(self, obj):
        index, theme = obj
        if theme:
            return _("Vakgenoten — vragen over %(theme)s") % {"theme": theme.name}
        return _("Vakgenoten — %(title)s") % {"title": index.title}

    def description(self, obj):
        index, theme = obj
        if theme:
            return _("Nieuwe vragen over %(theme)s op Vakgenoten") % {"theme": theme.name}
        return index.intro or _("Nieuwe vragen van vakgenoten op Vakgenoten")

    def link(self, obj):
        index, theme = obj
        url = links.page_url(index, self.request)
        if theme:
            url += f"?thema={theme.slug}"
        return url

    def feed_url(self, obj):
        return links.absolute_url(self.request.get_full_path())

    def items(self, obj):
        index, theme = obj
        questions = (
            QuestionPage.objects.child_of(index)
            .live()
            .public()
            .filter(status=QuestionPage.Status.PUBLISHED)
            .select_related("asker__profile")
            .prefetch_related("themes")
            .order_by("-first_published_at", "-pk")
        )
        if theme:
            questions = questions.filter(themes=theme)
        return visible(questions, VISITOR)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The explanation as the page shows it: Markdown made safe HTML when it was saved.
        return item.body_html

    def item_link(self, item):
        return links.page_url(item, self.request)

    def item_guid(self, item):
        return links.page_url(item, self.request)

    def item_pubdate(self, item):
        return item.first_published_at or item.asked_at

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return asker_name(item)

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class QuestionAtomFeed(QuestionRssFeed):
    """The same questions as Atom, for readers that prefer it."""

    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def rss(request, slug=None):
    """A new feed object per request: the feed keeps the request while it renders."""
    return QuestionRssFeed()(request, slug=slug)


def atom(request, slug=None):
    return QuestionAtomFeed()(request, slug=slug)


def feed_urls(theme=None):
    """(RSS URL, Atom URL) of all questions or of one theme's, relative to the site, for the
    index page's ``<link rel="alternate">`` and its "Volg de vragen" links."""
    if theme is not None:
        return (
            reverse("questions:theme_feed_rss", args=[theme.slug]),
            reverse("questions:theme_feed_atom", args=[theme.slug]),
        )
    return reverse("questions:feed_rss"), reverse("questions:feed_atom")
