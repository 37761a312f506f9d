"""One demo account per role, none a superuser, each a demo member with a name and an
organisation; passwords made once, kept in var/demo-accounts.txt and printed as a table.
After a fresh migrate and the demo, the admin knows exactly the four Dutch groups."""

import io

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command

from home.demo import ROLE_ACCOUNTS
from members.models import NetworkMembership, User

pytestmark = pytest.mark.django_db

ROLES = ["redactie", "auteur", "moderator", "organisator", "lid"]


@pytest.fixture
def demo(loaded_demo, settings, tmp_path):
    """Each test keeps its credentials file in a folder of its own."""
    settings.BASE_DIR = tmp_path


def run_demo_accounts():
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    return out.getvalue()


def stored(tmp_path):
    lines = (tmp_path / "var" / "demo-accounts.txt").read_text().splitlines()
    return [tuple(line.split("\t")) for line in lines]


def test_each_role_has_an_account_that_logs_in_and_none_is_a_superuser(demo, tmp_path, client):
    printed = run_demo_accounts()
    rows = stored(tmp_path)
    assert [role for role, _email, _password in rows] == ROLES
    assert oct((tmp_path / "var" / "demo-accounts.txt").stat().st_mode)[-3:] == "600"
    for role, email, password in rows:
        assert f"{role}" in printed and email in printed and password in printed
        user = User.objects.select_related("profile__organisation").get(email=email)
        assert not user.is_superuser and not user.is_staff
        assert user.has_complete_name and user.profile.organisation and user.profile.role
        assert client.login(email=email, password=password)
        client.logout()
    assert "rol" in printed and "wachtwoord" in printed
    assert not User.objects.filter(is_superuser=True).exists()


def test_each_account_is_in_the_group_of_its_role(demo):
    run_demo_accounts()
    groups = {
        role: set(User.objects.get(email=email).groups.values_list("name", flat=True))
        for role, email, *_rest in ROLE_ACCOUNTS
    }
    assert groups == {
        "redactie": {"Redactie"},
        "auteur": {"Auteurs"},
        "moderator": {"Moderatoren"},
        # Managing a network puts Bram in "Netwerkbeheerders" too (members.content_rights).
        "organisator": {"Organisatoren", "Netwerkbeheerders"},
        "lid": set(),
    }
    organiser = User.objects.get(email=ROLE_ACCOUNTS[3][1])
    managed = NetworkMembership.objects.managers().get(user=organiser)
    assert managed.network.slug == "netwerk-bedrijfsvoering-gemeenten"
    author = User.objects.get(email=ROLE_ACCOUNTS[1][1])
    assert author.author_profiles.filter(slug="marieke-van-dijk").exists()


def test_passwords_are_made_once_and_a_broken_one_is_replaced(demo, tmp_path):
    run_demo_accounts()
    first = stored(tmp_path)
    run_demo_accounts()
    assert stored(tmp_path) == first
    member = User.objects.get(email=first[-1][1])
    member.set_password("iets-anders-1234")
    member.save()
    run_demo_accounts()
    again = stored(tmp_path)
    assert again[:-1] == first[:-1]
    assert again[-1][2] != first[-1][2]
    member.refresh_from_db()
    assert member.check_password(again[-1][2])


def test_a_fresh_database_with_the_demo_has_exactly_the_five_dutch_groups(demo):
    run_demo_accounts()
    names = set(Group.objects.values_list("name", flat=True))
    assert names == {"Redactie", "Auteurs", "Moderatoren", "Organisatoren", "Netwerkbeheerders"}


def test_the_admin_lists_the_four_groups(demo, client):
    from tests.factories import EditorFactory

    admin = EditorFactory(is_superuser=True)  # only a superuser manages groups
    client.force_login(admin)
    html = client.get("/admin/groups/").content.decode()
    for name in ("Redactie", "Auteurs", "Moderatoren", "Organisatoren", "Netwerkbeheerders"):
        assert f">{name}<" in html or f"{name}\n" in html
    for name in ("Schrijvers", "Eindredactie", "Editors", "Moderators"):
        assert name not in html
