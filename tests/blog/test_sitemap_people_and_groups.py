"""The sitemap lists organisations, networks and the profiles members made public, and nothing
a visitor without an account may not open."""

import re

import pytest

from django.utils import timezone

from tests.factories import NetworkFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = "https://vakgenoten.example"


@pytest.fixture
def sitemap(client, home_page, settings):
    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["*"]

    def read():
        response = client.get("/sitemap.xml", HTTP_HOST="alias.example")
        assert response.status_code == 200
        text = response.content.decode()
        return text, dict(re.findall(r"<loc>([^<]+)</loc>(?:\s*<lastmod>([^<]+)</lastmod>)?", text))

    return read


def test_sitemap_lists_organisations_networks_and_public_profiles(sitemap):
    OrganisationFactory(name="Gemeente Lindenholt", slug="lindenholt")
    NetworkFactory(name="Netwerk Bedrijfsvoering", slug="bedrijfsvoering")
    public = UserFactory(profile__visibility="public", profile__role="Adviseur")
    members_only = UserFactory(profile__visibility="members", profile__role="Jurist")
    unverified = UserFactory(verified=False, profile__visibility="public", profile__role="X")
    nameless = UserFactory(last_name="", profile__visibility="public", profile__role="Y")

    text, locations = sitemap()
    assert f"{PUBLIC}/organisaties/lindenholt/" in locations
    assert f"{PUBLIC}/netwerken/bedrijfsvoering/" in locations
    profile_url = PUBLIC + public.get_absolute_url()
    assert profile_url in locations
    public.profile.refresh_from_db()
    # The sitemap writes the day in the site's time zone (Europe/Amsterdam), not in UTC.
    assert locations[profile_url] == timezone.localdate(public.profile.updated_at).isoformat()
    for hidden in (members_only, unverified, nameless):
        assert PUBLIC + hidden.get_absolute_url() not in locations
    # Every address on SITE_URL, none on the host the request came in on.
    assert "alias.example" not in text


def test_profile_leaves_the_sitemap_when_its_member_hides_it(sitemap):
    member = UserFactory(profile__visibility="public", profile__role="Adviseur")
    assert PUBLIC + member.get_absolute_url() in sitemap()[1]
    member.profile.visibility = "members"
    member.profile.save()
    assert PUBLIC + member.get_absolute_url() not in sitemap()[1]
