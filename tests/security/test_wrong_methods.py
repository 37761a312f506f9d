"""A request with the wrong method changes nothing: not the data, not the session.

Wagtail's /admin/logout/ answered a GET with 405, yet deleted the session cookie on the way: an
image or link pointing there signed an editor out. The sweep visits every URL pattern of the
site (tests/security/url_map.py) with GET as a signed-in editor and checks that the session still
holds and that nothing a member owns was written.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client

from comments.models import Comment
from events.models import Registration
from members.models import NetworkMembership, User
from tests.factories import UserFactory
from tests.security.url_map import routes

pytestmark = pytest.mark.django_db

# What a visit must never change. (security.txt stores its defaults on the first visit, and a
# page view may count, so those tables are not in the list.)
OWNED = [User, EmailAddress, Session, Comment, Registration, NetworkMembership]


def snapshot():
    return {model.__name__: model.objects.count() for model in OWNED}


@pytest.fixture
def editor_client(home_page):
    editor = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(editor, "JBSWY3DPEHPK3PXP")
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    return client, editor


def test_visiting_any_address_keeps_the_editor_signed_in_and_changes_nothing(editor_client):
    client, editor = editor_client
    before = snapshot()
    found, _unresolved = routes()
    signed_out, changed = [], []
    for route in found:
        response = client.get(route.path)
        if (
            client.session.get(SESSION_KEY) != str(editor.pk)
            or response.cookies.get("sessionid", None)
            and not response.cookies["sessionid"].value
        ):
            signed_out.append(route.path)
            client.force_login(editor)
        if snapshot() != before:
            changed.append(route.path)
            before = snapshot()
    assert signed_out == []
    assert changed == []


def test_a_visit_to_the_admin_logout_offers_the_logout_button(client, home_page):
    member = UserFactory()
    client.force_login(member)
    response = client.get("/admin/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/logout/"
    assert "sessionid" not in response.cookies
    assert client.session.get(SESSION_KEY) == str(member.pk)
    assert client.put("/admin/logout/").status_code == 405
    assert client.session.get(SESSION_KEY) == str(member.pk)
