"""Search within the site: every live, public page, filterable by type and theme.

The ``search`` view in ``vakgenoten.views`` calls :func:`run_search`. Wagtail's database search
backend does the matching: PostgreSQL full-text search with the Dutch configuration (stemming,
so "samenwerkingen" finds "samenwerking"), SQLite's FTS5 in the demo. The snippet under each
result is cut from the page's own text around the first matching word.
"""

import math
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Count, Subquery, Window
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from vakgenoten.cache import cached_part

from .listing import ARTICLE_TYPES, ARTICLE_TYPES_BY_SLUG, article_type_for_content_type
from .models import ArticlePage, Theme, ZeroResultSearch

SEARCH_PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200
SNIPPET_WORDS = 36
OTHER_PAGES = "pagina"
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SearchType:
    slug: str
    plural: object


SEARCH_TYPES = [SearchType(t.slug, t.plural) for t in ARTICLE_TYPES] + [
    SearchType(OTHER_PAGES, _("Overige pagina's"))
]


@dataclass
class SearchResult:
    page: Page
    type_label: str
    snippet: str
    themes: list = field(default_factory=list)


@contextmanager
def index_friendly_planner():
    """Let PostgreSQL use the search index for common words too (PostgreSQL only).

    Wagtail matches ``(title || body) @@ query``. For a word in a fifth of the pages the
    planner prices reading the whole index table (computing ``title || body`` for every row)
    below the GIN index (``vakgenoten.migrations.0004``) under the default
    ``random_page_cost`` of 4, which suits spinning disks; the search then took 50 ms instead
    of 10 over 10,000 articles. ``SET LOCAL`` tells it that random reads are cheap, for these
    queries only (it ends with the transaction, so it is safe behind a connection pooler).
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL random_page_cost = 1.1")
        yield


def ranked_page(hits, number):
    """One page of PostgreSQL search results, and their number, in one query.

    Django's paginator counts the hits in a query of its own, and Wagtail's ranked query also
    returns the whole ``title || body`` vector of every hit; for a word in a quarter of
    10,000 articles those two took 35 ms. Here the ranked query asks only for the ids, with
    the number of hits as a window count over the same scan (14 ms); the pages themselves
    are fetched by id afterwards, in rank order.
    """
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    ranked = (
        hits.get_queryset().values_list("pk", "content_type_id").annotate(total=Window(Count("pk")))
    )
    with index_friendly_planner():
        rows = list(ranked[(number - 1) * SEARCH_PAGE_SIZE : number * SEARCH_PAGE_SIZE])
        if not rows and number > 1:  # past the last page: show the last one, as get_page does
            number = max(1, math.ceil(hits.count() / SEARCH_PAGE_SIZE))
            rows = list(ranked[(number - 1) * SEARCH_PAGE_SIZE : number * SEARCH_PAGE_SIZE])
    total = rows[0][2] if rows else 0
    # The types are known from the ranked query. A result shows the fields every article has
    # (title, date; its text comes from the cache, see ``page_texts``), so all articles load
    # in one query; other pages in one query per type.
    ids, by_model = [], defaultdict(list)
    for pk, content_type_id, _total in rows:
        ids.append(pk)
        if article_type_for_content_type(content_type_id):
            model = ArticlePage
        else:
            model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        by_model[model].append(pk)
    pages = load_per_model(by_model)
    results = Paginator(range(total), SEARCH_PAGE_SIZE).get_page(number)
    results.object_list = [pages[pk] for pk in ids if pk in pages]
    return results


def load_per_model(pks_by_model):
    """The pages of these ids, by id: one query per model."""
    return {
        page.pk: page
        for model, pks in pks_by_model.items()
        for page in model.objects.filter(pk__in=pks)
    }


class SiteSearch:
    """One search request: the query, the filters, the results page and the promotions."""

    def __init__(self, params):
        self.query = " ".join((params.get("q") or "").split())[:MAX_QUERY_LENGTH]
        self.type_slug = (params.get("type") or "").strip()
        self.theme_slug = (params.get("thema") or "").strip()
        self.page_number = params.get("page")
        self.results = None
        self.result_count = 0
        self.items = []
        self.promotions = []

    @cached_property
    def themes(self):
        # Editing a theme purges every cached part (vakgenoten.signals).
        return cached_part("search-themes", lambda: list(Theme.objects.all()))

    @cached_property
    def theme(self):
        return next((theme for theme in self.themes if theme.slug == self.theme_slug), None)

    @property
    def types(self):
        return SEARCH_TYPES

    @property
    def type(self):
        return next((t for t in SEARCH_TYPES if t.slug == self.type_slug), None)

    @property
    def filtered(self):
        return bool(self.type or self.theme)

    def queryset(self):
        pages = Page.objects.live().public().filter(depth__gt=1)
        article_type = ARTICLE_TYPES_BY_SLUG.get(self.type_slug)
        if article_type:
            pages = pages.type(article_type.model)
        elif self.type_slug == OTHER_PAGES:
            pages = pages.not_type(ArticlePage)
        if self.theme:
            in_theme = ArticlePage.objects.filter(themes=self.theme).values("pk")
            pages = pages.filter(id__in=Subquery(in_theme))
        return pages

    def run(self):
        """Search, paginate and cut snippets; logs the query when it found nothing."""
        if not self.query:
            return self
        # Only the words go to the search backend: quotes, brackets and other operators in what
        # a visitor typed broke SQLite's full-text query parser (a 503 instead of results).
        terms = " ".join(re.findall(r"\w+", self.query))
        pages = self.queryset().specific()
        hits = pages.search(terms, operator="and") if terms else pages.none()
        if terms and connection.vendor == "postgresql":
            self.results = ranked_page(hits, self.page_number)
        else:
            self.results = Paginator(hits, SEARCH_PAGE_SIZE).get_page(self.page_number)
        self.result_count = self.results.paginator.count
        texts = page_texts(self.results.object_list)
        self.items = [self.describe(page, texts[page.pk]) for page in self.results.object_list]
        self.promotions = self.find_promotions()
        if self.result_count == 0 and not self.filtered and not self.promotions:
            ZeroResultSearch.record(self.query)
        return self

    def find_promotions(self):
        """What editors promoted for this query (Search promotions in the admin)."""
        if self.filtered or (self.results and self.results.number > 1):
            return []
        promoted = Query.objects.filter(query_string=normalise_query_string(self.query)).first()
        if promoted is None:
            return []
        return list(promoted.editors_picks.select_related("page").order_by("sort_order"))

    def describe(self, page, text):
        article_type = article_type_for_content_type(page.content_type_id)
        if article_type:
            type_label = article_type.label
        else:
            type_label = page.specific_class._meta.verbose_name.capitalize()
        return SearchResult(
            page=page,
            type_label=type_label,
            snippet=snippet_for(text, self.query),
        )


def page_texts(pages):
    """The plain text of each page for its snippet, by id.

    Walking a page's blocks for its text is the slow part of a results page, so the text is
    kept until the page is published again (the page's cache generation). Results may be
    plain ``ArticlePage`` rows (``ranked_page``); those whose text is not kept yet are loaded
    as their own type (their type's fields are part of the text), one query per type.
    """

    def kept(page, compute=lambda: None):
        return cached_part("search-text", compute, page_id=page.pk)

    def text_of(page):
        return " ".join(page_text(page).split())

    texts = {page.pk: kept(page) for page in pages}
    reload = defaultdict(list)
    for page in pages:
        if texts[page.pk] is not None:
            continue
        model = page.specific_class
        if model is None or type(page) is model:
            texts[page.pk] = kept(page, lambda page=page: text_of(page))
        else:
            reload[model].append(page.pk)
    for page in load_per_model(reload).values():
        texts[page.pk] = kept(page, lambda page=page: text_of(page))
    return texts


def page_text(page):
    """The readable text of a page, for the snippet: intro, type fields, body."""
    if isinstance(page, ArticlePage):
        return " ".join(page.text_parts())
    parts = [getattr(page, "intro", "") or page.search_description]
    body = getattr(page, "body", None)
    if body and hasattr(body, "stream_block"):
        parts.extend(str(text) for text in body.stream_block.get_searchable_content(body))
    return " ".join(part for part in parts if part)


def _term_patterns(query):
    """For each word: the word, and for long words a stem-like prefix, so that a search for
    "samenwerkingen" highlights "samenwerking" too (the Dutch stemmer matched it)."""
    patterns = []
    for term in WORD.findall(query.lower()):
        if len(term) < 2:
            continue
        stem = term[: max(4, len(term) - 3)] if len(term) > 6 else term
        patterns.append(re.compile(rf"\b{re.escape(stem)}\w*", re.IGNORECASE | re.UNICODE))
    return patterns


def snippet_for(text, query, words=SNIPPET_WORDS):
    """About ``words`` words of ``text`` (a page's, see ``page_texts``) around the first
    match, matches in <mark>."""
    if not text:
        return ""
    patterns = _term_patterns(query)
    first = min(
        (match.start() for pattern in patterns if (match := pattern.search(text))), default=None
    )
    tokens = text.split(" ")
    # Start a third of the snippet before the first match, so the match has context.
    start = 0 if first is None else max(0, len(text[:first].split(" ")) - 1 - words // 3)
    chosen = " ".join(tokens[start : start + words])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    return mark_safe(prefix + highlight(chosen, patterns) + suffix)  # noqa: S308  # nosec B308 B703 # highlight() escapes


def highlight(text, patterns):
    """``text`` escaped for HTML, with every match of ``patterns`` wrapped in <mark>."""
    spans = sorted(
        (match.start(), match.end()) for pattern in patterns for match in pattern.finditer(text)
    )
    html, position = [], 0
    for begin, end in spans:
        if begin < position:
            continue
        html.append(escape(text[position:begin]))
        html.append(f"<mark>{escape(text[begin:end])}</mark>")
        position = end
    html.append(escape(text[position:]))
    return "".join(html)


def run_search(request):
    """The context of the search page for ``request``."""
    search = SiteSearch(request.GET).run()
    return {
        "search": search,
        "query": search.query,
        "results": search.results,
        "result_count": search.result_count,
    }
