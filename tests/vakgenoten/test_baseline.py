"""A flushed database gets back what the migrations made: tree roots, locale and staff groups."""

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import Collection, Locale, Page

from comments.groups import EDITORS_GROUP
from events.groups import ORGANISERS

pytestmark = pytest.mark.django_db(transaction=True)


def test_flush_is_followed_by_the_baseline():
    call_command("flush", interactive=False, verbosity=0)

    assert Locale.objects.filter(language_code="nl").exists()
    assert Page.get_first_root_node() is not None
    assert Collection.get_first_root_node() is not None
    editors = Group.objects.get(name=EDITORS_GROUP)
    assert editors.permissions.filter(codename="moderate_comment").exists()
    assert Group.objects.filter(name=ORGANISERS).exists()
    assert Group.objects.filter(name="Netwerkbeheerders").exists()


def test_an_existing_group_keeps_what_an_administrator_changed():
    editors = Group.objects.get(name=EDITORS_GROUP)
    editors.permissions.clear()

    call_command("migrate", verbosity=0)

    assert not editors.permissions.exists()
