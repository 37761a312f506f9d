"""The staff groups have one Dutch name per role in the admin: Wagtail's "Editors" and
"Moderators" are renamed (0008), then merged into "Auteurs" and "Redactie" (0009), keeping
their members and the rights each role needs."""

import importlib

import pytest

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowState,
)

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("vakgenoten.migrations.0008_dutch_names_for_wagtails_groups")
merge = importlib.import_module("vakgenoten.migrations.0009_one_dutch_name_per_role")


def root_permissions(group_name):
    root = Page.get_first_root_node()
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=root).values_list(
            "permission__codename", flat=True
        )
    )


def test_the_migrated_database_has_one_dutch_group_per_role():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Redactie", "Auteurs"} <= names
    assert not {"Editors", "Moderators", "Schrijvers", "Eindredactie"} & names
    # Wagtail's rights for the old "Moderators" stay with the Redactie: publish everywhere.
    assert {"add_page", "change_page", "publish_page", "lock_page"} <= root_permissions("Redactie")
    # Authors write in the knowledge base (blog/editorial.py), not on the home page.
    assert root_permissions("Auteurs") == set()
    admin_access = Permission.objects.get(codename="access_admin")
    assert admin_access.group_set.filter(name="Auteurs").exists()
    assert admin_access.group_set.filter(name="Redactie").exists()


def test_wagtails_workflow_has_a_dutch_name_and_asks_the_redactie():
    assert not Workflow.objects.filter(name__endswith="approval").exists()
    assert not Task.objects.filter(name__endswith="approval").exists()
    workflow = Workflow.objects.get(name=merge.WORKFLOW_NAME)
    assert workflow.workflow_pages.filter(page=Page.get_first_root_node()).exists()
    task = GroupApprovalTask.objects.get(name=merge.TASK_NAME)
    assert list(task.groups.values_list("name", flat=True)) == ["Redactie"]


def recreate_the_old_groups(writer, publisher):
    """A database from before 0009: Schrijvers and Eindredactie with members and rights."""
    root = Page.get_first_root_node()
    schrijvers = Group.objects.create(name="Schrijvers")
    eindredactie = Group.objects.create(name="Eindredactie")
    for group in (schrijvers, eindredactie):
        group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=schrijvers, page=root, permission=Permission.objects.get(codename=codename)
        )
    publish = Permission.objects.get(codename="publish_page")
    GroupPagePermission.objects.create(group=eindredactie, page=root, permission=publish)
    writer.groups.add(schrijvers)
    publisher.groups.add(eindredactie)
    task = GroupApprovalTask.objects.get(name=merge.TASK_NAME)
    task.groups.set([eindredactie])
    Task.objects.filter(pk=task.pk).update(name="Moderators approval")
    Workflow.objects.filter(name=merge.WORKFLOW_NAME).update(name="Moderators approval")
    return task


def test_merging_moves_members_and_rights_and_keeps_a_review_in_progress(home_page):
    Group.objects.filter(name="Redactie").delete()  # the migration creates it when missing
    writer, publisher, submitter = UserFactory(), UserFactory(), UserFactory()
    task = recreate_the_old_groups(writer, publisher)
    workflow = Workflow.objects.get(name="Moderators approval")
    state = workflow.start(home_page, submitter)

    merge.to_one_dutch_name(apps, None)
    merge.to_one_dutch_name(apps, None)  # again: nothing changes, nothing breaks

    names = set(Group.objects.values_list("name", flat=True))
    assert not {"Schrijvers", "Eindredactie"} & names
    assert writer.groups.filter(name="Auteurs").exists()
    assert publisher.groups.filter(name="Redactie").exists()
    assert "publish_page" in root_permissions("Redactie")
    assert root_permissions("Auteurs") == set()
    task.refresh_from_db()
    assert task.name == merge.TASK_NAME
    assert list(task.groups.values_list("name", flat=True)) == ["Redactie"]
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == merge.WORKFLOW_NAME
    assert state.current_task_state.task.specific.user_can_access_editor(home_page, publisher)


def test_the_workflow_names_can_be_undone():
    merge.to_english_workflow_names(apps, None)
    assert Workflow.objects.filter(name="Moderators approval").exists()
    assert Task.objects.filter(name="Moderators approval").exists()
    merge.to_one_dutch_name(apps, None)
    assert Workflow.objects.filter(name=merge.WORKFLOW_NAME).exists()


def test_renaming_keeps_members_and_permissions_and_can_be_undone(member):
    Group.objects.filter(name__in=["Schrijvers", "Eindredactie"]).delete()
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    member.groups.add(editors)

    migration.to_dutch(apps, None)
    editors.refresh_from_db()
    assert editors.name == "Schrijvers"
    assert editors.permissions.filter(codename="access_admin").exists()
    assert member.groups.filter(pk=editors.pk).exists()

    migration.to_english(apps, None)
    editors.refresh_from_db()
    assert editors.name == "Editors"


def test_an_existing_dutch_group_is_left_alone():
    Group.objects.create(name="Schrijvers")
    Group.objects.create(name="Editors")
    migration.to_dutch(apps, None)
    assert Group.objects.filter(name="Editors").count() == 1
    assert Group.objects.filter(name="Schrijvers").count() == 1
