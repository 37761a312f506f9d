"""Themes moved from the blog app to taxonomy: an existing site keeps every theme, every link
to one and every permission editors have on them."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from taxonomy.models import Theme

BEFORE = [
    ("blog", "0005_names_on_one_line"),
    ("members", "0006_names_on_one_line"),
    ("events", "0003_names_on_one_line"),
    ("taxonomy", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    reached = [(app, name) for app, name in targets if name is not None]
    return executor.loader.project_state(reached).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_a_site_from_before_the_move_keeps_its_themes_links_and_permissions():
    old = migrate(BEFORE)
    OldTheme = old.get_model("blog", "Theme")
    theme = OldTheme.objects.create(name="Omgevingswet", slug="omgevingswet")
    old_type = ContentType.objects.get(app_label="blog", model="theme")
    editors = Group.objects.create(name="Themabeheer")
    editors.permissions.add(Permission.objects.get(content_type=old_type, codename="change_theme"))
    OldProfile = old.get_model("members", "Profile")
    OldUser = old.get_model("members", "User")
    user = OldUser.objects.create(
        email="ineke@example.nl", first_name="Ineke", last_name="de Vries"
    )
    profile = OldProfile.objects.create(user=user)
    profile.themes.add(theme)

    migrate(latest())

    moved = Theme.objects.get(pk=theme.pk)
    assert moved.name == "Omgevingswet"
    assert list(moved.member_profiles.values_list("pk", flat=True)) == [profile.pk]
    new_type = ContentType.objects.get_for_model(Theme)
    assert (new_type.pk, new_type.app_label) == (old_type.pk, "taxonomy")
    assert not ContentType.objects.filter(app_label="blog", model="theme").exists()
    assert editors.permissions.get().codename == "change_theme"
    assert editors.permissions.get().content_type == new_type
