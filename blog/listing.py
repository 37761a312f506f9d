"""How articles are listed: one queryset for every list, the filters, related and featured.

Every list of articles (the knowledge base, an author's page, the home page, feeds, related
articles) starts from :func:`article_listing_queryset`, so the number of queries does not grow
with the number of articles, authors, themes or images shown.

Comment counts: other apps add annotations to every listing through the Wagtail hook
``annotate_article_listing`` (``@hooks.register("annotate_article_listing")``, a function that
takes the queryset and returns it annotated, e.g. with ``comment_count``). The card template
shows ``article.comment_count`` when it is there.

Closed networks: every list is narrowed to what its reader may see with the one rule,
``members.visibility`` (``viewer``: the member, or None for an anonymous visitor, which is also
what feeds, the sitemap and anything shared by all readers must use).
"""

import hashlib

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag
from wagtail import hooks
from wagtail.images import get_image_model

from members.models import Organisation, Province
from members.visibility import closed_networks_joined, visible
from taxonomy.models import Theme
from vakgenoten.cache import cached_html
from vakgenoten.images import rendition_specs
from vakgenoten.queries import exclude_private

from .models import (
    ARTICLE_TYPES,
    ARTICLE_TYPES_BY_SLUG,
    Adoption,
    ArticleAuthor,
    ArticlePage,
    ArticlePageTag,
    BestPracticePage,
)

# The renditions a card shows (see blog/includes/article_card.html); prefetched with the list.
CARD_RENDITIONS = rendition_specs("fill-{480x270,960x540}")
# What a text card reads of its article (blog/includes/article_card.html with hide_image):
# the other thirty columns of the page and article tables (the body among them) stay unread.
TEXT_CARD_FIELDS = (
    "id",
    "title",
    "url_path",
    "path",
    "depth",
    "content_type_id",
    "intro",
    "publication_date",
    "reading_time",
    "adoption_count",
)
LISTING_HOOK = "annotate_article_listing"


def article_listing_queryset(queryset=None, public_only=True, viewer=None, pictures=True):
    """Live, public articles that ``viewer`` may see (None: an anonymous visitor), newest
    first, with what a card needs fetched in a fixed number of queries: authors with their
    organisation and, with ``pictures``, the hero image and its card renditions. Lists that
    show no pictures ("Lees ook", "Voor jou", the feeds) pass ``pictures=False`` and skip
    those two queries; a card is told so with ``hide_image``. Themes are not fetched: no card
    shows them (the feeds, whose items name them, ask for them).

    Apps annotate the result through the ``annotate_article_listing`` hook (comment counts).
    ``public_only=False`` keeps articles in a members-only section and of closed networks, for
    a caller that has already limited ``queryset`` to what its one reader may open (the roof's
    "Voor jou").
    """
    if queryset is None:
        queryset = ArticlePage.objects.all()
    live = _readable(queryset, viewer) if public_only else queryset.live()
    queryset = live.prefetch_related(
        Prefetch(
            "article_authors",
            queryset=ArticleAuthor.objects.select_related("author__organisation"),
        ),
    ).order_by("-publication_date", "-first_published_at", "-pk")
    if pictures:
        queryset = queryset.prefetch_related(
            Prefetch(
                "hero_image",
                queryset=get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS),
            )
        )
    for annotate in hooks.get_hooks(LISTING_HOOK):
        queryset = annotate(queryset)
    return queryset


def kept_cards(name, page_obj, request, page_id, heading_level=2):
    """The HTML of one page of article cards (``page_obj``, from a list of
    :func:`article_listing_queryset`), kept as a part of the listing page ``page_id``; empty
    when the page lists none.

    A card shows nothing of who reads it, so every reader of the same list (``name``: its
    filters, order and the readers' ``visibility_scope``) gets the same page of cards. Members
    never get the listing page whole from the cache; with this they skip its list queries and
    twelve card renders. Whatever changes a card (a publish, a comment, an adoption below the
    listing page, a theme, an author, a network) purges the listing page, and the part with it.
    """

    def render():
        articles = list(page_obj.object_list)
        if not articles:
            return ""
        context = {"articles": articles, "heading_level": heading_level, "request": request}
        return render_to_string("blog/includes/article_card_list.html", context)

    return cached_html(f"cards-{name}-{page_obj.number}", render, page_id=page_id)


def articles_to_count(pages, viewer=None):
    """The articles :func:`article_listing_queryset` lists from ``pages`` (Wagtail pages), as
    a queryset to count: the type of page instead of a join with the article table, so the
    count reads Wagtail's page table alone (with :meth:`ArticleFilters.conditions`, filtered).
    33 ms instead of 84 for the knowledge base's 100,000 articles, a count made again after
    every publish. Every row is an article, so the closed-network rule asks only the
    articles' link table, not the events' and questions' too (23 ms → 18 ms at 100,000)."""
    return _readable(pages.type(ArticlePage), viewer, rows_are=ArticlePage)


def _readable(pages, viewer, rows_are=None):
    """Live, not in a private section, not kept from ``viewer`` by a closed network."""
    return visible(exclude_private(pages.live()), viewer or AnonymousUser(), rows_are=rows_are)


def featured_articles(limit=4, viewer=None):
    """For the home page: articles the editors marked "uitgelicht" first, then the newest,
    of those ``viewer`` may see."""
    return list(
        article_listing_queryset(viewer=viewer).order_by(
            "-featured", "-publication_date", "-first_published_at", "-pk"
        )[:limit]
    )


def related_articles(article, themes=None, limit=3, viewer=None):
    """The editor's choice of related articles, or else the newest on the same themes; only
    those ``viewer`` may see (an editor may link a closed network's article from a public one).
    """
    chosen_ids = list(
        article.related_article_links.order_by("sort_order").values_list("article_id", flat=True)
    )
    # Text cards only under an article (article_page.html: no_pictures).
    queryset = (
        article_listing_queryset(viewer=viewer, pictures=False)
        .exclude(pk=article.pk)
        .only(*TEXT_CARD_FIELDS)
    )
    if chosen_ids:
        by_id = {item.pk: item for item in queryset.filter(pk__in=chosen_ids)}
        return [by_id[pk] for pk in chosen_ids if pk in by_id][:limit]
    theme_ids = [theme.pk for theme in (themes if themes is not None else article.themes.all())]
    if not theme_ids:
        return list(queryset[:limit])
    matching = ArticlePage.objects.filter(themes__in=theme_ids).values("pk")
    return list(queryset.filter(pk__in=matching)[:limit])


def visibility_scope(viewer):
    """A short name for everything ``viewer`` may see, for parts kept in the cache and shared
    by readers (related articles): readers with the same name see the same articles.

    Not a second rule: the name only sorts readers into groups that ``members.visibility``
    treats alike (no closed network, all of them, or exactly these closed networks). A
    member's name comes from their closed networks, kept as their own part of the shared
    cache (``members.visibility.closed_networks_joined``: read with their other parts, no
    query). "public" for a visitor; kept on the user object for the rest of the request.
    """
    if viewer is None or not viewer.is_authenticated:
        return "public"
    if viewer.is_superuser and viewer.is_active:
        return "all"
    scope = getattr(viewer, "_closed_network_scope", None)
    if scope is None:
        scope = viewer._closed_network_scope = _closed_network_scope(viewer)
    return scope


def _closed_network_scope(viewer):
    ids = sorted(closed_networks_joined(viewer))
    scope = "nets-" + "-".join(map(str, ids)) if ids else "public"
    if len(scope) > 40:  # a key of bounded length however many networks
        scope = "nets-" + hashlib.sha256(scope.encode()).hexdigest()[:16]
    return scope


class ArticleFilters:
    """The listing filters, read from GET parameters so they work without JavaScript.

    ``type`` (interview, praktijkvoorbeeld, blog, nieuws), ``thema`` (a theme slug) and
    ``tag`` (a tag slug). Unknown values are ignored and reported in :attr:`unknown`.
    """

    SORT_NEWEST = ""
    SORT_MOST_ADOPTED = "meest-overgenomen"

    def __init__(self, params):
        self.type_slug = (params.get("type") or "").strip()
        self.theme_slug = (params.get("thema") or "").strip()
        self.tag_slug = (params.get("tag") or "").strip()
        # Practice examples only: where the organisations behind it sit, what kind they are,
        # whether others took it over (and how far they got), and the order.
        self.province_slug = (params.get("provincie") or "").strip()
        self.kind_slug = (params.get("organisatiesoort") or "").strip()
        self.adoption_slug = (params.get("overgenomen") or "").strip()
        self.sort_slug = (params.get("volgorde") or "").strip()

    provinces = Province.choices
    organisation_kinds = Organisation.Kind.choices
    adoption_statuses = Adoption.Status.choices

    @property
    def sorts(self):
        return [
            (self.SORT_NEWEST, _("Nieuwste eerst")),
            (self.SORT_MOST_ADOPTED, _("Meest overgenomen")),
        ]

    @property
    def province(self):
        return self.province_slug if self.province_slug in Province.values else ""

    @property
    def province_label(self):
        return Province(self.province).label if self.province else ""

    @property
    def organisation_kind(self):
        return self.kind_slug if self.kind_slug in Organisation.Kind.values else ""

    @property
    def organisation_kind_label(self):
        return Organisation.Kind(self.organisation_kind).label if self.organisation_kind else ""

    @property
    def adoption_status(self):
        """A status ("ingevoerd"), or "ja" for any adopter at all, or ""."""
        if self.adoption_slug == "ja" or self.adoption_slug in Adoption.Status.values:
            return self.adoption_slug
        return ""

    @property
    def adoption_status_label(self):
        if self.adoption_status == "ja":
            return _("door anderen overgenomen")
        if self.adoption_status:
            return _("overgenomen, %(status)s") % {
                "status": Adoption.Status(self.adoption_status).label.lower()
            }
        return ""

    @property
    def sort(self):
        return self.sort_slug if self.sort_slug == self.SORT_MOST_ADOPTED else self.SORT_NEWEST

    @property
    def practice_filters(self):
        """Whether a filter only practice examples have is on (then only those are listed)."""
        return bool(self.province or self.organisation_kind or self.adoption_status)

    @cached_property
    def themes(self):
        return list(Theme.objects.all())

    @cached_property
    def theme(self):
        return next((theme for theme in self.themes if theme.slug == self.theme_slug), None)

    @cached_property
    def tag(self):
        if not self.tag_slug:
            return None
        return Tag.objects.filter(slug=self.tag_slug).first()

    @property
    def article_type(self):
        return ARTICLE_TYPES_BY_SLUG.get(self.type_slug)

    @property
    def types(self):
        return ARTICLE_TYPES

    @property
    def active(self):
        return bool(self.article_type or self.theme or self.tag or self.practice_filters)

    def list_key(self, viewer):
        """A short name for the list these filters give ``viewer`` (the order aside): the
        filters that apply, not the words typed, so an unknown value names the whole list."""
        chosen = [
            self.type_slug if self.article_type else "",
            self.theme.slug if self.theme else "",
            self.tag.slug if self.tag else "",
            self.province,
            self.organisation_kind,
            self.adoption_status,
        ]
        digest = hashlib.sha256("|".join(chosen).encode()).hexdigest()[:16]
        return f"{visibility_scope(viewer)}:{digest}"

    @property
    def unknown(self):
        """The filters given a value that is not known: ignored, and named on the page."""
        given = (
            (self.type_slug, self.article_type, _("soort")),
            (self.theme_slug, self.theme, _("thema")),
            (self.tag_slug, self.tag, _("trefwoord")),
            (self.province_slug, self.province, _("provincie")),
            (self.kind_slug, self.organisation_kind, _("soort organisatie")),
            (self.adoption_slug, self.adoption_status, _("overgenomen")),
            (self.sort_slug, self.sort == self.sort_slug, _("volgorde")),
        )
        return [name for value, known, name in given if value and not known]

    def apply(self, queryset):
        """``queryset`` narrowed to what the filters choose, in the chosen order."""
        queryset = queryset.filter(*self.conditions())
        if self.sort == self.SORT_MOST_ADOPTED:
            queryset = queryset.order_by(
                "-adoption_count", "-publication_date", "-first_published_at", "-pk"
            )
        return queryset

    def conditions(self):
        """What the filters choose, each as one condition on the page itself (its type, or
        its id in a subquery), so they narrow Wagtail's pages as well as articles: the
        knowledge base counts its list on the page table (:func:`articles_to_count`). The
        number of queries stays the same whatever is chosen."""
        conditions = []
        if self.article_type:
            conditions.append(ArticlePage.objects.type_q(self.article_type.model))
        if self.theme:
            themed = ArticlePage.themes.through.objects.filter(theme=self.theme)
            conditions.append(Q(pk__in=themed.values("articlepage_id")))
        if self.tag:
            tagged = ArticlePageTag.objects.filter(tag=self.tag)
            conditions.append(Q(pk__in=tagged.values("content_object_id")))
        # Practice examples only. One organisation in that province and of that kind.
        lookups = {}
        if self.province:
            lookups["organisations__province"] = self.province
        if self.organisation_kind:
            lookups["organisations__kind"] = self.organisation_kind
        if lookups:
            conditions.append(Q(pk__in=BestPracticePage.objects.filter(**lookups).values("pk")))
        if self.adoption_status == "ja":
            adopted = ArticlePage.objects.filter(adoption_count__gt=0)
            conditions.append(Q(pk__in=adopted.values("pk")))
        elif self.adoption_status:
            adoptions = Adoption.objects.filter(status=self.adoption_status)
            conditions.append(Q(pk__in=adoptions.values("page_id")))
        return conditions
