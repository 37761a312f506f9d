"""A member shapes their profile: name, work, themes, bio, links and who may see it."""

import pytest

from members.models import Profile
from taxonomy.models import Theme
from tests.factories import OrganisationFactory
from tests.members.conftest import code_from
from tests.vakgenoten.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(db):
    return [
        Theme.objects.create(name="Sociaal domein", slug="sociaal-domein"),
        Theme.objects.create(name="Omgevingswet", slug="omgevingswet"),
    ]


def profile_data(**overrides):
    data = {
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "role": "Beleidsadviseur Wmo",
        "province": "utrecht",
        "bio": "Ik werk aan de nieuwe aanpak voor schuldhulp.",
        "website": "https://www.lindenholt.example/schuldhulp",
        "linkedin": "https://www.linkedin.com/in/fatima-el-amrani",
        "visibility": Profile.Visibility.PUBLIC,
    }
    data.update(overrides)
    return data


def test_edit_page_renders_in_the_account_area(member_client):
    response = member_client.get("/mijn-account/profiel/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-current="page">Mijn profiel</a>' in html
    assert 'enctype="multipart/form-data"' in html
    assert_csp_clean(response)


def test_edit_page_needs_a_login(client):
    response = client.get("/mijn-account/profiel/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/mijn-account/profiel/")


def test_member_fills_in_the_profile(member_client, member, themes):
    organisation = OrganisationFactory(name="Gemeente Lindenholt")
    data = profile_data(organisation=organisation.pk, themes=[themes[0].pk])
    response = member_client.post("/mijn-account/profiel/", data)
    assert response.status_code == 302
    assert response["Location"] == member.get_absolute_url()

    member.refresh_from_db()
    profile = member.profile
    assert (member.first_name, member.last_name) == ("Fatima", "El Amrani")
    assert profile.organisation == organisation
    assert profile.role == "Beleidsadviseur Wmo"
    assert profile.get_province_display() == "Utrecht"
    assert list(profile.themes.all()) == [themes[0]]
    assert profile.visibility == Profile.Visibility.PUBLIC

    page = member_client.get(member.get_absolute_url(), follow=True).content.decode()
    assert "Je profiel is opgeslagen." in page
    assert "Sociaal domein" in page
    assert 'href="https://www.linkedin.com/in/fatima-el-amrani" rel="nofollow ugc noopener"' in page


def test_name_is_required_and_what_was_typed_stays(member_client, member):
    response = member_client.post("/mijn-account/profiel/", profile_data(last_name=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul je achternaam in" in html
    assert "Beleidsadviseur Wmo" in html
    assert "Ik werk aan de nieuwe aanpak voor schuldhulp." in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("linkedin", "https://www.linkedln.example/in/nep", "Dit is geen adres op linkedin.com"),
        ("linkedin", "http://www.linkedin.com/in/fatima", "Vul het volledige adres"),
        ("website", "javascript:alert(1)", "Vul een volledig webadres in"),
        ("website", "ftp://bestanden.lindenholt.example", "Vul een volledig webadres in"),
        ("bio", "a" * 601, "Je tekst is 601 tekens lang; er passen er 600 in."),
    ],
)
def test_bad_links_and_long_bios_get_a_dutch_message(member_client, field, value, message):
    response = member_client.post("/mijn-account/profiel/", profile_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()


def test_next_after_saving_stays_on_site(member_client):
    data = profile_data(next="/evenementen/")
    assert member_client.post("/mijn-account/profiel/", data)["Location"] == "/evenementen/"
    data = profile_data(next="//evil.example")
    response = member_client.post("/mijn-account/profiel/", data)
    assert response["Location"].startswith("/leden/")


def test_new_member_lands_on_the_profile_form_after_verifying(client, sign_up, mailoutbox):
    sign_up()
    response = client.post("/accounts/confirm-email/", {"code": code_from(mailoutbox[0])})
    assert response["Location"] == "/mijn-account/profiel/"


def test_a_new_name_or_visibility_refreshes_cached_public_pages(member_client, deliver):
    """Cached article pages may show the member's name with a link; they must not go stale."""
    from vakgenoten.cache import GLOBAL_GENERATION, page_cache

    def generation():
        return page_cache().get(GLOBAL_GENERATION, 0)

    with deliver():
        member_client.post("/mijn-account/profiel/", profile_data())
    first = generation()
    assert first > 0
    with deliver():
        member_client.post("/mijn-account/profiel/", profile_data(role="Teamleider Wmo"))
    assert generation() == first  # a new role is not shown next to comments
    with deliver():
        member_client.post("/mijn-account/profiel/", profile_data(visibility="members"))
    assert generation() > first
