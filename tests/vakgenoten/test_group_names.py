"""The staff groups have Dutch names in the admin: Wagtail's "Editors" and "Moderators" are
renamed by a data migration, and keep their members and permissions."""

import importlib

import pytest

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

pytestmark = pytest.mark.django_db

migration = importlib.import_module("vakgenoten.migrations.0008_dutch_names_for_wagtails_groups")


def test_the_migrated_database_has_dutch_staff_groups_with_wagtails_rights():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Schrijvers", "Eindredactie", "Redactie"} <= names
    assert not {"Editors", "Moderators"} & names
    publishers = GroupPagePermission.objects.filter(group__name="Eindredactie")
    assert publishers.filter(permission__codename="publish_page").exists()
    writers = GroupPagePermission.objects.filter(group__name="Schrijvers")
    assert writers.filter(permission__codename="change_page").exists()
    assert not writers.filter(permission__codename="publish_page").exists()
    admin_access = Permission.objects.get(codename="access_admin")
    assert admin_access.group_set.filter(name="Schrijvers").exists()


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
    Group.objects.create(name="Editors")
    migration.to_dutch(apps, None)
    assert Group.objects.filter(name="Editors").count() == 1
    assert Group.objects.filter(name="Schrijvers").count() == 1
