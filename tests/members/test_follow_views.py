"""Members follow themes, colleagues, networks and organisations with a button, without
JavaScript too, and only they ever see what they follow."""

import json

import pytest
from allauth.account.models import EmailAddress

from members.models import Follow
from tests.factories import NetworkFactory, OrganisationFactory, ThemeFactory, UserFactory
from tests.members.helpers import stays_on_site

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Wonen", slug="wonen")


@pytest.fixture
def network(db):
    return NetworkFactory(name="Netwerk Bedrijfsvoering Gemeenten")


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Gemeente Westerveen")


@pytest.fixture
def colleague(db):
    return UserFactory(first_name="Lotte", last_name="Peeters", profile__visibility="public")


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_member_follows_a_theme_without_javascript_and_comes_back(member_client, member, theme):
    response = member_client.post(
        f"/volgen/thema/{theme.pk}/", {"next": "/kennisbank/?thema=wonen"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/kennisbank/?thema=wonen"
    assert Follow.objects.filter(user=member, theme=theme).exists()
    page = member_client.get("/mijn-account/volgen/")
    assert "Je volgt nu het thema Wonen. Alleen jij ziet wat je volgt." in messages_of(page)


@pytest.mark.parametrize("kind", ["lid", "netwerk", "organisatie"])
def test_member_follows_and_unfollows_each_kind(
    member_client, member, colleague, network, organisation, kind
):
    target = {"lid": colleague, "netwerk": network, "organisatie": organisation}[kind]
    response = member_client.post(f"/volgen/{kind}/{target.pk}/")
    assert response.status_code == 302
    assert response["Location"] == target.get_absolute_url()  # no next: the target's page
    assert Follow.objects.filter(user=member).count() == 1
    response = member_client.post(f"/volgen/{kind}/{target.pk}/stoppen/", follow=True)
    assert not Follow.objects.filter(user=member).exists()
    assert any("niet meer" in text for text in messages_of(response))


def test_following_twice_and_stopping_twice_change_nothing(member_client, member, theme):
    for _ in range(2):
        assert member_client.post(f"/volgen/thema/{theme.pk}/").status_code == 302
    assert Follow.objects.filter(user=member, theme=theme).count() == 1
    for _ in range(2):
        assert member_client.post(f"/volgen/thema/{theme.pk}/stoppen/").status_code == 302
    assert not Follow.objects.filter(user=member).exists()


def test_follow_and_unfollow_accept_only_post(member_client, theme):
    assert member_client.get(f"/volgen/thema/{theme.pk}/").status_code == 405
    assert member_client.get(f"/volgen/thema/{theme.pk}/stoppen/").status_code == 405


def test_follow_needs_the_csrf_token(client, member, theme):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(f"/volgen/thema/{theme.pk}/").status_code == 403
    assert not Follow.objects.exists()


def test_visitor_is_sent_to_login_and_back(client, theme):
    response = client.post(f"/volgen/thema/{theme.pk}/", {"next": "/kennisbank/?thema=wonen"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fkennisbank%2F%3Fthema%3Dwonen"
    assert not Follow.objects.exists()


def test_member_without_verified_address_is_asked_to_verify_first(client, theme):
    member = UserFactory(verified=False)
    client.force_login(member)
    response = client.post(f"/volgen/thema/{theme.pk}/", {"next": "/kennisbank/?thema=wonen"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/email/?next=%2Fkennisbank%2F")
    assert not Follow.objects.exists()
    # In the background (JavaScript) the refusal is a status the script hands to the form.
    assert client.post(f"/volgen/thema/{theme.pk}/", **JSON).status_code == 403


def test_member_cannot_follow_themselves_and_is_told_so_in_dutch(member_client, member):
    response = member_client.post(f"/volgen/lid/{member.pk}/", follow=True)
    assert "Je kunt jezelf niet volgen." in messages_of(response)
    assert not Follow.objects.exists()
    answer = member_client.post(f"/volgen/lid/{member.pk}/", **JSON)
    assert answer.status_code == 400
    assert answer.json() == {"following": False, "message": "Je kunt jezelf niet volgen."}


@pytest.mark.parametrize(
    "path",
    [
        "/volgen/thema/999999/",
        "/volgen/lid/999999/",
        "/volgen/netwerk/999999/stoppen/",
        "/volgen/organisatie/999999/",
        "/volgen/auteur/1/",
        "/volgen/thema/abc/",
        "/volgen/thema/%C2%B2/",
    ],
)
def test_unknown_targets_are_not_found(member_client, path):
    assert member_client.post(path).status_code == 404


def test_a_number_beyond_any_id_is_refused_not_an_error(member_client):
    # The site refuses such addresses before any view (400); never a server error.
    assert member_client.post("/volgen/thema/99999999999999999999999/").status_code in (400, 404)


def test_an_inactive_member_cannot_be_followed(member_client):
    gone = UserFactory(is_active=False)
    assert member_client.post(f"/volgen/lid/{gone.pk}/").status_code == 404


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
    ],
)
def test_next_never_leads_off_the_site(member_client, network, next_url):
    response = member_client.post(f"/volgen/netwerk/{network.pk}/", {"next": next_url})
    assert response.status_code == 302
    assert stays_on_site(response["Location"])
    assert response["Location"] == network.get_absolute_url()


def test_javascript_gets_the_new_state_and_the_message(member_client, member, network):
    answer = member_client.post(f"/volgen/netwerk/{network.pk}/", **JSON)
    assert answer.status_code == 200
    assert answer.json() == {
        "following": True,
        "message": "Je volgt nu het netwerk Netwerk Bedrijfsvoering Gemeenten. "
        "Alleen jij ziet wat je volgt.",
    }
    answer = member_client.post(f"/volgen/netwerk/{network.pk}/stoppen/", **JSON)
    assert answer.json()["following"] is False
    # No message is left behind for the next page: the script showed it already.
    assert "messages" not in answer.cookies
    assert not Follow.objects.filter(user=member).exists()


def test_what_i_follow_lists_by_kind_with_a_button_to_stop(
    member_client, member, theme, colleague, network, organisation, django_assert_max_num_queries
):
    from members.follows import follow

    for target in (theme, colleague, network, organisation):
        follow(member, target)
    with django_assert_max_num_queries(12):
        html = member_client.get("/mijn-account/volgen/").content.decode()
    for heading in ("Thema&#x27;s", "Leden", "Netwerken", "Organisaties"):
        assert f">{heading}</h2>" in html
    for name in ("Wonen", "Lotte Peeters", network.name, organisation.name):
        assert name in html
    assert html.count("Niet meer volgen") == 4
    assert f'action="/volgen/lid/{colleague.pk}/stoppen/"' in html
    assert 'aria-current="page">Wat ik volg<' in html  # in the account navigation


def test_what_i_follow_costs_the_same_queries_for_many_follows(
    member_client, member, django_assert_max_num_queries
):
    from members.follows import follow

    follow(member, ThemeFactory())
    with django_assert_max_num_queries(20) as few:
        member_client.get("/mijn-account/volgen/")
    for _ in range(15):
        follow(member, ThemeFactory())
        follow(member, UserFactory())
        follow(member, NetworkFactory())
        follow(member, OrganisationFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        member_client.get("/mijn-account/volgen/")


def test_what_i_follow_explains_following_when_empty(member_client):
    html = member_client.get("/mijn-account/volgen/").content.decode()
    assert "Je volgt nog niets" in html
    assert "Wat je volgt ziet niemand anders." in html
    assert 'href="/leden/"' in html and 'href="/netwerken/"' in html


def test_what_i_follow_is_only_for_the_member(client, member, colleague, theme):
    from members.follows import follow

    follow(colleague, theme)
    response = client.get("/mijn-account/volgen/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(member)
    assert "Wonen" not in client.get("/mijn-account/volgen/").content.decode()


def test_nobody_sees_who_follows_whom(client, member, colleague):
    from members.follows import follow

    follow(member, colleague)
    for viewer in (None, UserFactory()):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        html = client.get(colleague.get_absolute_url()).content.decode()
        assert member.get_full_name() not in html
        assert "volger" not in html.lower()


def test_the_export_holds_what_the_member_follows(member_client, member, theme, colleague):
    from members.follows import follow
    from members.privacy import export_personal_data

    follow(member, theme)
    follow(member, colleague)
    exported = json.loads(json.dumps(export_personal_data(member), default=str))["volgt"]
    assert [(row["soort"], row["naam"]) for row in exported] == [
        ("thema", "Wonen"),
        ("lid", "Lotte Peeters"),
    ]
    assert all(row["volgt_sinds"] for row in exported)


def test_deleting_an_account_removes_its_follows_both_ways(member, colleague, theme):
    from members.follows import follow

    follow(member, theme)
    follow(member, colleague)
    follow(colleague, member)
    member.delete()
    assert not Follow.objects.exists()


def test_unverified_member_can_still_stop_following(client, theme):
    member = UserFactory()
    from members.follows import follow

    follow(member, theme)
    EmailAddress.objects.filter(user=member).update(verified=False)
    client.force_login(member)
    assert client.post(f"/volgen/thema/{theme.pk}/stoppen/").status_code == 302
    assert not Follow.objects.exists()
