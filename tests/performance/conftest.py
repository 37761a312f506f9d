"""Fixtures for the performance tests: the site tree, bulk builders and the caches switched on.

Large lists are built with ``bench/data.py`` (bulk inserts, as ``bench/seed.py`` does),
so a test with thousands of rows still takes about a second on SQLite.
"""

import pytest

from bench import data as bench_data


@pytest.fixture
def site_tree(home_page):
    """(home page, knowledge base, agenda), with the demo themes and organisations."""
    return bench_data.ensure_site()


@pytest.fixture
def blog_index(site_tree):
    return site_tree[1]


@pytest.fixture
def agenda(site_tree):
    return site_tree[2]


@pytest.fixture
def text():
    return bench_data.Text(seed=7)


@pytest.fixture
def members(db, text):
    """A pool of members to write comments and register; complete names, verified e-mail."""
    return bench_data.create_members(30, text, prefix="pool")


@pytest.fixture
def reader(members):
    """The signed-in member whose personal content must never reach anyone else."""
    return members[0]
