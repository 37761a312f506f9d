"""Data a module's tests share: loaded once, rolled back after the module."""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def kept_for_the_module(django_db_blocker):
    """Database rows made inside stay for every test of a module, and are rolled back after
    its last test.

    What Django's ``TestCase.setUpTestData`` does for a class: an outer transaction around the
    module; each test's own transaction (the ``django_db`` marker) becomes a savepoint inside
    it, so a test still sees the rows and still cannot change them for the next. Loading the
    whole demo takes seconds; modules that only read it load it once instead of per test. Not
    for transactional tests, which commit.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
