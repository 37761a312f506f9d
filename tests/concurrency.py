"""Fire requests at the same moment from threads, each with its own database connection.

On PostgreSQL the threads share the test database as workers share the real one. SQLite's test
database lives in memory, where a second simultaneous writer fails at once ("database table is
locked") instead of waiting its turn as it does on a database file. There the threads work on a
file copy of the database, which is copied back when they are done, so the test then reads
what they wrote as usual. Use only in ``transaction=True`` tests: the threads must see what the
test stored, and the copy must not run inside the test's transaction.
"""

import sqlite3
import threading

from django.db import DEFAULT_DB_ALIAS, connection, connections


def at_once(calls, tmp_path):
    """Run every call in ``calls`` from its own thread, released together; their results.

    An exception in any thread is raised here, after all threads have finished.
    """
    database = _file_copy(tmp_path) if _in_memory_sqlite() else None
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)
    errors = []

    def run(index, call):
        if database:
            own = connections[DEFAULT_DB_ALIAS]
            own.settings_dict = {**own.settings_dict, "NAME": database}
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - raised in the test's thread below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if database:
        _copy_back(database)
    if errors:
        raise errors[0]
    return results


def _in_memory_sqlite():
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def _file_copy(tmp_path):
    path = str(tmp_path / "simultaneous.sqlite3")
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
        # In the write-ahead log mode the site's connections ask for, before they connect: that
        # switch needs the file to itself, and two threads making it at once could meet
        # "database is locked" before the busy timeout applies.
        target.execute("PRAGMA journal_mode=WAL")
    finally:
        target.close()
    return path


def _copy_back(path):
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
