"""The search table PostgreSQL searches: one row per page a visitor may find."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """A live, public page's weighted search vector, keyed by its integer page id.

    Wagtail's database backend keys its index by a text object id and keeps drafts and private
    pages in it, so every search joined the whole page table and ranked title and body apart:
    20-110 ms over 10,000 articles. Here only pages visitors may see have a row, and the title
    (weight A), what the page is about (B) and its text (C) are one vector, so a search reads
    this table alone (``blog.search_index`` keeps it, ``blog.search`` reads it). PostgreSQL
    only: SQLite, the demo database, keeps Wagtail's backend and leaves this table empty.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    vector = SearchVectorField()
    # The page's readable text, for the snippet under a result: read with the ten results in
    # the ranked statement, so a results page loads no page's body and walks no blocks. NULL
    # for a row not written again since this column came (the snippet is then made from the
    # page, ``blog.search.page_texts``; ``manage.py rebuild_search_entries`` fills them all).
    text = models.TextField(null=True, blank=True)

    class Meta:
        verbose_name = _("zoekregel")
        verbose_name_plural = _("zoekregels")

    def __str__(self):
        return f"zoekregel voor pagina {self.page_id}"
