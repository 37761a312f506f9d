"""Counters kept next to the articles: views per article (in all and per day) and searches
that found nothing.

All are written with one atomic ``INSERT … ON CONFLICT … DO UPDATE`` (PostgreSQL and SQLite
both support it), so many readers arriving at once never lose a count and never collide on
the first insert.
"""

import re

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _upsert_increment(model, keys, counter_field, extra=None):
    """Insert a row with counter 1, or add 1 to the counter of the existing row, atomically.

    ``keys`` maps the unique field(s) to their values; ``extra`` columns are overwritten."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    key_columns = [quote(model._meta.get_field(name).column) for name in keys]
    counter = quote(counter_field)
    extra = extra or {}
    columns = [*key_columns, counter, *(quote(name) for name in extra)]
    placeholders = ", ".join(["%s"] * len(columns))
    updates = [f"{counter} = {table}.{counter} + 1"]
    updates += [f"{quote(name)} = EXCLUDED.{quote(name)}" for name in extra]
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}) "  # noqa: S608  # nosec B608 # names are quoted identifiers, values are parameters
        f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {', '.join(updates)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*keys.values(), 1, *extra.values()])


class ArticleViewCount(models.Model):
    """How often an article was read ("Weergaven: 248").

    A table of its own, not a field on the page: counting never writes to the page row (no
    revision, no cache invalidation, no lock on the page while an editor saves), and it is
    triggered by a small beacon request, so the article HTML stays cacheable.
    """

    page = models.OneToOneField(
        "blog.ArticlePage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="view_stats",
        verbose_name=_("artikel"),
    )
    views = models.PositiveIntegerField(_("weergaven"), default=0)

    class Meta:
        verbose_name = _("aantal weergaven")
        verbose_name_plural = _("aantallen weergaven")

    def __str__(self):
        return f"{self.page_id}: {self.views}"

    @classmethod
    def record_view(cls, page_id):
        """Count one view of the article ``page_id`` (in its total and on today's row) and
        return the new total."""
        _upsert_increment(cls, {"page": page_id}, "views")
        _upsert_increment(ArticleDayViews, {"page": page_id, "day": timezone.localdate()}, "views")
        return cls.objects.filter(page_id=page_id).values_list("views", flat=True).first() or 0


class ArticleDayViews(models.Model):
    """How often an article was read on one day, so editors see what is read now ("the most
    read of the past month"), not only what has gathered views for years. One small row per
    article per day it was read; no reader is recorded."""

    page = models.ForeignKey(
        "blog.ArticlePage",
        on_delete=models.CASCADE,
        related_name="views_per_day",
        verbose_name=_("artikel"),
    )
    day = models.DateField(_("dag"))
    views = models.PositiveIntegerField(_("weergaven"), default=0)

    class Meta:
        verbose_name = _("weergaven op een dag")
        verbose_name_plural = _("weergaven per dag")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="blog_one_view_row_per_day")
        ]
        # The dashboard sums the recent days: served by an index that starts with the day.
        indexes = [models.Index(fields=["day", "page"], name="blog_day_views_by_day")]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"


# What looks like personal data in a search query: an e-mail address, a phone, citizen service
# or account number (five digits or more, spaces and dashes allowed), a postcode, a URL.
PERSONAL_DATA_PATTERNS = [
    re.compile(r"@"),
    re.compile(r"\d[\d\s\-.]{3,}\d"),
    re.compile(r"\b\d{4}\s?[a-z]{2}\b", re.IGNORECASE),
    re.compile(r"https?://|www\.", re.IGNORECASE),
]
MAX_LOGGED_QUERY_LENGTH = 100


def normalise_search_query(query):
    """Lower case, single spaces; ``""`` when the query should not be logged at all."""
    query = " ".join((query or "").lower().split())
    if not query or len(query) > MAX_LOGGED_QUERY_LENGTH:
        return ""
    if any(pattern.search(query) for pattern in PERSONAL_DATA_PATTERNS):
        return ""
    return query


class ZeroResultSearch(models.Model):
    """A search term that found nothing, so editors see what readers miss.

    Only the normalised words and a day are stored: no user, no IP address, no time of day.
    Terms that look like personal data (an e-mail address, a phone or citizen service number,
    a postcode, a web address) are never stored.
    """

    query = models.CharField(_("zoekterm"), max_length=MAX_LOGGED_QUERY_LENGTH, unique=True)
    hits = models.PositiveIntegerField(_("aantal keer gezocht"), default=0)
    last_searched_on = models.DateField(_("laatst gezocht op"), default=timezone.localdate)

    class Meta:
        ordering = ["-last_searched_on", "-hits"]
        verbose_name = _("zoekterm zonder resultaat")
        verbose_name_plural = _("zoektermen zonder resultaat")

    def __str__(self):
        return self.query

    @classmethod
    def record(cls, query):
        """Count a search for ``query`` that found nothing; returns the stored term or ``""``."""
        term = normalise_search_query(query)
        if term:
            _upsert_increment(
                cls, {"query": term}, "hits", extra={"last_searched_on": timezone.localdate()}
            )
        return term
