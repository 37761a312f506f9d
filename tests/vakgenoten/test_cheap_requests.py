"""The cheapest requests skip work they do not need, and lose nothing by it.

An anonymous request (no session cookie, no messages cookie) builds no message storage and does
not ask allauth to record a session; a signed-in member's session is still recorded, and a
message still reaches the next page and is cleared once shown.
"""

from unittest import mock

import pytest

from django.contrib import messages
from django.contrib.messages import get_messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.functional import empty

from vakgenoten.middleware import LazyMessageMiddleware

pytestmark = pytest.mark.django_db

# A request that passes the whole stack and renders nothing: the probes are answered before
# the stack (tests/vakgenoten/test_probes_answer_first.py), so this is the language switch
# asked by GET, which only sends the visitor back.
THROUGH_THE_STACK = "/i18n/setlang/?next=/"

TRACK = "allauth.usersessions.internal.usersessionkit.track_activity"


def test_anonymous_request_builds_no_message_storage(client):
    response = client.get(THROUGH_THE_STACK)
    assert response.status_code == 302
    assert getattr(response.wsgi_request._messages, "_wrapped", None) is empty
    assert "messages" not in response.cookies


def test_anonymous_request_does_not_ask_allauth_to_record_a_session(client, settings):
    settings.USERSESSIONS_TRACK_ACTIVITY = True
    with mock.patch(TRACK) as track:
        client.get(THROUGH_THE_STACK)
    track.assert_not_called()


def test_signed_in_members_session_is_still_recorded(member_client, member, settings):
    settings.USERSESSIONS_TRACK_ACTIVITY = True
    with mock.patch(TRACK) as track:
        member_client.get(THROUGH_THE_STACK)
    track.assert_called_once()
    assert track.call_args.kwargs["user"] == member


def _request_through(middleware_response, cookies=None):
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    SessionMiddleware(lambda r: None).process_request(request)
    middleware = LazyMessageMiddleware(middleware_response)
    return request, middleware(request)


def test_a_message_added_by_a_view_reaches_the_next_page():
    def view(request):
        messages.success(request, "Opgeslagen")
        return HttpResponse()

    _, response = _request_through(view)
    cookie = response.cookies["messages"].value
    assert cookie

    def next_page(request):
        assert [str(m) for m in get_messages(request)] == ["Opgeslagen"]
        return HttpResponse()

    _, response = _request_through(next_page, {"messages": cookie})
    # Shown once: the cookie is cleared.
    assert response.cookies["messages"].value == ""


def test_a_message_not_shown_stays_for_the_next_page():
    def view(request):
        messages.info(request, "Later")
        return HttpResponse()

    _, response = _request_through(view)
    cookie = response.cookies["messages"].value
    _, response = _request_through(lambda request: HttpResponse(), {"messages": cookie})
    assert "messages" not in response.cookies  # untouched: still in the browser
