"""A transaction moves each generation on once when it commits, however often it asked.

Deleting a network sends a signal for every membership, and each purged its member and the
directory: thousands of cache round trips after one click in the admin.
"""

import pytest

from django.db import transaction

from members.directory import DIRECTORY
from members.models import NetworkMembership
from tests.factories import NetworkFactory, UserFactory, network_members
from vakgenoten.cache import (
    GLOBAL_GENERATION,
    generation_key,
    member_generation_key,
    page_cache,
    purge_all_after_commit,
    purge_member_after_commit,
    purge_pages_after_commit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache(page_cache_on):
    page_cache().clear()
    yield
    page_cache().clear()


def generation(key):
    return page_cache().get(key, 0)


def test_each_generation_moves_once_however_often_the_transaction_asked(
    django_capture_on_commit_callbacks,
):
    members = [11, 12, 13]
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(100):
            for member in members:
                purge_member_after_commit(member)
            purge_pages_after_commit([DIRECTORY])

    assert [generation(member_generation_key(member)) for member in members] == [1, 1, 1]
    assert generation(generation_key(DIRECTORY)) == 1
    assert generation(GLOBAL_GENERATION) == 0


def test_after_everything_is_purged_the_other_purges_of_the_commit_are_needless(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        purge_member_after_commit(11)
        purge_all_after_commit()
        purge_member_after_commit(12)
        purge_pages_after_commit([DIRECTORY, 42])

    assert generation(GLOBAL_GENERATION) == 1
    assert generation(member_generation_key(11)) == 1  # asked before: made before
    assert generation(member_generation_key(12)) == 0
    assert generation(generation_key(42)) == 0


def test_nothing_moves_before_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        purge_member_after_commit(11)
        purge_all_after_commit()
        assert generation(GLOBAL_GENERATION) == generation(member_generation_key(11)) == 0

    for callback in callbacks:
        callback()
    assert generation(GLOBAL_GENERATION) == generation(member_generation_key(11)) == 1


def test_a_purge_after_a_rolled_back_savepoint_still_happens(django_capture_on_commit_callbacks):
    """The savepoint takes the callback registered in it along, not the purges after it."""
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            purge_member_after_commit(11)
            raise RuntimeError("rolled back")
        purge_member_after_commit(12)

    assert generation(member_generation_key(12)) == 1


def test_a_purge_asked_earlier_in_the_transaction_stays_its_own(
    django_capture_on_commit_callbacks,
):
    """Each purge keeps its own callback: in a test, whose transaction is never committed,
    a callback registered before the captured block does not run, nor make others run."""
    purge_all_after_commit()  # registered, never run
    purge_member_after_commit(11)

    with django_capture_on_commit_callbacks(execute=True):
        purge_member_after_commit(12)

    assert generation(member_generation_key(12)) == 1
    assert generation(GLOBAL_GENERATION) == generation(member_generation_key(11)) == 0


def test_each_commit_moves_the_generation_again(django_capture_on_commit_callbacks):
    for expected in (1, 2):
        with django_capture_on_commit_callbacks(execute=True):
            purge_member_after_commit(11)
            purge_member_after_commit(11)
        assert generation(member_generation_key(11)) == expected


def test_deleting_a_network_with_many_members_purges_once(django_capture_on_commit_callbacks):
    """Each membership it takes along would purge its member and the directory; the
    network's own deletion purges everything, which covers them (``members.signals``)."""
    with django_capture_on_commit_callbacks(execute=True):  # the purges of making them
        network = NetworkFactory()
        members = network_members(network, 40)
    page_cache().clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        network.delete()

    assert len(callbacks) == 1  # the network's own purge of everything
    assert generation(GLOBAL_GENERATION) == 1
    assert {generation(member_generation_key(member.pk)) for member in members} == {0}
    assert generation(generation_key(DIRECTORY)) == 0


def test_leaving_a_network_still_purges_the_member_and_the_directory(
    django_capture_on_commit_callbacks,
):
    network = NetworkFactory()
    member = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        membership = NetworkMembership.objects.create(
            user=member, network=network, status=NetworkMembership.Status.APPROVED
        )
    page_cache().clear()

    with django_capture_on_commit_callbacks(execute=True):
        membership.delete()

    assert generation(member_generation_key(member.pk)) == 1
    assert generation(generation_key(DIRECTORY)) == 1
    assert generation(GLOBAL_GENERATION) == 0
