"""The demo site layer (``vakgenoten.demo.load``), loaded once per run and written per test.

Almost every test asks for the ``home_page`` fixture. Loading that layer the Wagtail way (five
pages saved, revised and published, with their search and reference index rows, the welcome
page removed) took half a second and 540 queries, in well over a thousand tests: about a third
of the suite's time. The first test that asks for it loads it once inside a savepoint, notes
which rows the load added, changed and removed, table by table, and rolls the savepoint back;
from then on each test writes those rows itself, a few dozen statements.

Only onto the database the load was noted on: before writing, the rows the load changed or
removed must be there as they were, and each table it touched must hold as many rows as then.
Where that does not hold (a transactional test flushed the tables, so the roots came back under
new ids; a test made pages before asking for the home page), the load is noted again on the
database as it is. Outside a test's transaction (a transactional test commits) the demo is
loaded the Wagtail way, as before. Either way the test gets the same rows.
"""

from django.apps import apps
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

# The loads noted so far (DemoRows), newest last; a few, for the states tests start from.
_noted = []
KEPT_NOTES = 3


class _NotAsNoted(Exception):
    """A table is not as it was when the load was noted."""


class DemoRows:
    """What one ``demo.load()`` did to each table: rows before (of those it changed or
    removed), rows after (added or changed), and the home page it returned."""

    def __init__(self, load):
        tables = _tables()
        columns = {table: _columns(table, key) for table, (key, _model) in tables.items()}
        before = {
            table: _rows(table, key, columns[table]) for table, (key, _model) in tables.items()
        }
        with transaction.atomic():
            home = load()
            after = {
                table: _rows(table, key, columns[table]) for table, (key, _model) in tables.items()
            }
            transaction.set_rollback(True)
        self.home_model, self.home_pk = type(home), home.pk
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
        """Write the noted rows, or return None where the tables are not as they were noted
        (or the database refuses them: nothing of them is left then)."""
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
            return None
        return self.home_model.objects.get(pk=self.home_pk)

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


def demo_home_page():
    """The demo site layer in this test's database; returns its home page."""
    from vakgenoten import demo

    if not connection.in_atomic_block:  # a transactional test: its rows are committed
        return demo.load()
    for noted in reversed(_noted):
        home = noted.write()
        if home is not None:
            return home
    # The first load, or the tables are not as any load was noted on: a transactional test
    # flushed them since (the roots come back under new ids), or this test changed them.
    _noted.append(DemoRows(demo.load))
    del _noted[:-KEPT_NOTES]
    home = _noted[-1].write()
    return home if home is not None else demo.load()


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
    """A value as it can be compared and written back (PostgreSQL's bytea comes as a view)."""
    return bytes(value) if isinstance(value, memoryview) else value


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
