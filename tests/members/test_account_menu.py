"""The account menu in the header is kept as the member's own part (``{% member_fragment %}``):
a member's pages read it instead of rendering it, and it still shows their current name and
number of unread notifications, with a logout form that carries their current token."""

import re

import pytest

from members import inbox
from members.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _menu(client, path="/"):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<div class="account-menu">')
    return response, html[start : html.index("</form>", start)]


def test_the_menu_is_kept_and_shows_each_new_count_and_name(
    client, home_page, member, page_cache_on, django_capture_on_commit_callbacks
):
    client.force_login(member)
    _response, menu = _menu(client)
    assert member.get_full_name() in menu
    assert "count-badge" not in menu
    # Kept: a change that bypasses the signals (an update) does not show ...
    type(member).objects.filter(pk=member.pk).update(first_name="Onzichtbaar")
    _response, menu = _menu(client)
    assert "Onzichtbaar" not in menu

    with django_capture_on_commit_callbacks(execute=True):
        inbox.notify(member, Notification.Kind.REPLY, "kept-menu-1", actor=UserFactory())
    _response, menu = _menu(client)
    assert '<span class="count-badge">1</span>' in menu

    # ... a saved account does, at once.
    with django_capture_on_commit_callbacks(execute=True):
        member.first_name = "Marloes"
        member.save()
    _response, menu = _menu(client)
    assert "Marloes" in menu


def test_another_member_never_gets_the_kept_menu(client, home_page, member, page_cache_on):
    client.force_login(member)
    _menu(client)
    other = UserFactory(first_name="Joris", last_name="Kuipers")
    client.force_login(other)
    _response, menu = _menu(client)
    assert "Joris Kuipers" in menu
    assert member.get_full_name() not in menu


def test_the_logout_form_carries_the_members_current_token(
    client, home_page, member, page_cache_on
):
    client.force_login(member)
    _menu(client)
    response, menu = _menu(client)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', menu).group(1)
    logout = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert logout.status_code == 302
    assert "_auth_user_id" not in client.session
