"""Editors and administrators need a second factor before the Wagtail admin opens.

The admin logs in through allauth, so its rate limits and its two-factor step apply there too.
"""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from tests.factories import UserFactory
from tests.vakgenoten.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"


def totp_code(secret, step=0):
    """The code an authenticator app shows now (or ``step`` periods later)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


@pytest.fixture
def editor(db):
    return UserFactory(first_name="Eva", last_name="Redacteur", is_staff=True, is_superuser=True)


@pytest.fixture
def group_editor(db):
    """Not staff, but in a group with access to the admin (as Wagtail's Editors group)."""
    group, _created = Group.objects.get_or_create(name="Redactie")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory(first_name="Gijs", last_name="Groep")
    user.groups.add(group)
    return user


def log_in(client, user, next_url="/admin/"):
    return client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD, "next": next_url}
    )


def test_admin_login_page_sends_people_to_the_site_login(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    response = client.get("/admin/login/", {"next": "/admin/pages/"})
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"


def test_admin_without_login_redirects_to_the_site_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")


def test_editor_must_set_up_totp_before_the_admin_opens_and_then_it_works(
    client, editor, home_page, settings
):
    response = log_in(client, editor)
    assert response["Location"] == "/admin/"

    # No authenticator yet: the admin does not open, the setup page explains why.
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[0] == ("/accounts/2fa/totp/activate/", 302)
    # allauth asks for the password again before a second factor is added.
    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    assert "tweestapsverificatie nodig voordat het beheer opent" in response.content.decode()
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    setup = client.get("/accounts/2fa/totp/activate/")
    assert setup.status_code == 200
    html = setup.content.decode()
    assert "Authenticator-app instellen" in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'autocomplete="one-time-code"' in html
    assert_csp_clean(setup)
    secret = client.session[SECRET_SESSION_KEY]

    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=editor).exists()

    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    codes_page = client.get(response["Location"])
    assert "Herstelcodes" in codes_page.content.decode()
    assert 'href="/admin/"' in codes_page.content.decode()  # "Verder naar het beheer"

    admin = client.get("/admin/")
    assert admin.status_code == 200

    # Next time the login asks for the code from the app.
    client.post("/accounts/logout/")
    response = log_in(client, editor)
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session
    stage = client.get(response["Location"])
    assert "Code uit je app" in stage.content.decode()
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret, step=1)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_group_editors_need_a_second_factor_too(client, group_editor):
    client.force_login(group_editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_ordinary_members_are_not_asked_for_a_second_factor(client, member):
    client.force_login(member)
    assert client.get("/leden/").status_code == 200
    response = client.get("/admin/")
    # No second factor asked, and no redirect to the login (it would send them back: a loop).
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
    assert client.get("/admin/login/").status_code == 403


def test_the_demo_editor_logs_in_and_is_led_to_totp_setup(client, tmp_path, settings, home_page):
    settings.BASE_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("demo_accounts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    rows = (tmp_path / "var" / "demo-accounts.txt").read_text().splitlines()
    _role, email, password = next(row.split("\t") for row in rows if row.startswith("redactie"))
    response = client.post(
        "/accounts/login/", {"login": email, "password": password, "next": "/admin/"}
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"


def test_mfa_pages_are_dutch_and_pass_the_policy(client, editor):
    client.force_login(editor)
    response = client.get("/accounts/2fa/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tweestapsverificatie" in html
    assert "Als redacteur of beheerder heb je tweestapsverificatie nodig" in html
    assert_csp_clean(response)


def test_failed_logins_to_the_admin_are_rate_limited(client):
    editor = UserFactory(is_staff=True, is_superuser=True)
    for _attempt in range(5):
        client.post(
            "/accounts/login/",
            {"login": editor.email, "password": "fout-wachtwoord-0", "next": "/admin/"},
        )
    response = log_in(client, editor)
    assert response.status_code == 200
    assert "Te veel inlogpogingen" in response.content.decode()


def test_editors_manage_network_memberships_in_the_admin(client, editor, home_page):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from members.models import NetworkMembership
    from tests.factories import NetworkFactory

    TOTP.activate(editor, generate_totp_secret())
    NetworkMembership.objects.create(
        user=UserFactory(first_name="Hanna", last_name="Jansen"), network=NetworkFactory()
    )
    client.force_login(editor)
    response = client.get("/admin/snippets/members/networkmembership/", {"q": "Jansen"})
    assert response.status_code == 200
    assert "Hanna Jansen" in response.content.decode()
