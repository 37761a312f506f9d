"""Only signed-in members with a verified e-mail and a full name can take part."""

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View

from members.decorators import ParticipationRequiredMixin, participation_required
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@participation_required
def comment_form(request):
    return HttpResponse("reactieformulier")


class RegistrationView(ParticipationRequiredMixin, View):
    def get(self, request):
        return HttpResponse("aanmelden")


def get(user, path="/kennisbank/een-artikel/?reactie=1"):
    request = RequestFactory().get(path)
    request.user = user
    request._messages = CookieStorage(request)
    return request


def message_of(request):
    return [str(message) for message in get_messages(request)]


@pytest.mark.parametrize("view", [comment_form, RegistrationView.as_view()])
def test_visitor_is_sent_to_login_with_next(view):
    request = get(AnonymousUser())
    response = view(request)
    assert response.status_code == 302
    assert response["Location"] == (
        "/accounts/login/?next=%2Fkennisbank%2Feen-artikel%2F%3Freactie%3D1"
    )
    assert message_of(request) == ["Log in om mee te doen. Nog geen account? Word dan eerst lid."]


@pytest.mark.parametrize("view", [comment_form, RegistrationView.as_view()])
def test_unverified_member_is_sent_to_confirm_the_address(view):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    request = get(user)
    response = view(request)
    assert response["Location"].startswith("/accounts/email/?next=%2Fkennisbank%2F")
    assert "Bevestig eerst je e-mailadres." in message_of(request)[0]


@pytest.mark.parametrize("view", [comment_form, RegistrationView.as_view()])
def test_member_without_surname_is_sent_to_the_profile(view):
    request = get(UserFactory(last_name=" "))
    response = view(request)
    assert response["Location"].startswith("/mijn-account/profiel/?next=%2Fkennisbank%2F")
    assert "Vul eerst je voornaam en achternaam in." in message_of(request)[0]


@pytest.mark.parametrize("view", [comment_form, RegistrationView.as_view()])
def test_complete_member_gets_through(view):
    response = view(get(UserFactory()))
    assert response.status_code == 200


def test_a_post_returns_to_the_page_it_came_from_but_never_off_site():
    member = UserFactory(last_name="")
    request = RequestFactory().post(
        "/kennisbank/een-artikel/reageren/", HTTP_REFERER="https://evil.example/phish"
    )
    request.user = member
    request._messages = CookieStorage(request)
    assert comment_form(request)["Location"] == "/mijn-account/profiel/?next=%2F"

    request = RequestFactory().post(
        "/kennisbank/een-artikel/reageren/",
        HTTP_REFERER="http://testserver/kennisbank/een-artikel/",
    )
    request.user = member
    request._messages = CookieStorage(request)
    assert (
        "next=http%3A%2F%2Ftestserver%2Fkennisbank%2Feen-artikel%2F"
        in (comment_form(request)["Location"])
    )
