"""A new member signs up, confirms the e-mail address with a code and logs in."""

import pytest
from allauth.account.models import EmailAddress

from django.core.cache import cache

from members.models import User
from tests.members.conftest import PASSWORD, code_from
from tests.vakgenoten.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db


def test_signup_page_is_dutch_in_the_site_design_and_asks_for_a_full_name(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Lid worden — Vakgenoten</title>" in html
    assert 'class="site-header"' in html
    assert 'autocomplete="given-name"' in html
    assert 'autocomplete="family-name"' in html
    assert 'autocomplete="email"' in html
    assert html.count('autocomplete="new-password"') == 2
    # The honeypot is hidden with a class, not a puzzle and not an inline style.
    assert 'class="visually-hidden-honeypot" aria-hidden="true"' in html
    assert 'name="website" tabindex="-1" autocomplete="off"' in html
    assert_csp_clean(response)


def test_member_signs_up_verifies_by_code_and_logs_in(client, sign_up, mailoutbox, deliver):
    response = sign_up()
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"

    user = User.objects.get(email="anouk@lindenholt.example")
    assert (user.first_name, user.last_name) == ("Anouk", "de Vries")
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session  # not logged in before the code

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["anouk@lindenholt.example"]
    assert message.subject.startswith("Vakgenoten: ")
    assert "Bevestig je e-mailadres" in message.body

    page = client.get("/accounts/confirm-email/")
    assert "We hebben een code gestuurd naar anouk@lindenholt.example" in page.content.decode()
    assert 'autocomplete="one-time-code"' in page.content.decode()

    response = client.post("/accounts/confirm-email/", {"code": code_from(message)})
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert int(client.session["_auth_user_id"]) == user.pk

    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
    response = client.post(
        "/accounts/login/", {"login": "anouk@lindenholt.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_a_wrong_code_gets_a_dutch_message(client, sign_up):
    sign_up()
    response = client.post("/accounts/confirm-email/", {"code": "AAAA-AAAA"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert "Fout:" in html
    assert "_auth_user_id" not in client.session


def test_signup_without_surname_is_refused_and_keeps_what_was_typed(client, sign_up):
    response = sign_up(last_name="  ")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul je achternaam in" in html
    assert 'value="Anouk"' in html
    assert 'value="anouk@lindenholt.example"' in html
    assert not User.objects.exists()


def test_filled_in_honeypot_creates_no_account_and_says_nothing(client, sign_up, mailoutbox):
    response = sign_up(website="https://spam.example")
    assert response.status_code == 302
    assert not User.objects.exists()
    assert mailoutbox == []


def test_unverified_member_gets_a_new_code_when_logging_in(client, sign_up, mailoutbox, deliver):
    sign_up()
    client.post("/accounts/logout/")
    cache.clear()  # allauth sends at most one code per 10 seconds per address
    with deliver():
        response = client.post(
            "/accounts/login/", {"login": "anouk@lindenholt.example", "password": PASSWORD}
        )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 2
    client.post("/accounts/confirm-email/", {"code": code_from(mailoutbox[-1])})
    assert "_auth_user_id" in client.session


def test_member_resets_a_forgotten_password_by_link(client, member, mailoutbox, deliver):
    with deliver():
        response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "nieuw wachtwoord" in mailoutbox[0].body
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/password/" in line)
    path = link.split("testserver", 1)[1].strip()
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert "Kies een nieuw wachtwoord" in form_page.content.decode()
    with deliver():
        response = client.post(
            form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
            {"password1": "nog-een-lang-wachtwoord-7", "password2": "nog-een-lang-wachtwoord-7"},
        )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("nog-een-lang-wachtwoord-7")
    assert client.login(email=member.email, password="nog-een-lang-wachtwoord-7")


def test_password_change_sends_a_security_email(member_client, member, mailoutbox, deliver):
    with deliver():
        response = member_client.post(
            "/accounts/password/change/",
            {
                "oldpassword": "geheim-wachtwoord-123",
                "password1": "een-ander-lang-wachtwoord-9",
                "password2": "een-ander-lang-wachtwoord-9",
            },
        )
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [[member.email]]
    assert "Er is net iets veranderd aan je account" in mailoutbox[0].body


def test_email_change_needs_confirmation_and_warns_the_old_address(
    member_client, member, mailoutbox, deliver
):
    member_client.post("/accounts/reauthenticate/", {"password": "geheim-wachtwoord-123"})
    with deliver():
        response = member_client.post(
            "/accounts/email/", {"action_add": "", "email": "nieuw@westerveen.example"}
        )
    assert response.status_code == 302
    assert mailoutbox[-1].to == ["nieuw@westerveen.example"]
    member.refresh_from_db()
    assert member.email != "nieuw@westerveen.example"  # not before it is confirmed

    page = member_client.get("/accounts/confirm-email/")
    assert page.status_code == 200
    with deliver():
        member_client.post("/accounts/confirm-email/", {"code": code_from(mailoutbox[-1])})
    member.refresh_from_db()
    assert member.email == "nieuw@westerveen.example"
    assert any("Er is net iets veranderd" in m.body and m.to != [member.email] for m in mailoutbox)


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_entrance_pages_render_under_a_strict_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_csp_clean(response)


@pytest.mark.parametrize(
    "url",
    ["/accounts/email/", "/accounts/password/change/", "/accounts/2fa/", "/accounts/sessions/"],
)
def test_account_pages_render_under_a_strict_policy(member_client, url):
    member_client.post("/accounts/reauthenticate/", {"password": "geheim-wachtwoord-123"})
    response = member_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-label="Mijn account"' in html
    assert_csp_clean(response)
