"""A network of thousands of members is deleted in one request, not in one query per member.

Each membership the network takes along used to look its member up and resync the managers
group (five queries) and clear its rows in Wagtail's reference index (two more): about seven
seconds for 2,000 members, past a proxy's timeout at 20,000.
"""

import importlib
import uuid

import pytest

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import ReferenceIndex

from members.content_rights import NETWORK_MANAGERS
from members.models import NetworkMembership
from tests.factories import NetworkFactory, UserFactory, network_manager, network_members

pytestmark = pytest.mark.django_db


def network_of(count):
    network = NetworkFactory()
    network_members(network, count)
    return network


def queries_to_delete(network):
    with CaptureQueriesContext(connection) as context:
        network.delete()
    return len(context.captured_queries)


def test_deleting_a_network_needs_no_queries_per_member():
    small = network_of(3)
    large = network_of(40)

    assert queries_to_delete(large) <= queries_to_delete(small)
    assert not NetworkMembership.objects.exists()


def test_the_manager_of_a_deleted_network_leaves_the_managers_group():
    network = network_of(5)
    manager = network_manager(network)
    assert manager.groups.filter(name=NETWORK_MANAGERS).exists()

    network.delete()

    assert not manager.groups.filter(name=NETWORK_MANAGERS).exists()


def test_a_manager_of_another_network_stays_in_the_group():
    network, other = network_of(2), network_of(2)
    manager = network_manager(network)
    NetworkMembership.objects.create(
        user=manager,
        network=other,
        status=NetworkMembership.Status.APPROVED,
        role=NetworkMembership.Role.MANAGER,
    )

    network.delete()

    assert manager.groups.filter(name=NETWORK_MANAGERS).exists()


def test_a_member_joining_or_leaving_does_not_touch_the_managers_group():
    network = NetworkFactory()
    member = UserFactory()

    with CaptureQueriesContext(connection) as context:
        membership = NetworkMembership.objects.create(
            user=member, network=network, status=NetworkMembership.Status.APPROVED
        )
        membership.delete()

    assert not any("auth_group" in query["sql"] for query in context.captured_queries)
    assert not member.groups.exists()


def test_memberships_stay_out_of_the_reference_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        network = network_of(3)

    assert not ReferenceIndex.model_is_indexable(NetworkMembership)
    membership_type = ContentType.objects.get_for_model(NetworkMembership)
    assert not ReferenceIndex.objects.filter(content_type=membership_type).exists()
    assert not ReferenceIndex.get_references_to(network).exists()


def test_the_migration_removes_the_membership_rows_indexed_before():
    network = network_of(1)
    membership = NetworkMembership.objects.get()
    membership_type = ContentType.objects.get_for_model(NetworkMembership)
    fields = {
        "content_type": membership_type,
        "base_content_type": membership_type,
        "object_id": str(membership.pk),
        "to_content_type": ContentType.objects.get_for_model(network),
        "to_object_id": str(network.pk),
        "model_path": "network",
        "content_path": "network",
        "content_path_hash": uuid.uuid4(),
    }
    ReferenceIndex.objects.create(**fields)
    kept = ReferenceIndex.objects.create(
        **{
            **fields,
            "content_type": ContentType.objects.get_for_model(network),
            "base_content_type": ContentType.objects.get_for_model(network),
        }
    )
    migration = importlib.import_module("members.migrations.0017_forget_membership_references")

    migration.forget_membership_references(apps, None)

    assert list(ReferenceIndex.objects.all()) == [kept]
