"""The member_name tag that comments, questions and networks reuse: name, photo, link when
visible; and the avatar tag beside it."""

import pytest

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.template import RequestContext, Template
from django.test import RequestFactory

from members.models import Profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def render_for(viewer, member):
    request = RequestFactory().get("/")
    request.user = viewer
    return Template("{% load member_tags %}{% member_name member %}").render(
        RequestContext(request, {"member": member})
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


def render_tag(viewer, tag, **context):
    request = RequestFactory().get("/")
    request.user = viewer
    return Template("{% load member_tags %}" + tag).render(RequestContext(request, context))


def test_name_options_leave_out_photo_and_link(member):
    other = UserFactory(first_name="Ruben", last_name="van Dijk")
    html = render_tag(member, "{% member_name other hide_avatar=True no_link=True %}", other=other)
    assert html == (
        '<span class="member-name"><span class="member-name__text">Ruben van Dijk</span></span>'
    )


def test_a_name_is_escaped(member):
    other = UserFactory(first_name="<b>Eva</b>", last_name="Smit")
    html = render_tag(member, "{% member_name other %}", other=other)
    assert "<b>" not in html
    assert "&lt;b&gt;Eva&lt;/b&gt; Smit" in html


def test_a_visitor_reads_an_empty_circle_beside_a_members_only_name():
    other = UserFactory(first_name="Ruben", last_name="van Dijk")
    html = render_tag(AnonymousUser(), "{% visible_avatar other %}", other=other)
    assert html == '<span class="avatar avatar--small avatar--initials" aria-hidden="true"></span>'


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("{% avatar other %}", '<img class="avatar avatar--small" src="/media/avatars/'),
        ("{% avatar other photo=False %}", ">RD</span>"),
        (
            '{% avatar other size="large" %}',
            '<img class="avatar avatar--large" src="/media/avatars/',
        ),
    ],
)
def test_avatar_shows_the_photo_unless_asked_for_initials(
    member, settings, tmp_path, tag, expected
):
    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_URL = "/media/"
    other = UserFactory(first_name="Ruben", last_name="van Dijk")
    other.profile.avatar_thumbnail.save("t.webp", ContentFile(b"x"), save=False)
    other.profile.avatar.save("a.webp", ContentFile(b"x"), save=False)
    assert expected in render_tag(member, tag, other=other)
