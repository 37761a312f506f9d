"""The demo members: complete Dutch profiles, a manager with a pending request, idempotent."""

import pytest
from allauth.account.models import EmailAddress

from home import demo as home_demo
from members import demo
from members.models import NetworkMembership, Profile, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_members(home_page, media):
    home_demo.load_shared()
    demo.load(home_page)
    return User.objects.filter(email__in=[spec["email"] for spec in demo.MEMBERS_DEMO])


def test_fourteen_members_with_complete_profiles(demo_members):
    assert demo_members.count() == 14
    for user in demo_members.select_related("profile__organisation"):
        assert user.has_complete_name
        assert not user.has_usable_password()  # they log in through "Wachtwoord vergeten"
        assert EmailAddress.objects.get(user=user).verified
        profile = user.profile
        assert profile.organisation and profile.role and profile.province and profile.bio
        assert profile.themes.exists()
    assert User.objects.listed().filter(pk__in=demo_members).count() == 14


def test_some_profiles_are_public_most_are_for_members(demo_members):
    public = demo_members.filter(profile__visibility=Profile.Visibility.PUBLIC).count()
    assert 0 < public < 12 - public
    # Members work where their organisation sits: mostly the three northern provinces of the
    # demo register, a few elsewhere.
    provinces = set(demo_members.values_list("profile__province", flat=True))
    organisations = set(demo_members.values_list("profile__organisation", flat=True))
    assert len(provinces) >= 4 and len(organisations) >= 6
    assert all(
        member.profile.province == member.profile.organisation.province
        for member in demo_members.select_related("profile__organisation")
    )
    assert demo_members.filter(profile__avatar__gt="").count() >= 6


def test_a_network_manager_has_a_pending_request(demo_members):
    manager = NetworkMembership.objects.managers().get(network__requires_approval=True)
    assert manager.user.get_full_name() == "Bram Jansen"
    pending = NetworkMembership.objects.pending().get(network=manager.network)
    assert pending.user.get_full_name() == "Koen Smit"


def test_loading_again_changes_nothing(demo_members, media):
    before = (
        list(User.objects.order_by("pk").values()),
        list(Profile.objects.order_by("pk").values()),
        list(NetworkMembership.objects.order_by("pk").values()),
        sorted(path.name for path in media.rglob("*") if path.is_file()),
    )
    assert demo.load() == {}
    after = (
        list(User.objects.order_by("pk").values()),
        list(Profile.objects.order_by("pk").values()),
        list(NetworkMembership.objects.order_by("pk").values()),
        sorted(path.name for path in media.rglob("*") if path.is_file()),
    )
    assert after == before


def test_the_demo_manager_sees_the_request_on_the_network_page(client, demo_members):
    bram = demo_members.get(last_name="Jansen")
    client.force_login(bram)
    html = client.get("/netwerken/netwerk-bedrijfsvoering-gemeenten/").content.decode()
    assert 'id="aanvragen"' in html
    assert "Koen Smit" in html
