"""Counters kept next to the articles: views per article and searches that found nothing.

Both are written with one atomic ``INSERT … ON CONFLICT … DO UPDATE`` (PostgreSQL and SQLite
both support it), so many readers arriving at once never lose a count and never collide on
the first insert.
"""

import re

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _upsert_increment(model, key_field, key_value, counter_field, extra=None):
    """Insert a row with counter 1, or add 1 to the counter of the existing row, atomically."""
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.get_field(key_field).column)
    counter = connection.ops.quote_name(counter_field)
    extra = extra or {}
    columns = [key, counter, *(connection.ops.quote_name(name) for name in extra)]
    placeholders = ", ".join(["%s"] * len(columns))
    updates = [f"{counter} = {table}.{counter} + 1"]
    updates += [
        f"{connection.ops.quote_name(name)} = EXCLUDED.{connection.ops.quote_name(name)}"
        for name in extra
    ]
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}) "  # noqa: S608  # nosec B608 # names are quoted identifiers, values are parameters
        f"ON CONFLICT ({key}) DO UPDATE SET {', '.join(updates)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key_value, 1, *extra.values()])


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
        """Count one view of the article ``page_id`` and return the new total."""
        _upsert_increment(cls, "page", page_id, "views")
        return cls.objects.filter(page_id=page_id).values_list("views", flat=True).first() or 0


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
                cls, "query", term, "hits", extra={"last_searched_on": timezone.localdate()}
            )
        return term
