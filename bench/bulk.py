"""Writing bench rows fast on PostgreSQL: COPY, indexes built after loading, search rows in SQL.

``bench/data.py`` builds model instances; on PostgreSQL they go in with ``COPY ... FROM STDIN``
(ids reserved from the table's sequence first, so replies and profiles can point at rows not
yet written), and both search indexes (``blog.SearchEntry`` and Wagtail's
``wagtailsearch_indexentry``) are filled with one ``INSERT ... SELECT`` each over the rows just
loaded. Going through the ORM a row at a time, and through Wagtail's indexer a page at a time,
took most of an hour for 100,000 articles. Other databases (SQLite in the tests) take the plain
``bulk_create`` path: sizes there are small.
"""

import io
import json

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

COPY_ROWS = 20_000


def enabled():
    return connection.vendor == "postgresql"


def reserve_ids(model, count):
    """``count`` new primary keys from the table's own sequence, in ascending order."""
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _escape(text):
    """COPY's text format: backslash, tab and line breaks escaped."""
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _text(value):
    if value.__class__ is str:
        return _escape(value)
    if value.__class__ is int:
        return str(value)
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if hasattr(value, "adapted"):  # psycopg2's Json adapter, from a JSONField
        value = json.dumps(value.adapted)
    elif isinstance(value, dict | list):
        value = json.dumps(value)
    return _escape(str(value))


def copy_rows(table, columns, rows):
    """``COPY`` ``rows`` (tuples of Python values) into ``table``, a buffer at a time."""
    db = connections[DEFAULT_DB_ALIAS]
    quote = db.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    buffer = io.StringIO()
    written = 0

    def flush():
        buffer.seek(0)
        with db.cursor() as cursor:
            cursor.cursor.copy_expert(statement, buffer)
        buffer.seek(0)
        buffer.truncate()

    for row in rows:
        buffer.write("\t".join(_text(value) for value in row))
        buffer.write("\n")
        written += 1
        if written % COPY_ROWS == 0:
            flush()
    if written % COPY_ROWS:
        flush()
    return written


# Fields whose Python value is already what COPY reads (no conversion, no pre_save hook).
PLAIN_FIELDS = (
    models.AutoField,
    models.BigAutoField,
    models.BooleanField,
    models.CharField,
    models.DateField,
    models.IntegerField,
    models.TextField,
    models.ForeignKey,
)


def _converter(field, db):
    plain = isinstance(field, PLAIN_FIELDS) and not isinstance(field, models.JSONField)
    if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add):
        plain = False
    attname = field.attname
    if plain:
        return lambda obj: getattr(obj, attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), db)


def copy_objects(model, objs, fields=None):
    """Write unsaved ``objs`` into ``model``'s own table; values as Django would save them."""
    fields = fields or model._meta.local_concrete_fields
    db = connections[DEFAULT_DB_ALIAS]
    converters = [_converter(field, db) for field in fields]
    rows = (tuple(convert(obj) for convert in converters) for obj in objs)
    return copy_rows(model._meta.db_table, [field.column for field in fields], rows)


def insert_objects(model, objs, batch_size=500):
    """Write unsaved ``objs`` of one single-table model and return them with their ids set:
    COPY on PostgreSQL, ``bulk_create`` elsewhere."""
    if not objs:
        return objs
    if not enabled():
        return model.objects.bulk_create(objs, batch_size=batch_size)
    pk = model._meta.pk
    missing = [obj for obj in objs if getattr(obj, pk.attname) is None]
    new_ids = reserve_ids(model, len(missing)) if missing else []
    for obj, new_id in zip(missing, new_ids, strict=True):
        setattr(obj, pk.attname, new_id)
        obj._state.adding = False
    copy_objects(model, objs)
    return objs


def insert_rows(model, rows, return_ids=False):
    """Write ``rows`` (dicts of attribute names to values) into one single-table model without
    building a model instance each: COPY on PostgreSQL, ``bulk_create`` elsewhere. Attributes a
    row leaves out get the field's default. Returns the new ids when asked."""
    if not rows:
        return []
    if not enabled():
        objs = model.objects.bulk_create([model(**row) for row in rows], batch_size=500)
        if return_ids and objs[0].pk is None:
            raise RuntimeError("this database returns no ids from a bulk insert")
        return [obj.pk for obj in objs] if return_ids else []
    pk = model._meta.pk
    ids = []
    if return_ids:
        ids = reserve_ids(model, len(rows))
        rows = [{**row, pk.attname: new_id} for row, new_id in zip(rows, ids, strict=True)]
    fields = [
        field
        for field in model._meta.local_concrete_fields
        if field.attname in rows[0] or not field.primary_key
    ]
    missing = {}
    for field in fields:
        if field.attname not in rows[0]:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                missing[field.attname] = timezone.now
            elif field.has_default() and callable(field.default):
                missing[field.attname] = field.default
            else:
                value = field.get_default()
                missing[field.attname] = lambda value=value: value
    db = connections[DEFAULT_DB_ALIAS]
    prepared = {
        field.attname: field
        for field in fields
        if not isinstance(field, PLAIN_FIELDS) or isinstance(field, models.JSONField)
    }

    def value(row, field):
        name = field.attname
        raw = row[name] if name in row else missing[name]()
        if name in prepared:
            return field.get_db_prep_save(raw, db)
        return raw

    copy_rows(
        model._meta.db_table,
        [field.column for field in fields],
        (tuple(value(row, field) for field in fields) for row in rows),
    )
    return ids


# --- Indexes after loading ----------------------------------------------------------------------


def drop_indexes(tables):
    """Drop the plain secondary indexes of ``tables`` while rows go in; returns their
    definitions for ``create_indexes`` once the rows are in.

    Primary keys, unique indexes and indexes behind a constraint stay, so integrity holds while
    loading; the rest (lookups, orderings, GIN search indexes) are built once at the end, far
    cheaper than keeping them up to date a row at a time. Run it in the loading transaction, so
    a failed load leaves the indexes as they were.
    """
    if not enabled():
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT index.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_class index ON index.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND t.relname = ANY(%s)
              AND NOT i.indisunique AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """,
            [sorted(set(tables))],
        )
        definitions = cursor.fetchall()
        for name, _definition in definitions:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [definition for _name, definition in definitions]


def create_indexes(definitions):
    if not definitions:
        return
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit; an index cannot be built on a table
        # with checks pending, so they run now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for definition in definitions:
            cursor.execute(definition)


def analyze(tables):
    if enabled():
        with connection.cursor() as cursor:
            for table in sorted(set(tables)):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


# --- Search rows in SQL ---------------------------------------------------------------------------

# The readable text of a StreamField body, as ``get_searchable_content`` gives it: a paragraph's
# text without its tags, a heading's text and the label of its level.
BODY_TEXT = """
coalesce((
    SELECT string_agg(
        CASE block->>'type'
            WHEN 'paragraph' THEN regexp_replace(block->>'value', '<[^>]*>', ' ', 'g')
            WHEN 'heading' THEN concat_ws(' ', block->'value'->>'text',
                CASE block->'value'->>'level' WHEN 'h2' THEN %(h2)s WHEN 'h3' THEN %(h3)s END)
        END, ' ')
    FROM jsonb_array_elements({body}::jsonb) block
), '')
"""


def _level_labels():
    from vakgenoten.blocks import HeadingBlock

    level = HeadingBlock().child_blocks["level"]
    labels = {key: " ".join(level.get_searchable_content(key)) for key in ("h2", "h3")}
    return labels


def _group(table, key, name, joins=""):
    """Per page, the names linked to it, joined into one string (a hash join, no index)."""
    return f"""LEFT JOIN (
        SELECT {key} AS page_id, string_agg({name}, ' ') AS words
        FROM {table} link {joins}
        WHERE {key} IN (SELECT id FROM bench_new_pages)
        GROUP BY {key}
    )"""  # noqa: S608 - names of this module's own tables


def _fill_texts(kind, cursor, params):
    """The temporary table ``bench_search_text``: for each new page its title, keywords and
    text, in the words ``blog.search_index.page_keywords`` and ``page_text`` use."""
    if kind == "article":
        sql = f"""
            SELECT p.id, p.content_type_id, p.live, p.title,
                concat_ws(' ', nullif(p.search_description, ''), themes.words, tags.words,
                    authors.words, people.words),
                concat_ws(' ', nullif(a.intro, ''),
                    nullif(regexp_replace(bp.problem, '<[^>]*>', ' ', 'g'), ''),
                    nullif(regexp_replace(bp.approach, '<[^>]*>', ' ', 'g'), ''),
                    nullif(regexp_replace(bp.results, '<[^>]*>', ' ', 'g'), ''),
                    {BODY_TEXT.format(body="a.body")})
            FROM bench_new_pages new
            JOIN wagtailcore_page p ON p.id = new.id
            JOIN blog_articlepage a ON a.page_ptr_id = p.id
            LEFT JOIN blog_bestpracticepage bp ON bp.articlepage_ptr_id = p.id
            {
            _group(
                "blog_articlepage_themes",
                "articlepage_id",
                "t.name",
                "JOIN blog_theme t ON t.id = link.theme_id",
            )
        } themes ON themes.page_id = p.id
            {
            _group(
                "blog_articlepagetag",
                "content_object_id",
                "t.name",
                "JOIN taggit_tag t ON t.id = link.tag_id",
            )
        } tags ON tags.page_id = p.id
            {
            _group(
                "blog_articleauthor",
                "page_id",
                "t.name",
                "JOIN blog_author t ON t.id = link.author_id",
            )
        } authors
                ON authors.page_id = p.id
            {
            _group(
                "blog_interviewee",
                "page_id",
                "concat_ws(' ', nullif(link.name, ''), nullif(link.organisation, ''))",
            )
        }
                people ON people.page_id = p.id
        """  # noqa: S608
    else:
        sql = f"""
            SELECT p.id, p.content_type_id, p.live, p.title,
                concat_ws(' ', nullif(p.search_description, ''), themes.words,
                    nullif(e.venue_name, '')),
                concat_ws(' ', coalesce(nullif(e.intro, ''), nullif(p.search_description, '')),
                    {BODY_TEXT.format(body="e.body")}),
                concat_ws(' ', nullif(e.venue_name, ''), nullif(e.venue_city, ''))
            FROM bench_new_pages new
            JOIN wagtailcore_page p ON p.id = new.id
            JOIN events_eventpage e ON e.page_ptr_id = p.id
            {
            _group(
                "events_eventpage_themes",
                "eventpage_id",
                "t.name",
                "JOIN blog_theme t ON t.id = link.theme_id",
            )
        } themes ON themes.page_id = p.id
        """  # noqa: S608
    columns = "id, content_type_id, live, title, keywords, text"
    if kind != "article":
        columns += ", place"
    cursor.execute(
        """CREATE TEMPORARY TABLE bench_search_text ON COMMIT DROP AS
            SELECT * FROM (VALUES (0, 0, true, '', '', '', '')) AS empty
                (id, content_type_id, live, title, keywords, text, place) WHERE false"""
    )
    cursor.execute(f"INSERT INTO bench_search_text ({columns}) {sql}", params)  # noqa: S608


def fill_search(kind, page_ids):
    """Write the search rows of these new, live, public pages in SQL: the site's own table
    (``blog.SearchEntry``, see ``blog.search_index``) and Wagtail's (``IndexEntry``)."""
    if not enabled() or not page_ids:
        return
    from blog import search_index

    if settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] != search_index.DATABASE_BACKEND:
        raise RuntimeError("bench search rows are written for Wagtail's database backend only")
    from modelsearch.backends.database.postgres.weights import get_weight

    from wagtail.models import Page

    params = {
        "config": search_index.search_config(),
        "autocomplete_config": settings.WAGTAILSEARCH_BACKENDS["default"].get(
            "AUTOCOMPLETE_SEARCH_CONFIG", "simple"
        ),
        **_level_labels(),
    }
    title_field = next(f for f in Page.search_fields if getattr(f, "field_name", "") == "title")
    params["title_weight"] = get_weight(title_field.boost)
    params["body_weight"] = get_weight(None)
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TABLE IF EXISTS bench_new_pages, bench_search_text, bench_search_vectors"
        )
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_new_pages (id integer PRIMARY KEY) ON COMMIT DROP"
        )
        copy_rows("bench_new_pages", ["id"], ((page_id,) for page_id in page_ids))
        cursor.execute("ANALYZE bench_new_pages")
        _fill_texts(kind, cursor, params)
        # Each text made a vector once; both tables weigh the same vectors their own way.
        cursor.execute(
            """
            CREATE TEMPORARY TABLE bench_search_vectors ON COMMIT DROP AS
            SELECT id, content_type_id, live, title, text, concat_ws(' ', text,
                    CASE WHEN place IS NULL THEN nullif(keywords, '') ELSE nullif(place, '') END)
                    AS body_text,
                to_tsvector(%(config)s::regconfig, title) AS title_vector,
                to_tsvector(%(config)s::regconfig, keywords) AS keywords_vector,
                to_tsvector(%(config)s::regconfig, text) AS text_vector,
                to_tsvector(%(config)s::regconfig, coalesce(place, '')) AS place_vector,
                place IS NULL AS is_article
            FROM bench_search_text
            """,
            params,
        )
        cursor.execute(
            """
            INSERT INTO blog_searchentry (page_id, content_type_id, vector, text)
            SELECT id, content_type_id,
                setweight(title_vector, 'A') || setweight(keywords_vector, 'B')
                || setweight(text_vector, 'C'),
                regexp_replace(btrim(coalesce(text, '')), '[[:space:]]+', ' ', 'g')
            FROM bench_search_vectors WHERE live
            ON CONFLICT (page_id) DO UPDATE
                SET content_type_id = EXCLUDED.content_type_id, vector = EXCLUDED.vector,
                    text = EXCLUDED.text
            """,
            params,
        )
        # An article's words, as ``ArticlePage.save`` counts them for its structured data.
        cursor.execute(
            """
            UPDATE blog_articlepage SET word_count = CASE
                WHEN btrim(coalesce(text, '')) = '' THEN 0
                ELSE array_length(regexp_split_to_array(btrim(text), '[[:space:]]+'), 1) END
            FROM bench_search_vectors
            WHERE is_article AND blog_articlepage.page_ptr_id = bench_search_vectors.id
            """
        )
        # Wagtail's index: the title, and the other search fields as one body (an article's
        # themes, tags and authors among them; an event's place).
        cursor.execute(
            """
            INSERT INTO wagtailsearch_indexentry
                (content_type_id, object_id, title, autocomplete, body, title_norm,
                 title_text, body_text)
            SELECT content_type_id, id::text,
                setweight(title_vector, %(title_weight)s),
                setweight(to_tsvector(%(autocomplete_config)s::regconfig, title), 'D'),
                setweight(text_vector || CASE WHEN is_article THEN keywords_vector
                    ELSE place_vector END, %(body_weight)s),
                1.0, title, body_text
            FROM bench_search_vectors
            ON CONFLICT (content_type_id, object_id) DO UPDATE
                SET title = EXCLUDED.title, autocomplete = EXCLUDED.autocomplete,
                    body = EXCLUDED.body, title_norm = 1.0, title_text = EXCLUDED.title_text,
                    body_text = EXCLUDED.body_text
            """,
            params,
        )
        # Wagtail weighs a title by the average title length over its own length.
        cursor.execute(
            """
            UPDATE wagtailsearch_indexentry
            SET title_norm = (SELECT avg(length(title)) FROM wagtailsearch_indexentry
                              WHERE length(title) > 0) / length(title)
            WHERE title_norm = 1.0 AND length(title) > 0
            """
        )
        cursor.execute("DROP TABLE bench_new_pages, bench_search_text, bench_search_vectors")
