"""Members pick their organisation at sign-up and ask for a missing one; editors handle that."""

import json

import pytest

from django.contrib.auth.models import Permission

from members.models import Organisation, OrganisationRequest, User
from members.organisations import AlreadyHandled, approve_request, reject_request
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# --- Sign-up -------------------------------------------------------------------------------


def test_signup_form_offers_the_register_and_a_missing_organisation(client):
    OrganisationFactory(name="Gemeente Lindenholt", slug="gemeente-lindenholt")
    html = client.get("/accounts/signup/").content.decode()
    assert "Gemeente Lindenholt" in html
    assert "Mijn organisatie staat er niet bij" in html
    assert "Waar je werkt (mag je ook later invullen)" in html


def test_member_picks_an_organisation_at_signup(sign_up):
    organisation = OrganisationFactory(name="Gemeente Lindenholt", slug="gemeente-lindenholt")
    response = sign_up(organisation=str(organisation.pk))
    assert response.status_code == 302
    user = User.objects.get(email="anouk@lindenholt.example")
    assert user.profile.organisation == organisation
    assert not OrganisationRequest.objects.exists()


def test_member_asks_for_a_missing_organisation_at_signup(sign_up):
    response = sign_up(
        new_organisation="  Omgevingsdienst   Zuidrand ",
        new_organisation_website="odzuidrand.example",
    )
    assert response.status_code == 302
    user = User.objects.get(email="anouk@lindenholt.example")
    request = OrganisationRequest.objects.get()
    assert (request.name, request.website) == (
        "Omgevingsdienst Zuidrand",
        "https://odzuidrand.example",
    )
    assert request.requested_by == user
    assert request.status == OrganisationRequest.Status.WAITING
    assert user.profile.organisation is None


def test_a_typed_name_that_is_in_the_register_is_chosen_from_it(sign_up):
    organisation = OrganisationFactory(name="Gemeente Lindenholt", slug="gemeente-lindenholt")
    sign_up(new_organisation="gemeente lindenholt")
    user = User.objects.get(email="anouk@lindenholt.example")
    assert user.profile.organisation == organisation
    assert not OrganisationRequest.objects.exists()


def test_signup_with_both_a_choice_and_a_new_name_keeps_what_was_typed(sign_up):
    organisation = OrganisationFactory(name="Gemeente Lindenholt", slug="gemeente-lindenholt")
    response = sign_up(organisation=str(organisation.pk), new_organisation="Waterschap Vecht")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Je koos al een organisatie uit de lijst." in html
    assert 'value="Waterschap Vecht"' in html
    assert "<title>Fout:" in html
    assert not User.objects.exists()


def test_a_website_without_a_name_is_refused(sign_up):
    response = sign_up(new_organisation_website="https://ergens.example")
    assert "Vul ook de naam in van de organisatie" in response.content.decode()
    assert not User.objects.exists()


def test_a_taken_address_at_signup_makes_no_request(sign_up):
    UserFactory(email="anouk@lindenholt.example")
    sign_up(new_organisation="Omgevingsdienst Zuidrand")
    assert not OrganisationRequest.objects.exists()


# --- Profile -------------------------------------------------------------------------------


def test_profile_form_no_longer_says_report_a_problem(member_client):
    html = member_client.get("/mijn-account/profiel/").content.decode()
    assert "Een probleem melden" not in html.split("<footer")[0]
    assert "Mijn organisatie staat er niet bij" in html


def test_member_asks_for_an_organisation_on_the_profile_and_sees_it_waiting(member_client, member):
    data = {
        "first_name": member.first_name,
        "last_name": member.last_name,
        "new_organisation": "Regio Westfriesland",
        "visibility": "members",
    }
    response = member_client.post("/mijn-account/profiel/", data)
    assert response.status_code == 302
    assert OrganisationRequest.objects.get().requested_by == member
    # Asking twice for the same name keeps one request.
    member_client.post(
        "/mijn-account/profiel/", {**data, "new_organisation": "regio westfriesland"}
    )
    assert OrganisationRequest.objects.count() == 1
    html = member_client.get("/mijn-account/profiel/").content.decode()
    assert "om Regio Westfriesland toe te voegen" in html


def test_member_still_picks_an_organisation_on_the_profile(member_client, member):
    organisation = OrganisationFactory(name="Gemeente Westerveen", slug="gemeente-westerveen")
    member_client.post(
        "/mijn-account/profiel/",
        {
            "first_name": member.first_name,
            "last_name": member.last_name,
            "organisation": str(organisation.pk),
            "visibility": "members",
        },
    )
    member.profile.refresh_from_db()
    assert member.profile.organisation == organisation


# --- Editors -------------------------------------------------------------------------------


def waiting_request(user=None, name="Omgevingsdienst Zuidrand"):
    return OrganisationRequest.objects.create(
        requested_by=user or UserFactory(first_name="Noor", last_name="Hendriks"),
        name=name,
        website="https://odzuidrand.example",
    )


def test_editor_sees_the_queue_and_the_menu_count(editor_client):
    waiting_request()
    html = editor_client.get("/admin/organisatie-aanvragen/").content.decode()
    assert "Omgevingsdienst Zuidrand" in html
    assert "Noor Hendriks" in html
    assert "Organisatie-aanvragen (1)" in editor_client.get("/admin/").content.decode()


def test_members_without_the_add_permission_cannot_open_the_queue(client):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get("/admin/organisatie-aanvragen/").status_code in (302, 403)


def test_editor_approves_a_new_organisation_and_the_member_hears(
    editor_client, editor, mailoutbox, deliver
):
    item = waiting_request()
    member = item.requested_by
    page = editor_client.get(f"/admin/organisatie-aanvragen/{item.pk}/").content.decode()
    assert 'value="Omgevingsdienst Zuidrand"' in page
    with deliver():
        response = editor_client.post(
            f"/admin/organisatie-aanvragen/{item.pk}/",
            {
                "besluit": "toevoegen",
                "toevoegen-name": "Omgevingsdienst Zuidrand",
                "toevoegen-kind": "uitvoeringsorganisatie",
                "toevoegen-province": "zeeland",
                "toevoegen-website": "https://odzuidrand.example",
            },
        )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Omgevingsdienst Zuidrand")
    assert (organisation.kind, organisation.province) == ("uitvoeringsorganisatie", "zeeland")
    assert organisation.slug == "omgevingsdienst-zuidrand"
    item.refresh_from_db()
    assert item.status == OrganisationRequest.Status.APPROVED
    assert (item.organisation, item.handled_by) == (organisation, editor)
    member.profile.refresh_from_db()
    assert member.profile.organisation == organisation
    assert [message.to for message in mailoutbox] == [[member.email]]
    assert "Omgevingsdienst Zuidrand staat nu op Vakgenoten" in mailoutbox[0].subject
    assert "/organisaties/omgevingsdienst-zuidrand/" in mailoutbox[0].body


def test_approving_links_an_existing_organisation_and_keeps_a_chosen_one(
    editor_client, mailoutbox, deliver
):
    existing = OrganisationFactory(name="Omgevingsdienst Zuidrand", slug="od-zuidrand")
    own = OrganisationFactory(name="Gemeente Eigen", slug="gemeente-eigen")
    member = UserFactory(profile__organisation=own)
    item = waiting_request(member)
    page = editor_client.get(f"/admin/organisatie-aanvragen/{item.pk}/").content.decode()
    assert f'<option value="{existing.pk}" selected>' in page  # same name: proposed
    with deliver():
        editor_client.post(
            f"/admin/organisatie-aanvragen/{item.pk}/",
            {
                "besluit": "toevoegen",
                "toevoegen-existing": str(existing.pk),
                "toevoegen-kind": "gemeente",
            },
        )
    item.refresh_from_db()
    assert item.organisation == existing
    assert Organisation.objects.count() == 2
    member.profile.refresh_from_db()
    assert member.profile.organisation == own  # the member had chosen one already
    assert len(mailoutbox) == 1


def test_approving_a_name_that_is_taken_shows_the_error_and_changes_nothing(editor_client):
    OrganisationFactory(name="Gemeente Bezet", slug="gemeente-bezet")
    item = waiting_request(name="Gemeente Bezet ")
    response = editor_client.post(
        f"/admin/organisatie-aanvragen/{item.pk}/",
        {"besluit": "toevoegen", "toevoegen-name": "Gemeente Bezet", "toevoegen-kind": "gemeente"},
    )
    assert response.status_code == 200
    assert "bestaat al" in response.content.decode()
    item.refresh_from_db()
    assert item.is_waiting


def test_editor_rejects_with_a_reason_the_member_reads(editor_client, mailoutbox, deliver):
    item = waiting_request(name="Mijn Eigen Bedrijf")
    response = editor_client.post(
        f"/admin/organisatie-aanvragen/{item.pk}/", {"besluit": "afwijzen", "afwijzen-reason": ""}
    )
    assert "Schrijf het lid waarom" in response.content.decode()
    with deliver():
        editor_client.post(
            f"/admin/organisatie-aanvragen/{item.pk}/",
            {"besluit": "afwijzen", "afwijzen-reason": "Vakgenoten is voor overheidsorganisaties."},
        )
    item.refresh_from_db()
    assert item.status == OrganisationRequest.Status.REJECTED
    assert not Organisation.objects.exists()
    assert len(mailoutbox) == 1
    assert "Vakgenoten is voor overheidsorganisaties." in mailoutbox[0].body
    handled = editor_client.get("/admin/organisatie-aanvragen/?toon=afgehandeld").content.decode()
    assert "Mijn Eigen Bedrijf" in handled


def test_a_request_is_decided_once(editor):
    item = waiting_request()
    reject_request(item, editor, "Dubbel.")
    with pytest.raises(AlreadyHandled):
        approve_request(item, editor, name="Omgevingsdienst Zuidrand", kind="anders")
    assert not Organisation.objects.exists()


# --- Privacy -------------------------------------------------------------------------------


def reauthenticate(client):
    """The export and the deletion ask for the password again, as a member would enter it."""
    client.post("/accounts/reauthenticate/", {"password": "geheim-wachtwoord-123"})


def test_requests_are_in_the_data_export(member_client, member):
    waiting_request(member, name="Regio Westfriesland")
    reauthenticate(member_client)
    response = member_client.get("/mijn-account/gegevens/download/")
    data = json.loads(response.content)
    assert data["organisatie-aanvragen"][0]["naam"] == "Regio Westfriesland"
    assert data["organisatie-aanvragen"][0]["status"] == "Wacht op de redactie"


def test_account_deletion_removes_waiting_requests_and_anonymises_decided_ones(
    member_client, member, editor
):
    waiting_request(member, name="Regio Wacht")
    decided = waiting_request(member, name="Regio Beslist")
    reject_request(decided, editor, "Bestaat niet.")
    reauthenticate(member_client)
    response = member_client.post(
        "/mijn-account/gegevens/verwijderen/", {"comments": "remove", "confirm": "on"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    assert list(OrganisationRequest.objects.values_list("name", "requested_by")) == [
        ("Regio Beslist", None)
    ]
