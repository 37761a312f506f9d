"""The knowledge base: its listing page, the four article types that share one base, and the
one list of those types (``ARTICLE_TYPES``)."""

import math
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.forms import CheckboxSelectMultiple
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from members.models import NetworkContent
from taxonomy.models import Theme
from vakgenoten.images import SOCIAL_IMAGE_FILTER, rendition_specs, with_renditions
from vakgenoten.models import PersonOnPage
from vakgenoten.pagination import KeptCountPaginator
from vakgenoten.view_restrictions import KeptViewRestrictions

from ..blocks import ArticleStreamBlock
from ..panels import ArticleAdminForm, ReviewStatusPanel
from .authors import Author

WORDS_PER_MINUTE = 200
LISTING_PAGE_SIZE = 12
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class BlogIndexPage(KeptViewRestrictions, RoutablePageMixin, Page):
    """The knowledge base ("Kennisbank"): every article, filterable by type, theme and tag.

    Its routes also serve an author's articles and the RSS and Atom feeds, so the whole
    knowledge base lives under one address.
    """

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["vakgenoten.HomePage"]
    # subpage_types: the article types (ARTICLE_TYPES, at the end of this module)
    max_count = 1

    class Meta:
        verbose_name = _("kennisbank")
        verbose_name_plural = _("kennisbanken")

    def permissions_for_user(self, user):
        """Network managers add articles here, but do not edit the knowledge base itself."""
        from ..permissions import KnowledgeBasePermissionTester

        return KnowledgeBasePermissionTester(user, self)

    def articles(self, viewer=None):
        """The live, public articles below this page that ``viewer`` may see (None: a
        visitor), ready for a listing."""
        from ..listing import article_listing_queryset

        return article_listing_queryset(ArticlePage.objects.child_of(self), viewer=viewer)

    @path("")
    def index_route(self, request):
        from ..listing import ArticleFilters, articles_to_count, kept_cards

        filters = ArticleFilters(request.GET)
        articles = filters.apply(self.articles(request.user))
        list_key = filters.list_key(request.user)
        paginator = KeptCountPaginator(
            articles,
            LISTING_PAGE_SIZE,
            key=list_key,
            page_id=self.pk,
            counted=articles_to_count(
                Page.objects.child_of(self).filter(*filters.conditions()), request.user
            ),
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        cards = kept_cards(f"{list_key}:{filters.sort or '-'}", page_obj, request, self.pk)
        return self.render(
            request,
            context_overrides={"filters": filters, "cards": cards, "page_obj": page_obj},
        )

    @path("auteur/<slug:slug>/", name="author")
    def author_route(self, request, slug):
        author = get_object_or_404(
            Author.objects.select_related("organisation", "photo", "user__profile"), slug=slug
        )
        from ..listing import articles_to_count, kept_cards, visibility_scope

        written = Q(pk__in=ArticleAuthor.objects.filter(author=author).values("page_id"))
        list_key = f"author-{author.pk}:{visibility_scope(request.user)}"
        paginator = KeptCountPaginator(
            self.articles(request.user).filter(written),
            LISTING_PAGE_SIZE,
            key=list_key,
            page_id=self.pk,
            counted=articles_to_count(Page.objects.child_of(self).filter(written), request.user),
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        return TemplateResponse(
            request,
            "blog/author_articles.html",
            {
                **self.get_context(request),
                "author": author,
                "cards": kept_cards(list_key, page_obj, request, self.pk, heading_level=3),
                "page_obj": page_obj,
            },
        )

    @path("feed/rss/", name="feed_rss")
    def rss_route(self, request):
        from ..feeds import ArticleRssFeed

        return ArticleRssFeed(self)(request)

    @path("feed/atom/", name="feed_atom")
    def atom_route(self, request):
        from ..feeds import ArticleAtomFeed

        return ArticleAtomFeed(self)(request)

    @path("thema/<slug:slug>/feed/rss/", name="theme_feed_rss")
    def theme_rss_route(self, request, slug):
        from ..feeds import ArticleRssFeed

        return ArticleRssFeed(self, theme=self._theme_or_404(slug))(request)

    @path("thema/<slug:slug>/feed/atom/", name="theme_feed_atom")
    def theme_atom_route(self, request, slug):
        from ..feeds import ArticleAtomFeed

        return ArticleAtomFeed(self, theme=self._theme_or_404(slug))(request)

    def _theme_or_404(self, slug):
        theme = Theme.objects.filter(slug=slug).first()
        if theme is None:
            raise Http404
        return theme

    def feed_urls(self, theme=None, request=None):
        """(RSS URL, Atom URL) for all articles or for one theme, relative to the site."""
        base = self.get_url(request) or ""
        if theme is not None:
            return (
                base + self.reverse_subpage("theme_feed_rss", args=[theme.slug]),
                base + self.reverse_subpage("theme_feed_atom", args=[theme.slug]),
            )
        return base + self.reverse_subpage("feed_rss"), base + self.reverse_subpage("feed_atom")


# What the article's header shows of its hero image (blog/article_page.html), and of an
# author's photo (blog/includes/author_bio.html).
HERO_RENDITIONS = rendition_specs("width-{800,1600}")
AUTHOR_PHOTO_RENDITIONS = rendition_specs("fill-{96x96,192x192}")


class ArticlePageTag(TaggedItemBase):
    """The link between an article and one of its free tags."""

    content_object = ParentalKey(
        "blog.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(KeptViewRestrictions, NetworkContent, Page):
    """What every article shares: intro, hero image, body, authors, themes, tags, date.

    Not created directly: editors choose one of the four article types. Because this is a
    concrete model, the knowledge base lists and filters all types in one query, and other
    parts of the site (comments) can refer to "an article" without knowing its type.
    """

    intro = models.TextField(
        _("introductie"),
        max_length=500,
        help_text=_("Twee of drie zinnen die zeggen waar het artikel over gaat."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hoofdafbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("tekstalternatief van de hoofdafbeelding"),
        max_length=250,
        blank=True,
        help_text=_("Verplicht bij een afbeelding: beschrijf wat er te zien is."),
    )
    hero_caption = models.CharField(_("onderschrift"), max_length=250, blank=True)
    body = StreamField(ArticleStreamBlock(), verbose_name=_("inhoud"), blank=True)
    publication_date = models.DateField(
        _("publicatiedatum"), default=timezone.localdate, db_index=True
    )
    themes = ParentalManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, verbose_name=_("trefwoorden"), blank=True)
    featured = models.BooleanField(
        _("uitgelicht"),
        default=False,
        help_text=_("Toon dit artikel bovenaan de startpagina."),
    )
    reading_time = models.PositiveSmallIntegerField(
        _("leestijd in minuten"), default=1, editable=False
    )
    # Counted with the reading time when the article is saved, for its structured data
    # (``article_json_ld``): a first render then walks no blocks. None on a row saved before
    # the field existed; ``words`` counts those.
    word_count = models.PositiveIntegerField(_("aantal woorden"), null=True, editable=False)
    # How many organisations took this over (practice examples; 0 for the other types), kept by
    # blog.signals whenever an adoption comes or goes: "meest overgenomen"
    # reads an index instead of counting every article's adoptions. Not taken from a revision
    # (with_content_json) nor copied with the page.
    adoption_count = models.PositiveIntegerField(
        _("aantal keer overgenomen"), default=0, editable=False
    )
    # Kept in each revision, so the note belongs to the version it came with; never shown on
    # the site. The edit form starts it empty every time (blog.panels.ArticleAdminForm).
    review_note = models.TextField(
        _("notitie voor de redactie"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Alleen voor de redactie, bij deze versie: wat moet de redactie weten bij het "
            "beoordelen? Wordt nooit op de site getoond."
        ),
    )

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "article_authors", [index.RelatedFields("author", [index.SearchField("name")])]
        ),
        index.FilterField("publication_date"),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    is_creatable = False
    base_form_class = ArticleAdminForm

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikelen")
        indexes = [
            # The home page's articles: featured first, then the newest. Read in this order,
            # so the list stops after a few rows instead of sorting every article.
            models.Index(
                models.F("featured").desc(),
                models.F("publication_date").desc(),
                name="blog_article_featured_newest",
            ),
            # "Meest overgenomen eerst" in the knowledge base, read in this order.
            models.Index(
                models.F("adoption_count").desc(),
                models.F("publication_date").desc(),
                name="blog_article_most_adopted",
            ),
        ]

    # A copy has not been taken over by anyone yet.
    exclude_fields_in_copy = ["adoption_count"]

    def with_content_json(self, content):
        """A revision does not hold the adoption count: publishing an older draft keeps the
        count the page has now (read from the database: this instance may be older)."""
        obj = super().with_content_json(content)
        stored = ArticlePage.objects.filter(pk=self.pk).values_list("adoption_count", flat=True)
        obj.adoption_count = stored.first() or 0
        return obj

    def permissions_for_user(self, user):
        """Network managers' rights count only on their network's articles
        (``blog.permissions``)."""
        from ..permissions import ArticlePermissionTester

        return ArticlePermissionTester(user, self)

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError(
                {"hero_image_alt": _("Beschrijf de afbeelding voor wie haar niet kan zien.")}
            )

    def save(self, *args, **kwargs):
        self.word_count = self.count_words()
        self.reading_time = max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))
        return super().save(*args, **kwargs)

    def scheduled_go_live_changes(self, revision, now):
        """Called by scheduled publishing (``vakgenoten.jobs``) just before this revision goes
        live: an article shows the day it went live, not the day its draft was begun.

        On the first publication, a date still at the day the draft was begun (the field's
        default) moves to the go-live day. A date the editor chose stays, and so does the date
        of an article that was live before.
        """
        if self.first_published_at is not None:
            return {}
        begun = (
            revision.__class__.objects.filter(
                base_content_type_id=revision.base_content_type_id, object_id=revision.object_id
            )
            .order_by("created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        go_live_day = timezone.localdate(now)
        if begun and self.publication_date == timezone.localdate(begun) < go_live_day:
            return {"publication_date": go_live_day.isoformat()}
        return {}

    def text_parts(self):
        """The readable text of the article, in order: intro, type fields, body."""
        parts = [self.intro]
        parts.extend(self.extra_text_parts())
        if self.body:
            parts.extend(
                str(text) for text in self.body.stream_block.get_searchable_content(self.body)
            )
        return [part for part in parts if part]

    def extra_text_parts(self):
        return []

    def author_users(self):
        """The active member accounts among the authors: they hear about new comments."""
        return (
            get_user_model()
            .objects.filter(is_active=True, author_profiles__article_links__page_id=self.pk)
            .distinct()
        )

    def count_words(self):
        return sum(len(part.split()) for part in self.text_parts())

    @property
    def words(self):
        """The number of words of the text, as counted when it was saved."""
        return self.word_count if self.word_count is not None else self.count_words()

    def get_context(self, request, *args, **kwargs):
        from vakgenoten.cache import cached_parts

        from ..listing import related_articles, visibility_scope

        context = super().get_context(request, *args, **kwargs)
        viewer = getattr(request, "user", None)
        made = {}  # the themes, when this request reads them anyway, for related articles

        def article_parts():
            made["themes"] = list(self.themes.all())
            return {
                "authors": [
                    link.author
                    for link in self.article_authors.select_related(
                        "author__organisation", "author__photo"
                    ).prefetch_related(
                        # Kept with the part: the bios render without a rendition lookup.
                        Prefetch(
                            "author__photo__renditions",
                            queryset=get_image_model()
                            .get_rendition_model()
                            .objects.filter(filter_spec__in=AUTHOR_PHOTO_RENDITIONS),
                        )
                    )
                ],
                "themes": made["themes"],
                "article_tags": list(self.tags.all()),
            }

        def related_part():
            return related_articles(self, made.get("themes"), viewer=viewer)

        # Cached with the page's cache generation: publishing it or changing a snippet
        # (author, theme) refreshes them; related articles may lag like the page cache.
        # A preview shows a draft's own authors and themes, not the published ones.
        # Related articles may include a closed network's article: they are kept per group of
        # readers who see the same (visibility_scope), never one reader's list for all, and
        # so is their fragment in the template (``related_fragment``).
        scope = visibility_scope(viewer)
        context["related_fragment"] = f"related-{scope}"
        if getattr(request, "is_preview", False):
            context.update(article_parts())
            context["related_articles"] = related_articles(self, context["themes"], viewer=viewer)
        else:
            related_name = f"related-articles-{scope}"
            parts = cached_parts(
                {"article": article_parts, related_name: related_part}, page_id=self.pk
            )
            context.update(parts["article"])
            context["related_articles"] = parts[related_name]
        # A callable, so the query runs only when the header is rendered, not when it comes
        # from the cache as a shared fragment (the beacon script shows the fresh count).
        context["view_count"] = lambda: self.view_count
        # Specific already when routed here (HomePage.route); a preview of a revision
        # (the admin's, an interviewee's) finds the plain parent and needs its type.
        context["index_page"] = self.get_parent().specific
        return context

    @cached_property
    def hero(self):
        """The hero image with the renditions this page shows of it (the header's, the link
        preview's), read in one query once they exist (``with_renditions``): a first render
        asks one query for its picture, not three, and no rendition cache. None without one.
        The templates show ``page.hero``."""
        if not self.hero_image_id:
            return None
        return with_renditions(self.hero_image_id, *HERO_RENDITIONS, SOCIAL_IMAGE_FILTER)

    @property
    def view_count(self):
        from .stats import ArticleViewCount

        return (
            ArticleViewCount.objects.filter(page_id=self.pk).values_list("views", flat=True).first()
            or 0
        )

    @cached_property
    def type_info(self):
        """The label and filter value of this article's type, without loading the subclass."""
        return article_type_for_content_type(self.content_type_id)


def article_content_panels(*type_panels, after_authors=()):
    """The shared editing panels of an article, with a type's own panels in their place."""
    return [
        ReviewStatusPanel(heading=_("Redactie en akkoord")),
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt"), FieldPanel("hero_caption")],
            heading=_("Hoofdafbeelding"),
        ),
        InlinePanel("article_authors", label=_("Auteurs"), heading=_("Auteurs")),
        *after_authors,
        *type_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("publication_date"), FieldPanel("featured")]),
                FieldPanel("themes", widget=CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("networks", widget=CheckboxSelectMultiple),
            ],
            heading=_("Ordening"),
        ),
        InlinePanel(
            "related_article_links",
            label=_("Gerelateerd artikel"),
            heading=_("Gerelateerde artikelen"),
            max_num=4,
        ),
        FieldPanel("review_note"),
    ]


class ArticleAuthor(Orderable):
    """One of the authors of an article, in the order the editor put them."""

    page = ParentalKey(ArticlePage, related_name="article_authors", on_delete=models.CASCADE)
    author = models.ForeignKey(
        Author, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("auteur van een artikel")
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="blog_unique_article_author")
        ]


class RelatedArticle(Orderable):
    """An article the editor recommends reading next; themes fill in when there are none."""

    page = ParentalKey(ArticlePage, related_name="related_article_links", on_delete=models.CASCADE)
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("artikel"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("gerelateerd artikel")


class BlogPostPage(ArticlePage):
    """A blog or column: one person's view, signed by its author."""

    class Kind(models.TextChoices):
        BLOG = "blog", _("Blog")
        COLUMN = "column", _("Column")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.BLOG)

    content_panels = article_content_panels(FieldPanel("kind"))

    class Meta:
        verbose_name = _("blog of column")
        verbose_name_plural = _("blogs en columns")


class InterviewPage(ArticlePage):
    """A practitioner tells how they did it, as questions and answers with pull quotes."""

    content_panels = article_content_panels(
        after_authors=[
            InlinePanel(
                "interviewees",
                label=_("Geïnterviewde"),
                heading=_("Geïnterviewden"),
                min_num=1,
            )
        ]
    )
    search_fields = ArticlePage.search_fields + [
        index.RelatedFields(
            "interviewees", [index.SearchField("name"), index.SearchField("organisation")]
        )
    ]

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["interviewees"] = list(self.interviewees.select_related("photo"))
        return context


class Interviewee(Orderable, PersonOnPage):
    """Someone interviewed in an article; need not be a member."""

    page = ParentalKey(InterviewPage, related_name="interviewees", on_delete=models.CASCADE)

    # For the approval of the text before it is published (blog.approval); never shown on the
    # site, in search, feeds or structured data.
    email = models.EmailField(
        _("e-mailadres"),
        blank=True,
        help_text=_(
            "Niet openbaar. Krijgt bij het indienen een persoonlijke link om de tekst goed te "
            "keuren. Leeg: de redactie legt het akkoord zelf vast."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("email")]),
        FieldPanel("photo"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("geïnterviewde")
        verbose_name_plural = _("geïnterviewden")

    def __str__(self):
        return self.name

    @property
    def role_line(self):
        return ", ".join(part for part in (self.role, self.organisation) if part)


class BestPracticePage(ArticlePage):
    """A practice example: who did it, the problem, the approach, the results, whom to call."""

    class Status(models.TextChoices):
        IDEA = "idee", _("Idee")
        IN_PROGRESS = "in_uitvoering", _("In uitvoering")
        DONE = "afgerond", _("Afgerond")
        SCALED = "opgeschaald", _("Opgeschaald")

    organisations = ParentalManyToManyField(
        "members.Organisation",
        verbose_name=_("organisaties"),
        blank=True,
        related_name="best_practices",
        help_text=_("De gemeenten of organisaties die dit hebben gedaan."),
    )
    status = models.CharField(
        _("stand van zaken"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    problem = RichTextField(_("het probleem"), features=RICH_TEXT_FEATURES)
    approach = RichTextField(_("de aanpak"), features=RICH_TEXT_FEATURES)
    results = RichTextField(_("de resultaten"), features=RICH_TEXT_FEATURES, blank=True)
    contact_name = models.CharField(_("naam contactpersoon"), max_length=120, blank=True)
    contact_role = models.CharField(_("functie contactpersoon"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer contactpersoon"), max_length=40, blank=True)
    show_contact_details = models.BooleanField(
        _("e-mailadres en telefoonnummer tonen"),
        default=False,
        help_text=_(
            "Alleen aanzetten als de contactpersoon heeft gezegd dat deze gegevens openbaar "
            "mogen. Uit: alleen naam en functie zijn zichtbaar."
        ),
    )

    content_panels = article_content_panels(
        MultiFieldPanel(
            [
                FieldPanel("organisations", widget=CheckboxSelectMultiple),
                FieldPanel("status"),
                FieldPanel("problem"),
                FieldPanel("approach"),
                FieldPanel("results"),
            ],
            heading=_("Praktijkvoorbeeld"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("show_contact_details"),
            ],
            heading=_("Contactpersoon"),
        ),
        InlinePanel("documents", label=_("Document"), heading=_("Documenten om te downloaden")),
    )
    search_fields = ArticlePage.search_fields + [
        index.SearchField("problem"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.RelatedFields("organisations", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")

    def clean(self):
        super().clean()
        if self.show_contact_details and not (self.contact_email or self.contact_phone):
            raise ValidationError(
                {
                    "show_contact_details": _(
                        "Vul een e-mailadres of telefoonnummer in, of zet dit vinkje uit."
                    )
                }
            )

    def extra_text_parts(self):
        from django.utils.html import strip_tags

        return [strip_tags(text) for text in (self.problem, self.approach, self.results)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = list(self.organisations.all())
        context["documents"] = [
            link for link in self.documents.select_related("document") if link.document_id
        ]
        context["adoption_reader"] = self.adoption_reader(request)
        return context

    def adopters(self):
        """The organisations that do this too ("Wie doet dit ook?"), newest first, in one
        query. Called from the page's shared fragment, so only when that is not kept."""
        return list(self.adoptions.select_related("organisation"))

    def adoption_reader(self, request):
        """What a signed-in member sees under "Wie doet dit ook?": their organisation, its
        adoption of this page if any, and the form. Two queries; None for visitors."""
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or getattr(request, "is_preview", False):
            return None
        from ..adoption_forms import AdoptionForm
        from ..adoptions import member_organisation

        organisation = member_organisation(user)
        adoption = None
        if organisation is not None:
            adoption = self.adoptions.filter(organisation=organisation).first()
        initial = {"status": adoption.status, "note": adoption.note} if adoption else None
        return {
            "organisation": organisation,
            "adoption": adoption,
            "form": AdoptionForm(initial=initial),
        }


class BestPracticeDocument(Orderable):
    """A document to download with a practice example: a plan, a report, a model decision."""

    page = ParentalKey(BestPracticePage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("linktekst"),
        max_length=150,
        blank=True,
        help_text=_("Laat leeg om de titel van het document te gebruiken."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")


class NewsPage(ArticlePage):
    """A short news item from the editors or a network."""

    content_panels = article_content_panels()

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")


@dataclass(frozen=True)
class ArticleType:
    """One type of article: its page model, the one-word label on cards and in search
    results, the plural of the filters, the value of ``?type=`` and its schema.org type."""

    slug: str
    label: object  # lazy translation
    plural: object
    model: type
    schema_type: str = "Article"

    def __reduce__(self):
        # Pages kept in the cache carry their type (``type_info``): pickled by its slug, read
        # back as the one instance below, not as new lazy translations (0.3 ms a read).
        return (article_type_by_slug, (self.slug,))


# The one list of article types: the knowledge base's children, the listing and search filters,
# the cards' labels and the structured data all read it.
ARTICLE_TYPES = [
    ArticleType("interview", _("Interview"), _("Interviews"), InterviewPage),
    ArticleType(
        "praktijkvoorbeeld", _("Praktijkvoorbeeld"), _("Praktijkvoorbeelden"), BestPracticePage
    ),
    ArticleType("blog", _("Blog"), _("Blogs en columns"), BlogPostPage),
    ArticleType("nieuws", _("Nieuws"), _("Nieuws"), NewsPage, schema_type="NewsArticle"),
]
ARTICLE_TYPES_BY_SLUG = {article_type.slug: article_type for article_type in ARTICLE_TYPES}
BlogIndexPage.subpage_types = [article_type.model._meta.label for article_type in ARTICLE_TYPES]


def article_type_by_slug(slug):
    return ARTICLE_TYPES_BY_SLUG[slug]


def article_type_for_content_type(content_type_id):
    """The :class:`ArticleType` of a page's content type (cached by Django, no query)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    for article_type in ARTICLE_TYPES:
        if model is not None and issubclass(model, article_type.model):
            return article_type
    return None
