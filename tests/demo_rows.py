"""Demo content loaded once per run and written per test: the rows a load makes, noted.

Almost every test asks for the ``home_page`` fixture. Loading that layer the Wagtail way (five
pages saved, revised and published, with their search and reference index rows, the welcome
page removed) took half a second and 540 queries, in well over a thousand tests: about a third
of the suite's time. The whole demo (``manage.py load_demo``) takes five seconds, thirteen
under coverage, and a dozen modules start from it. The first test that asks for a load runs it
inside a savepoint, notes which rows it added, changed and removed, table by table, and rolls
the savepoint back; from then on each test writes those rows itself, a few statements a table.

Only onto the database the load was noted on: before writing, the rows the load changed or
removed must be there as they were, and each table it touched must hold as many rows as then.
Where that does not hold (a transactional test flushed the tables, so the roots came back under
new ids; a test made pages before asking for the home page), the load is noted again on the
database as it is. Only with the test settings' own media folder, where the pictures saved by
the noted load stay: a test with a media folder of its own gets a load the Wagtail way, as does
a test outside a transaction (a transactional test commits). Either way the test gets the same
rows.
"""

import dataclasses
import datetime

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction

# The media folder of the test settings, read before any test changes it.
_MEDIA_ROOT = str(settings.MEDIA_ROOT)
# The notes kept per loader, for the states tests start from.
KEPT_NOTES = 3
# What ``DemoRows.write`` returns when the database is not as the load was noted on.
_REFUSED = object()


class NotedLoad:
    """A loader of demo content whose rows are noted once and written per test. One that
    saves files (pictures) is only noted and written with the test settings' media folder."""

    def __init__(self, saves_files):
        self.saves_files = saves_files
        self._notes = []  # DemoRows, newest last

    def __call__(self, load):
        """What ``load()`` returns, with its rows in this test's database."""
        elsewhere = self.saves_files and str(settings.MEDIA_ROOT) != _MEDIA_ROOT
        if elsewhere or not connection.in_atomic_block:
            return load()
        for noted in reversed(self._notes):
            result = noted.write()
            if result is not _REFUSED:
                return result
        # The first load, or the tables are not as any load was noted on.
        self._notes.append(DemoRows(load))
        del self._notes[:-KEPT_NOTES]
        result = self._notes[-1].write()
        return load() if result is _REFUSED else result


class _NotAsNoted(Exception):
    """A table is not as it was when the load was noted."""


class DemoRows:
    """What one load did to each table: rows before (of those it changed or removed), rows
    after (added or changed), and how to fetch what it returned again."""

    def __init__(self, load):
        tables = _tables()
        columns = {table: _columns(table, key) for table, (key, _model) in tables.items()}
        before = {
            table: _rows(table, key, columns[table]) for table, (key, _model) in tables.items()
        }
        with transaction.atomic():
            result = load()
            after = {
                table: _rows(table, key, columns[table]) for table, (key, _model) in tables.items()
            }
            transaction.set_rollback(True)
        self.recall = _recaller(result)
        self.changes = {}
        for table, (key, model) in tables.items():
            old, new = before[table], after[table]
            if old == new:
                continue
            self.changes[table] = {
                "column": key,
                "model": model,
                "count": len(old),
                "removed": {pk: old[pk] for pk in old.keys() - new.keys()},
                "changed": {
                    pk: (old[pk], new[pk]) for pk in old.keys() & new.keys() if old[pk] != new[pk]
                },
                "added": [new[pk] for pk in new.keys() - old.keys()],
                "columns": columns[table],
            }

    def write(self):
        """Write the noted rows and return what the load returned, or ``_REFUSED`` where the
        tables are not as they were noted (or the database refuses the rows: nothing of them is
        left then)."""
        try:
            with transaction.atomic():
                for table, change in self.changes.items():
                    if not self._as_noted(table, change):
                        raise _NotAsNoted(table)
                for table, change in self.changes.items():
                    self._write(table, change)
                _reset_sequences(
                    [change["model"] for change in self.changes.values() if change["added"]]
                )
        except (_NotAsNoted, DatabaseError):
            return _REFUSED
        return self.recall()

    def _as_noted(self, table, change):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608  # nosec B608
            if cursor.fetchone()[0] != change["count"]:
                return False
        expected = {
            **change["removed"],
            **{pk: old for pk, (old, _new) in change["changed"].items()},
        }
        if not expected:
            return True
        current = _rows(table, change["column"], change["columns"], list(expected))
        return current == expected

    def _write(self, table, change):
        quoted, column = _quote(table), _quote(change["column"])
        names = change["columns"]
        with connection.cursor() as cursor:
            if change["removed"]:
                marks = ", ".join(["%s"] * len(change["removed"]))
                cursor.execute(
                    f"DELETE FROM {quoted} WHERE {column} IN ({marks})",  # noqa: S608  # nosec B608
                    list(change["removed"]),
                )
            for pk, (_old, new) in change["changed"].items():
                assignments = ", ".join(f"{_quote(name)} = %s" for name in names)
                cursor.execute(
                    f"UPDATE {quoted} SET {assignments} WHERE {column} = %s",  # noqa: S608  # nosec B608
                    [*new, pk],
                )
            if change["added"]:
                listed = ", ".join(_quote(name) for name in names)
                marks = ", ".join(["%s"] * len(names))
                cursor.executemany(
                    f"INSERT INTO {quoted} ({listed}) VALUES ({marks})",  # noqa: S608  # nosec B608
                    change["added"],
                )


_HOME_LAYER = NotedLoad(saves_files=False)


def demo_home_page():
    """The demo site layer in this test's database; returns its home page."""
    from vakgenoten import demo

    return _HOME_LAYER(demo.load)


def _recaller(value):
    """How to fetch ``value`` again once its rows are written: a model instance by its key, a
    dataclass field by field, anything else as it is."""
    if isinstance(value, models.Model):
        model, pk = type(value), value.pk
        return lambda: model._default_manager.get(pk=pk)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        fields = {
            field.name: _recaller(getattr(value, field.name)) for field in dataclasses.fields(kind)
        }
        return lambda: kind(**{name: recall() for name, recall in fields.items()})
    return lambda: value


def _tables():
    """Each model's table that exists, with its primary key column and the model. Not
    SQLite's full-text tables: triggers on the table they index write them."""
    existing = set(connection.introspection.table_names()) - _virtual_tables()
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or meta.db_table in tables or meta.db_table not in existing:
            continue
        tables[meta.db_table] = (meta.pk.column, model)
    return tables


def _virtual_tables():
    if connection.vendor != "sqlite":
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%%'")
        return {name for (name,) in cursor.fetchall()}


def _columns(table, key):
    """The columns of ``table``, with its key first where the description leaves it out (the
    ``rowid`` of SQLite's full-text tables)."""
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, table)
    names = [column.name for column in description]
    return names if key in names else [key, *names]


def _rows(table, column, names, pks=None):
    """The rows of ``table`` by primary key ``column`` (only ``pks`` when given), as tuples of
    the columns ``names``; JSON as its text, so that it is written back as it was read."""
    select = f"SELECT {', '.join(_quote(name) for name in names)} FROM {_quote(table)}"  # noqa: S608  # nosec B608
    params = []
    if pks is not None:
        select += f" WHERE {_quote(column)} IN ({', '.join(['%s'] * len(pks))})"
        params = pks
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import register_default_json, register_default_jsonb

            register_default_json(cursor.cursor, loads=str)
            register_default_jsonb(cursor.cursor, loads=str)
        cursor.execute(select, params)
        position = names.index(column)
        return {row[position]: tuple(_plain(value) for value in row) for row in cursor.fetchall()}


def _plain(value):
    """A value as it can be compared and written back: PostgreSQL's bytea comes as a view, and
    SQLite hands times out as objects it cannot take back (Django stores them as text)."""
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, datetime.time):
        return value.isoformat()
    return value


def _quote(name):
    return connection.ops.quote_name(name)


def _reset_sequences(models):
    """PostgreSQL hands out the next id from a sequence, which rows written with their ids do
    not move: set each to the highest id, as ``loaddata`` does."""
    if not models:
        return
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
