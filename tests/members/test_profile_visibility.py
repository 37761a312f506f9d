"""Who sees a profile: visitors only public ones, members all, owners their own."""

import pytest

from members.models import Profile
from tests.factories import OrganisationFactory, UserFactory
from tests.members.helpers import comparable
from tests.vakgenoten.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_member(db):
    return UserFactory(
        first_name="Joost",
        last_name="Bakker",
        profile__visibility=Profile.Visibility.PUBLIC,
        profile__role="Informatiemanager",
        profile__organisation=OrganisationFactory(name="Gemeente Westerveen"),
    )


@pytest.fixture
def hidden_member(db):
    return UserFactory(first_name="Mirjam", last_name="Visser", profile__role="Controller")


def test_visitor_sees_a_public_profile(client, public_member):
    response = client.get(public_member.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Joost Bakker" in html
    assert "Informatiemanager" in html
    assert "Gemeente Westerveen" in html
    assert public_member.email not in html
    assert "Profiel bewerken" not in html
    assert_csp_clean(response)


def test_visitor_gets_404_for_a_members_only_profile(client, hidden_member):
    response = client.get(hidden_member.get_absolute_url())
    assert response.status_code == 404
    assert "Mirjam" not in response.content.decode()


def test_visitor_cannot_tell_a_hidden_profile_from_a_missing_one(client, hidden_member):
    hidden = client.get(hidden_member.get_absolute_url())
    missing = client.get("/leden/987654/")
    assert hidden.status_code == missing.status_code == 404
    # The pages differ only in the address itself (the footer's "report a problem" link).
    assert comparable(hidden, hidden_member.get_absolute_url()) == comparable(
        missing, "/leden/987654/"
    )


def test_member_sees_members_only_and_public_profiles(member_client, public_member, hidden_member):
    for other in (public_member, hidden_member):
        response = member_client.get(other.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert other.get_full_name() in html
        assert other.email not in html
        assert "Profiel bewerken" not in html


def test_owner_sees_their_own_profile_with_an_edit_link(client, hidden_member):
    client.force_login(hidden_member)
    response = client.get(hidden_member.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit is je eigen profiel." in html
    assert "Alleen ingelogde leden kunnen het zien." in html
    assert 'href="/mijn-account/profiel/"' in html


def test_unverified_or_nameless_accounts_have_no_profile_page(member_client):
    unverified = UserFactory(verified=False)
    nameless = UserFactory(last_name="")
    for user in (unverified, nameless):
        assert member_client.get(user.get_absolute_url()).status_code == 404


def test_deactivated_member_disappears(member_client, public_member, client):
    public_member.is_active = False
    public_member.save()
    assert member_client.get(public_member.get_absolute_url()).status_code == 404
    assert client.get(public_member.get_absolute_url()).status_code == 404


def test_every_new_account_gets_a_members_only_profile(db):
    user = UserFactory()
    assert user.profile.visibility == Profile.Visibility.MEMBERS
