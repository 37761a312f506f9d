"""Following: once per target, never oneself, and a sensible start from the profile."""

import pytest

from django.db import IntegrityError

from members.follows import Interests, follow, interests_for_users, is_following, unfollow
from members.models import Follow, NetworkMembership
from tests.factories import NetworkFactory, OrganisationFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_member_follows_each_target_once_and_can_stop(member):
    theme, colleague = ThemeFactory(), UserFactory()
    assert follow(member, theme)
    assert not follow(member, theme)
    assert follow(member, colleague)
    assert is_following(member, theme) and is_following(member, colleague)
    assert Follow.objects.filter(user=member).count() == 2
    assert unfollow(member, theme)
    assert not unfollow(member, theme)
    assert not is_following(member, theme)


def test_nobody_follows_themselves_and_the_database_agrees(member):
    assert not follow(member, member)
    with pytest.raises(IntegrityError):
        Follow.objects.create(user=member, member=member)


def test_a_follow_has_exactly_one_target(member):
    with pytest.raises(IntegrityError):
        Follow.objects.create(user=member, theme=ThemeFactory(), network=NetworkFactory())


def test_only_themes_members_networks_and_organisations_can_be_followed(member):
    with pytest.raises(ValueError, match="cannot follow"):
        follow(member, member.profile)


def test_a_newcomer_starts_from_their_profile(member):
    organisation, network, pending = OrganisationFactory(), NetworkFactory(), NetworkFactory()
    theme = ThemeFactory()
    member.profile.organisation = organisation
    member.profile.save()
    member.profile.themes.add(theme)
    NetworkMembership.objects.create(
        user=member, network=network, status=NetworkMembership.Status.APPROVED
    )
    NetworkMembership.objects.create(user=member, network=pending)

    interests = Interests.for_user(member)
    assert interests.from_profile
    assert interests.organisation_ids == {organisation.pk}
    assert interests.network_ids == {network.pk}
    assert interests.theme_ids == {theme.pk}

    follow(member, network)
    interests = Interests.for_user(member)
    assert not interests.from_profile
    assert interests.network_ids == {network.pk}
    assert not interests.theme_ids and not interests.organisation_ids


def test_interests_for_many_members_in_constant_queries(django_assert_max_num_queries):
    members = UserFactory.create_batch(5)
    for someone in members[:3]:
        follow(someone, ThemeFactory())
    nobody = UserFactory()
    with django_assert_max_num_queries(4):
        interests = interests_for_users([m.pk for m in members] + [nobody.pk])
    assert all(interests[m.pk].theme_ids for m in members[:3])
    assert not interests[nobody.pk] and interests[nobody.pk].from_profile
