"""Search within the site: every live, public page the reader may see (no closed network's
page for those outside it, ``members.visibility``), filterable by type and theme.

The ``search`` view in ``vakgenoten.views`` calls :func:`run_search`. On PostgreSQL the search
table (``SearchEntry``, kept by ``blog.search_index``) does the matching, with the Dutch
configuration (stemming, so "samenwerkingen" finds "samenwerking"); on SQLite, the demo, and
with another Wagtail search backend, Wagtail's backend does (FTS5 in SQLite). The snippet
under each result is cut from the page's own text around the first matching word.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Func, Q, Subquery
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, get_page_models
from wagtail.search.utils import normalise_query_string

from members.visibility import visible
from taxonomy.models import Theme
from vakgenoten import limits
from vakgenoten.cache import NOT_KEPT, cached_page_parts, cached_part

from . import search_index
from .models import (
    ARTICLE_TYPES,
    ArticlePage,
    SearchEntry,
    ZeroResultSearch,
    article_type_for_content_type,
)
from .models.stats import normalise_search_query
from .search_index import snippet_text

SEARCH_PAGE_SIZE = 10
# Matches ranked and shown at most (``ranked_rows``): past it the count reads "more than".
SEARCH_RESULT_CAP = 500
# What a result shows of an article: its link (the page's place in the tree), title and date.
ARTICLE_RESULT_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale",
    "content_type",
    "publication_date",
)
MAX_QUERY_LENGTH = 200
SNIPPET_WORDS = 36
OTHER_PAGES = "pagina"
WORD = re.compile(r"\w+", re.UNICODE)
SEARCH_TEXT = "search-text"  # the cached part that holds a page's text for its snippet


@dataclass
class SearchType:
    slug: str
    plural: object
    model: type = None  # its pages: of this model or one derived from it; None: "the rest"


def own_search_types():
    """Page types that are a type of their own in search besides the articles: a page model
    of any app says so with ``search_type_slug`` (a question: ``vraag``). Its plural in the
    filter is the model's ``verbose_name_plural``. Found among the page models, so this module
    knows nothing of the apps above it."""
    return [
        SearchType(model.search_type_slug, capfirst(model._meta.verbose_name_plural), model)
        for model in get_page_models()
        if "search_type_slug" in vars(model) and not issubclass(model, ArticlePage)
    ]


@cache
def search_types():
    """The types a reader narrows a search to: every article type, the page types of their
    own, and the other pages together."""
    return [
        *(SearchType(t.slug, t.plural, t.model) for t in ARTICLE_TYPES),
        *own_search_types(),
        SearchType(OTHER_PAGES, _("Overige pagina's")),
    ]


@dataclass
class SearchResult:
    page: Page
    type_label: str
    snippet: str
    themes: list = field(default_factory=list)


# Let PostgreSQL use the search table's GIN index for common words too. For a word in a fifth
# of the pages the planner prices reading the whole table below the index under the default
# ``random_page_cost`` of 4, which suits spinning disks (10 ms instead of 3 over 10,000
# articles). ``SET LOCAL`` tells it that random reads are cheap, for the search statement only:
# sent in the same string, the three statements run as one implicit transaction, so the
# settings end with it (safe behind a pooler) and cost no round trips of their own (a BEGIN,
# a SET and a COMMIT were three more). Inside a transaction of Django's they last until it ends.
#
# No parallel workers either: past ``SEARCH_RESULT_CAP`` the candidates are the first matches
# the index hands over, and a parallel scan would hand them over in another order on each
# request (page 2 could repeat page 1); a statement that reads a bounded set gains nothing
# from them.
INDEX_FRIENDLY_PLANNER = (
    "SET LOCAL random_page_cost = 1.1; SET LOCAL max_parallel_workers_per_gather = 0; "
)


class RankedHits:
    """The matching rows of the search table as ``Paginator`` sees them: their number (up to
    ``SEARCH_RESULT_CAP``) and a slice of them, both from one statement per page asked
    (``ranked_rows``)."""

    def __init__(self, entries, query, number):
        self.entries, self.query = entries, query
        try:
            asked = max(int(number), 1)
        except (TypeError, ValueError):
            asked = 1
        self.asked = (asked - 1) * SEARCH_PAGE_SIZE  # the offset of the page asked for
        self.pages = {}  # offset -> (count, rows)

    def fetch(self, offset):
        if offset not in self.pages:
            self.pages[offset] = ranked_rows(self.entries, self.query, offset)
        return self.pages[offset]

    @property
    def found(self):
        """The number of matches, or ``SEARCH_RESULT_CAP + 1`` when there are more."""
        return self.fetch(self.asked)[0]

    @property
    def capped(self):
        """Whether there are more matches than are ranked and shown."""
        return self.found > SEARCH_RESULT_CAP

    def __len__(self):
        return min(self.found, SEARCH_RESULT_CAP)

    def __getitem__(self, page):
        # Past the cap there are more candidates than are shown: the last page ends at it.
        start = page.start or 0
        return self.fetch(start)[1][: page.stop - start]


def matched_by_title_or_keywords(entries, query):
    """``entries`` whose title or keywords (weights A and B of the vector) hold the words,
    through their own GIN index (migration ``0016``), so that finding them reads no other
    match's row."""
    strong = Func(
        F("vector"),
        template="ts_filter(%(expressions)s, '{a,b}')",
        output_field=SearchVectorField(),
    )
    return entries.annotate(title_or_keywords=strong).filter(title_or_keywords=query)


def ranked_rows(entries, query, offset):
    """The number of matches (up to ``SEARCH_RESULT_CAP + 1``) and, from ``offset``, ten
    ``(page id, content type id, text)`` rows, in one statement (the text for the snippet:
    ``SearchEntry.text``, read for these ten rows alone).

    Ranking (``ts_rank`` reads each match's whole vector) and counting were linear in the
    matches: 6-11 ms for a word in 2,874 of 10,000 articles, 256-328 ms for 28,201 of 100,000
    (EXPLAIN ANALYZE, docs/search.md; 26-30 ms with the cap, 927 buffers instead of 16,622). So only
    a bounded set of candidates is ranked: the first ``SEARCH_RESULT_CAP`` matches whose title
    or keywords hold the words (found through their own index), and the first
    ``SEARCH_RESULT_CAP + 1`` matches of any kind, in the order the GIN index hands them over
    (no sort: reading stops at the limit). The count is that of the second set, so it is exact
    up to the cap, and "more than the cap" past it. Below the cap every match is a candidate,
    so results are exactly as before; above it, the pages that have the words in their title or
    keywords still come first, and the rest are a sample of the matches.
    """
    if offset >= SEARCH_RESULT_CAP:  # past the last page that can be shown: count alone
        return count_capped(entries, query), []
    columns = ("page_id", "content_type_id", "rank")
    rank = SearchRank(F("vector"), query)
    any_match = entries.filter(vector=query).annotate(rank=rank).values(*columns).order_by()
    # Those already among the first matches are not read twice: ranked once, kept once.
    strong = matched_by_title_or_keywords(entries, query).exclude(
        page_id__in=RawSQL("SELECT page_id FROM hits", [])
    )
    strong = strong.annotate(rank=rank).values(*columns).order_by()
    any_sql, any_params = any_match[: SEARCH_RESULT_CAP + 1].query.sql_with_params()
    strong_sql, strong_params = strong[:SEARCH_RESULT_CAP].query.sql_with_params()
    statement = (
        # Django's SQL, parameters apart, and the name of the search table
        f"WITH hits AS MATERIALIZED ({any_sql}), "  # noqa: S608  # nosec B608
        f"strong AS MATERIALIZED ({strong_sql}), "
        "candidates AS (SELECT * FROM hits UNION ALL SELECT * FROM strong), "
        "shown AS (SELECT * FROM candidates ORDER BY rank DESC, page_id DESC LIMIT %s OFFSET %s) "
        "SELECT (SELECT COUNT(*) FROM hits), shown.page_id, shown.content_type_id, entry.text "
        f"FROM shown JOIN {SearchEntry._meta.db_table} entry ON entry.page_id = shown.page_id "
        "ORDER BY shown.rank DESC, shown.page_id DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            INDEX_FRIENDLY_PLANNER + statement,
            [*any_params, *strong_params, SEARCH_PAGE_SIZE, offset],
        )
        rows = cursor.fetchall()
    if not rows:
        if offset == 0:
            return 0, []
        # Past the last page: count alone (Paginator then asks for the last page).
        return count_capped(entries, query), []
    return rows[0][0], [row[1:] for row in rows]


def count_capped(entries, query):
    """The number of ``entries`` that match ``query``, counted up to ``SEARCH_RESULT_CAP + 1``."""
    return entries.filter(vector=query)[: SEARCH_RESULT_CAP + 1].count()


def ranked_page(entries, query, number):
    """One page of search results from the search table, and the text of each result by page
    id (where its row has one): a count and the ten best rows (one statement,
    ``ranked_rows``); the pages themselves are fetched by id afterwards, in rank order."""
    results = Paginator(RankedHits(entries, query, number), SEARCH_PAGE_SIZE).get_page(number)
    rows = list(results.object_list)
    # The types are known from the ranked query. A result shows the fields every article has
    # (title, date; its text comes with its row), so all articles load in one query, with
    # only those fields; other pages in one query per type.
    ids, texts, by_model = [], {}, defaultdict(list)
    for pk, content_type_id, text in rows:
        ids.append(pk)
        if text is not None:
            texts[pk] = text
        if article_type_for_content_type(content_type_id):
            model = ArticlePage
        else:
            model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        by_model[model].append(pk)
    pages = load_per_model(by_model, only={ArticlePage: ARTICLE_RESULT_FIELDS})
    results.object_list = [pages[pk] for pk in ids if pk in pages]
    return results, texts


def content_types_of(model):
    """The content types of ``model`` and of every page model derived from it."""
    models = [page_model for page_model in get_page_models() if issubclass(page_model, model)]
    return list(ContentType.objects.get_for_models(*models, for_concrete_models=False).values())


def load_per_model(pks_by_model, only=None):
    """The pages of these ids, by id: one query per model, of the fields in ``only[model]``
    where given (the body of ten articles is most of what such a query reads)."""
    only = only or {}
    pages = {}
    for model, pks in pks_by_model.items():
        rows = model.objects.filter(pk__in=pks)
        if model in only:
            rows = rows.only(*only[model])
        pages.update((page.pk, page) for page in rows)
    return pages


class SiteSearch:
    """One search request: the query, the filters, the results page and the promotions."""

    def __init__(self, params, request=None):
        self.request = request
        self.query = " ".join((params.get("q") or "").split())[:MAX_QUERY_LENGTH]
        self.type_slug = (params.get("type") or "").strip()
        self.theme_slug = (params.get("thema") or "").strip()
        self.page_number = params.get("page")
        self.results = None
        self.result_count = 0
        self.result_capped = False  # more matches than SEARCH_RESULT_CAP: "meer dan"
        self.result_cap = SEARCH_RESULT_CAP
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
        return search_types()

    @property
    def type(self):
        return next((t for t in search_types() if t.slug == self.type_slug), None)

    @property
    def filtered(self):
        return bool(self.type or self.theme)

    @property
    def viewer(self):
        """Who searches: results, their count and promotions are what they may see."""
        return getattr(self.request, "user", None) or AnonymousUser()

    def queryset(self):
        """Live, public pages of the chosen type and theme that the reader may see (Wagtail's
        backend searches these)."""
        # As ids in a subquery: Wagtail's search backends take a filter on the id, not the rule's
        # EXISTS expressions themselves.
        allowed = visible(Page.objects.all(), self.viewer).values("pk")
        pages = Page.objects.live().public().filter(depth__gt=1, pk__in=allowed)
        return self.narrowed(pages, page="pk")

    def entries(self, terms):
        """The rows of the search table of the chosen type and theme that the reader may see,
        and the query for ``terms`` (PostgreSQL, see ``blog.search_index``); ``ranked_rows``
        matches them."""
        query = SearchQuery(terms, search_type="plain", config=search_index.search_config())
        # The rule as the kept list of hidden ids where it may be (``visible``).
        entries = visible(SearchEntry.objects.all(), self.viewer, outer="page_id")
        return self.narrowed(entries, page="page_id"), query

    def narrowed(self, rows, page):
        """``rows`` (pages, or rows of the search table: both have a content type, and the
        page id in the field ``page``) narrowed to the chosen type and theme."""
        search_type = self.type
        if search_type is not None and search_type.model is not None:
            rows = rows.filter(content_type__in=content_types_of(search_type.model))
        elif search_type is not None:  # the other pages: none of the types above
            typed = [ArticlePage, *(t.model for t in own_search_types())]
            rows = rows.exclude(
                content_type__in=[ct for model in typed for ct in content_types_of(model)]
            )
        if self.theme:
            # Any page filed under the theme: an article, an event, a question.
            in_theme = Q(pk__in=[])
            for model in search_index.themed_models():
                field = model._meta.get_field("themes")
                links = field.remote_field.through.objects.filter(
                    **{field.m2m_reverse_field_name(): self.theme}
                )
                in_theme |= Q(
                    **{f"{page}__in": Subquery(links.values(f"{field.m2m_field_name()}_id"))}
                )
            rows = rows.filter(in_theme)
        return rows

    def run(self):
        """Search, paginate and cut snippets; logs the query when it found nothing."""
        if not self.query:
            return self
        # Only the words go to the search backend: quotes, brackets and other operators in what
        # a visitor typed broke SQLite's full-text query parser (a 503 instead of results).
        terms = " ".join(re.findall(r"\w+", self.query))
        known = {}
        if terms and search_index.enabled():
            self.results, known = ranked_page(*self.entries(terms), self.page_number)
        else:
            pages = self.queryset().specific()
            hits = pages.search(terms, operator="and") if terms else pages.none()
            self.results = Paginator(hits, SEARCH_PAGE_SIZE).get_page(self.page_number)
        self.result_count = self.results.paginator.count
        self.result_capped = getattr(self.results.paginator.object_list, "capped", False)
        # Texts the search table had not (SQLite, or a row from before it kept them).
        unknown = [page for page in self.results.object_list if page.pk not in known]
        texts = {**page_texts(unknown), **known}
        self.items = [self.describe(page, texts[page.pk]) for page in self.results.object_list]
        self.promotions = self.find_promotions()
        found_nothing = self.result_count == 0 and not self.filtered and not self.promotions
        if found_nothing and self.may_count_unfound():
            ZeroResultSearch.record(self.query)
        return self

    def may_count_unfound(self):
        """Whether this search that found nothing may be counted: once per visitor and term a
        day, and only so many terms per visitor an hour, so the list shows what readers miss
        rather than what one visitor repeats (or how many rows one visitor can add)."""
        if self.request is None:
            return True
        term = normalise_search_query(self.query)
        if not term:
            return False
        visitor = limits.client_ip(self.request)
        per_term = f"{visitor}:{term}"
        # A term this visitor searched today is not counted again: one read of the store says
        # so, instead of the two locked writes of ``allow`` (a dozen queries on each search).
        if limits.used_up(self.request, "search_log_term", key=per_term):
            return False
        return limits.allow(self.request, "search_log") and limits.allow(
            self.request, "search_log_term", key=per_term
        )

    def find_promotions(self):
        """What editors promoted for this query (Search promotions in the admin)."""
        if self.filtered or (self.results and self.results.number > 1):
            return []
        query_string = normalise_query_string(self.query)
        if query_string not in promoted_query_strings():
            return []
        # One query through the query string (unique): nearly every term searched has a
        # ``Query`` row (its hits are counted), so looking the row up first cost a second one.
        promoted = SearchPromotion.objects.filter(query__query_string=query_string)
        picks = visible(promoted, self.viewer, outer="page_id")
        return list(picks.select_related("page").order_by("sort_order"))

    def describe(self, page, text):
        article_type = article_type_for_content_type(page.content_type_id)
        model = page.specific_class
        if article_type:
            type_label = article_type.label
        elif getattr(model, "search_type_label", None):
            type_label = model.search_type_label
        elif model is not None:
            type_label = capfirst(model._meta.verbose_name)
        else:
            type_label = ""
        return SearchResult(
            page=page,
            type_label=type_label,
            snippet=snippet_for(text, self.query),
        )


def promoted_query_strings():
    """The (normalised) searches editors promoted something for, kept in the shared cache.

    Editors promote results for a few dozen searches; nearly every search is none of them, and
    asking for its promotions (with the closed-network rule on the promoted pages) cost ~3 ms
    of a 17 ms search. The set is site-wide content: saving or deleting a promotion purges
    every cached part (``blog.signals``)."""
    return cached_part(
        "search-promoted-queries",
        lambda: frozenset(
            SearchPromotion.objects.values_list("query__query_string", flat=True).distinct()
        ),
    )


def page_texts(pages):
    """The plain text of each page for its snippet, by id, where the search table does not
    give it (``SearchEntry.text``: SQLite and Wagtail's backend, a row not written again since).

    Walking a page's blocks for its text is the slow part of a results page, so the text is
    kept until the page is published again (the page's cache generation); the texts of all
    results are read from the cache together (``cached_page_parts``: two round trips, not two
    per result). Results may be plain ``ArticlePage`` rows (``ranked_page``); those whose text
    is not kept yet are loaded as their own type (their type's fields are part of the text),
    one query per type.
    """

    texts = cached_page_parts(SEARCH_TEXT, {page.pk: lambda: NOT_KEPT for page in pages})
    computes, reload = {}, defaultdict(list)
    for page in pages:
        if texts[page.pk] is not NOT_KEPT:
            continue
        model = page.specific_class
        if model is None or type(page) is model:
            computes[page.pk] = lambda page=page: snippet_text(page)
        else:
            reload[model].append(page.pk)
    for page in load_per_model(reload).values():
        computes[page.pk] = lambda page=page: snippet_text(page)
    texts.update(cached_page_parts(SEARCH_TEXT, computes))
    # A page gone since the results were ranked has no text to show.
    return {pk: None if text is NOT_KEPT else text for pk, text in texts.items()}


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
    search = SiteSearch(request.GET, request=request).run()
    return {
        "search": search,
        "query": search.query,
        "results": search.results,
        "result_count": search.result_count,
    }
