"""The member-name include that comments and events reuse: name, photo, link when visible."""

import pytest

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

from members.models import Profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def render_for(viewer, member):
    request = RequestFactory().get("/")
    request.user = viewer
    return render_to_string(
        "members/includes/member_name.html", {"member": member}, request=request
    )


def test_member_sees_a_link_to_a_members_only_profile(member):
    other = UserFactory(first_name="Ruben", last_name="van Dijk")
    html = render_for(member, other)
    assert f'href="/leden/{other.pk}/"' in html
    assert "Ruben van Dijk" in html
    assert 'class="avatar avatar--small avatar--initials" aria-hidden="true">RD<' in html
    assert other.email not in html


def test_visitor_sees_neither_name_nor_photo_nor_link_of_a_members_only_member():
    """The profile form promises the visibility covers name and photo."""
    other = UserFactory(first_name="Ruben", last_name="van Dijk")
    html = render_for(AnonymousUser(), other)
    assert "Lid van Vakgenoten" in html
    assert "Ruben" not in html
    assert "RD" not in html
    assert "<img" not in html
    assert "href=" not in html


def test_visitor_gets_a_link_to_a_public_profile():
    other = UserFactory(profile__visibility=Profile.Visibility.PUBLIC)
    assert f'href="/leden/{other.pk}/"' in render_for(AnonymousUser(), other)


def test_a_deleted_or_deactivated_member_shows_as_removed(member):
    assert "verwijderde deelnemer" in render_for(member, None)
    gone = UserFactory(is_active=False)
    html = render_for(member, gone)
    assert "verwijderde deelnemer" in html
    assert gone.get_full_name() not in html


def test_no_query_per_name_when_profiles_are_selected_with_the_user(
    member, django_assert_num_queries
):
    from members.models import User

    UserFactory.create_batch(3)
    members = list(User.objects.select_related("profile"))
    with django_assert_num_queries(0):
        for other in members:
            render_for(member, other)
