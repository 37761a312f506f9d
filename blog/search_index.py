"""Keep the search table (``SearchEntry``) equal to what visitors may find.

A page has a row while it is live and public; the row is written again whenever the page is
saved or published and when a move or a view restriction changes who may see it and the pages
below it. Deleting a page deletes its row (a cascade). Only on PostgreSQL with Wagtail's
database backend: elsewhere Wagtail's own backend searches (see ``enabled``).
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, transaction
from django.db.models import TextField, Value
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from taxonomy.models import Theme

from .models import ArticlePage, Author, BestPracticePage, InterviewPage, SearchEntry

BATCH_SIZE = 200
DATABASE_BACKEND = "wagtail.search.backends.database"


def enabled():
    """Whether site search reads the search table: PostgreSQL with the database backend.

    A site that configures OpenSearch or Elasticsearch as Wagtail's default backend searches
    there instead, and SQLite has no ``tsvector``.
    """
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return connection.vendor == "postgresql" and backend == DATABASE_BACKEND


def search_config():
    """The text search configuration of the site (``dutch``: stemming and stop words)."""
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG", "simple")


def page_text(page):
    """The readable text of a page, for its snippet and its vector: intro, type fields, body.

    A page type of a higher layer (a question) says what its text is with a ``search_text()``
    method, so this module needs to know nothing about it.
    """
    if isinstance(page, ArticlePage):
        return " ".join(page.text_parts())
    search_text = getattr(page, "search_text", None)
    if callable(search_text):
        return search_text() or ""
    parts = [getattr(page, "intro", "") or page.search_description]
    body = getattr(page, "body", None)
    if body and hasattr(body, "stream_block"):
        parts.extend(str(text) for text in body.stream_block.get_searchable_content(body))
    return " ".join(part for part in parts if part)


def page_keywords(page):
    """What a page is about besides its text: themes, tags, people, organisations, place."""
    words = [page.search_description]
    if isinstance(page, ArticlePage):
        words += [theme.name for theme in page.themes.all()]
        words += [tag.name for tag in page.tags.all()]
        words += [link.author.name for link in page.article_authors.select_related("author")]
    if isinstance(page, InterviewPage):
        for person in page.interviewees.all():
            words += [person.name, person.organisation]
    if isinstance(page, BestPracticePage):
        words += [organisation.name for organisation in page.organisations.all()]
    if not isinstance(page, ArticlePage) and has_themes(type(page)):
        words += [theme.name for theme in page.themes.all()]  # an event's, a question's
    words.append(getattr(page, "venue_name", ""))
    return " ".join(word for word in words if word)


def has_themes(model):
    """Whether pages of ``model`` are filed under themes (a ``themes`` field to ``Theme``)."""
    try:
        field = model._meta.get_field("themes")
    except FieldDoesNotExist:
        return False
    return field.many_to_many and field.related_model is Theme


def themed_models():
    """The page models that hold a ``themes`` field themselves (articles, events, questions;
    an article type inherits its parent's)."""
    models = {}
    for model in get_page_models():
        if has_themes(model):
            owner = model._meta.get_field("themes").model
            models[owner._meta.label] = owner
    return list(models.values())


def snippet_text(page):
    """``page_text`` on one line: what a search result's snippet is cut from."""
    return " ".join(page_text(page).split())


def page_vector(page, text):
    """The weighted vector of a page: title A, keywords B, ``text`` C (``ts_rank`` weighs
    them 1.0, 0.4 and 0.2)."""
    config = search_config()

    def part(text, weight):
        return SearchVector(Value(text, output_field=TextField()), weight=weight, config=config)

    return part(page.title, "A") + part(page_keywords(page), "B") + part(text, "C")


def search_entry(page):
    """The search row of a live, public page: its vector, and its text for the snippet under
    a result (read once, for both)."""
    text = snippet_text(page)
    return SearchEntry(
        page_id=page.pk,
        content_type_id=page.content_type_id,
        vector=page_vector(page, text),
        text=text,
    )


def refresh(page_ids):
    """Write the rows of these pages again: a row for each live, public page, none for others."""
    if not enabled():
        return
    page_ids = list(page_ids)
    for start in range(0, len(page_ids), BATCH_SIZE):
        batch = page_ids[start : start + BATCH_SIZE]
        visible = Page.objects.live().public().filter(depth__gt=1, pk__in=batch).specific()
        entries = [search_entry(page) for page in visible]
        SearchEntry.objects.filter(page_id__in=batch).exclude(
            page_id__in=[entry.page_id for entry in entries]
        ).delete()
        SearchEntry.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=["content_type", "vector", "text"],
        )


def refresh_soon(page_ids):
    """``refresh`` these pages: now when they are few, else by the task worker.

    Writing a row costs a few milliseconds (the page's text is read block by block), so an
    editor who opens up a section of 10,000 articles or renames a theme would wait a minute;
    the task queue does that work instead (``blog.tasks``).
    """
    page_ids = list(page_ids)
    if len(page_ids) <= BATCH_SIZE:
        refresh(page_ids)
    else:
        from .tasks import write_search_entries

        write_search_entries.enqueue(page_ids)


def refresh_tree(page):
    """After a move or a changed view restriction: who may see this page and the pages below
    it changed, not their text. Rows of pages now hidden go at once; pages now visible get
    theirs (``refresh_soon``)."""
    if not enabled():
        return
    pages = Page.objects.descendant_of(page, inclusive=True)
    visible = pages.live().public().filter(depth__gt=1)
    SearchEntry.objects.filter(page__in=pages).exclude(page__in=visible).delete()
    with_row = SearchEntry.objects.values("page_id")
    refresh_soon(visible.exclude(pk__in=with_row).values_list("pk", flat=True))


def rebuild():
    """Write the whole table again (``manage.py rebuild_search_entries``); returns the rows."""
    if not enabled():
        return 0
    with transaction.atomic():  # searches meanwhile see the old table, never an empty one
        SearchEntry.objects.all().delete()
        refresh(Page.objects.live().public().filter(depth__gt=1).values_list("pk", flat=True))
        return SearchEntry.objects.count()


@receiver(post_save)
def refresh_saved_page(sender, instance, raw=False, **kwargs):
    # A plain save of a live page (a new page added live, an import). Publishing saves too, but
    # a page's themes and tags are stored after its post_save: page_published follows for those.
    if isinstance(instance, Page) and not raw:
        refresh([instance.pk])


@receiver(page_published)
@receiver(page_unpublished)
def refresh_published_page(sender, instance, **kwargs):
    refresh([instance.pk])


@receiver(post_page_move)
def refresh_moved_pages(sender, instance, **kwargs):
    refresh_tree(instance)  # under a private section now, or no longer


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def refresh_after_privacy_change(sender, instance, **kwargs):
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:  # the restriction goes with its deleted page
        return
    refresh_tree(page)


@receiver(post_save, sender=Theme)
@receiver(post_save, sender=Author)
def refresh_named_articles(sender, instance, created=False, **kwargs):
    # A renamed theme or author is a keyword of every page that has it.
    if created or not enabled():
        return
    if isinstance(instance, Theme):
        page_ids = [
            pk
            for model in themed_models()
            for pk in model.objects.filter(themes=instance).values_list("pk", flat=True)
        ]
    else:
        page_ids = ArticlePage.objects.filter(article_authors__author=instance).values_list(
            "pk", flat=True
        )
    refresh_soon(page_ids)


@receiver(post_migrate, dispatch_uid="blog.fill_search_table")
def fill_after_migrate(sender, app_config, **kwargs):
    # The first migrate after the table was added (an existing site) finds it empty. A migrate
    # of another app alone, or back to before the table, has no table to fill.
    if app_config.label != "blog" or not enabled():
        return
    if SearchEntry._meta.db_table not in connection.introspection.table_names():
        return
    if not SearchEntry.objects.exists():
        rebuild()
