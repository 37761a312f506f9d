"""The member directory keeps its total, its pages of cards and its filter form in the shared
cache (``members.directory``), shared by every member: a warm page reads no member from the
database, and whatever a member changes (their profile, their name, leaving the list, their
account) shows at the next visit. The purges wait for the commit:
``django_capture_on_commit_callbacks`` stands for the end of the request's transaction."""

import pytest
from allauth.account.models import EmailAddress

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from members.models import NetworkMembership, Profile
from taxonomy.models import Theme
from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from tests.members.test_profile_edit import profile_data
from tests.performance.test_signed_in_article_reads_its_parts_at_once import RoundTrips

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """The end of the transaction: run what waits for the commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def fatima(db):
    return UserFactory(
        first_name="Fatima",
        last_name="El Amrani",
        profile__role="Beleidsadviseur Wmo",
        profile__organisation=OrganisationFactory(name="Gemeente Lindenholt"),
    )


@pytest.fixture
def viewer(client, db):
    """Another member, looking at the directory in their own client."""
    client.force_login(UserFactory(first_name="Kees", last_name="Kijker"))
    # As on a running site: the first visit makes the site's settings row, which purges all.
    client.get("/leden/")
    return client


def directory(client, **params):
    response = client.get("/leden/", params)
    assert response.status_code == 200
    return response


def main(response):
    return response.content.decode().split('id="main"')[1]


def total(response):
    return response.context["page_obj"].paginator.count


def reads_members(statements):
    """The statements that count members or read a page of them (not the session's user)."""
    return [
        sql
        for sql in statements
        if '"members_user"' in sql and ('"members_profile"' in sql or '"__count"' in sql)
    ]


def test_a_warm_directory_reads_no_member_and_is_the_same_for_every_member(viewer, fatima):
    UserFactory.create_batch(30)
    first = directory(viewer)
    other = Client()
    other.force_login(UserFactory(first_name="Wim", last_name="Anders", verified=False))
    with CaptureQueriesContext(connection) as warm:
        again = directory(other)
    assert not reads_members(query["sql"] for query in warm.captured_queries)
    assert not [q for q in warm.captured_queries if "members_organisation" in q["sql"]]
    assert main(again) == main(first)
    assert total(again) == 32 and main(again).count('class="member-card"') == 24
    with CaptureQueriesContext(connection) as second:
        second_page = directory(other, page=2)
    assert main(second_page).count('class="member-card"') == 8
    assert not [q for q in second.captured_queries if '"__count"' in q["sql"]]  # kept


def test_the_count_and_cards_follow_a_profile_edited_by_its_member(viewer, fatima, commit):
    assert "Beleidsadviseur Wmo" in main(directory(viewer))
    assert total(directory(viewer, q="fatima")) == 1
    member = Client()
    member.force_login(fatima)
    with commit():
        response = member.post(
            "/mijn-account/profiel/",
            profile_data(first_name="Fatima", last_name="Jansen", role="Teamleider schuldhulp"),
        )
    assert response.status_code == 302
    html = main(directory(viewer))
    assert "Teamleider schuldhulp" in html and "Beleidsadviseur Wmo" not in html
    assert "Fatima Jansen" in html and "Fatima El Amrani" not in html
    assert total(directory(viewer, q="amrani")) == 0
    assert total(directory(viewer, q="jansen")) == 1


def test_a_role_saved_through_the_model_shows_at_the_next_visit(viewer, fatima, commit):
    assert "Beleidsadviseur Wmo" in main(directory(viewer))
    with commit():
        fatima.profile.role = "Projectleider"
        fatima.profile.save()
    assert "Projectleider" in main(directory(viewer))


@pytest.mark.parametrize("how", ["deactivated", "address removed", "address unverified"])
def test_a_member_who_leaves_the_list_is_gone_at_the_next_visit(viewer, fatima, commit, how):
    before = directory(viewer)
    assert "Fatima El Amrani" in main(before)
    with commit():
        if how == "deactivated":
            fatima.is_active = False
            fatima.save()
        elif how == "address removed":
            EmailAddress.objects.get(user=fatima).delete()
        else:
            address = EmailAddress.objects.get(user=fatima)
            address.verified = False
            address.save()
    after = directory(viewer)
    assert "Fatima El Amrani" not in main(after)
    assert total(after) == total(before) - 1


def test_a_deleted_member_is_gone_at_the_next_visit(viewer, fatima, commit):
    before = directory(viewer)
    assert "Fatima El Amrani" in main(before)
    with commit():
        fatima.delete()
    after = directory(viewer)
    assert "Fatima El Amrani" not in main(after)
    assert total(after) == total(before) - 1


def test_a_new_member_shows_once_their_address_is_verified(viewer, fatima, commit):
    assert total(directory(viewer)) == 2
    with commit():
        newcomer = UserFactory(first_name="Nadia", last_name="Nieuw", verified=False)
    assert "Nadia Nieuw" not in main(directory(viewer))
    with commit():
        EmailAddress.objects.create(user=newcomer, email=newcomer.email, verified=True)
    response = directory(viewer)
    assert "Nadia Nieuw" in main(response)
    assert total(response) == 3


def test_filtered_totals_follow_themes_and_network_approvals(viewer, fatima, commit):
    theme = Theme.objects.create(name="Omgevingswet", slug="omgevingswet")
    network = NetworkFactory(slug="netwerk-ib")
    with commit():
        pass  # the theme and network above purge on their own
    assert total(directory(viewer, theme="omgevingswet")) == 0
    assert total(directory(viewer, network="netwerk-ib")) == 0
    with commit():
        fatima.profile.themes.add(theme)
        membership = NetworkMembership.objects.create(user=fatima, network=network)
    assert total(directory(viewer, theme="omgevingswet")) == 1
    assert total(directory(viewer, network="netwerk-ib")) == 0  # pending: not yet a member
    with commit():
        membership.status = NetworkMembership.Status.APPROVED
        membership.save()
    assert total(directory(viewer, network="netwerk-ib")) == 1
    assert "Fatima El Amrani" in main(directory(viewer, network="netwerk-ib"))
    with commit():
        fatima.profile.themes.remove(theme)
    assert total(directory(viewer, theme="omgevingswet")) == 0


def test_each_filter_keeps_its_own_total_and_form(viewer, fatima):
    OrganisationFactory(name="Gemeente Westerveen", slug="gemeente-westerveen")
    UserFactory(first_name="Joost", last_name="Bakker", profile__province="utrecht")
    assert total(directory(viewer)) == 3
    assert total(directory(viewer, province="utrecht")) == 1
    assert total(directory(viewer, q="fatima")) == 1
    # an unknown value is ignored (the whole list) but its form says so, kept apart
    unknown = directory(viewer, organisation="bestaat-niet")
    assert total(unknown) == 3 and "form-field--invalid" in unknown.content.decode()
    assert "form-field--invalid" not in directory(viewer).content.decode()
    chosen = directory(viewer, province="utrecht").content.decode()
    assert '<option value="utrecht" selected>' in chosen
    assert '<option value="utrecht" selected>' not in directory(viewer).content.decode()


def test_an_organisation_renamed_shows_on_the_cards_and_in_the_filter(viewer, fatima, commit):
    assert "Gemeente Lindenholt" in main(directory(viewer))
    organisation = fatima.profile.organisation
    with commit():
        organisation.name = "Gemeente Lindenholt-Oost"
        organisation.save()
    html = main(directory(viewer))
    assert html.count("Gemeente Lindenholt-Oost") == 2  # the card and the filter's choice


def test_profile_visibility_makes_no_difference_to_members(viewer, fatima, commit):
    """Every listed member is in the directory for members, public profile or not; the kept
    list is made for members only (the directory sends visitors to the login)."""
    assert Profile.objects.get(user=fatima).visibility == Profile.Visibility.MEMBERS
    assert "Fatima El Amrani" in main(directory(viewer))
    assert Client().get("/leden/").status_code == 302


@pytest.mark.parametrize("size", [10, 200])
def test_a_warm_directory_runs_the_same_queries_at_any_size(viewer, size):
    """Filtered or not: the session, the member, the header's notifications; nothing more."""
    organisation = OrganisationFactory(slug="gemeente-zeeveen")
    UserFactory.create_batch(size, profile__organisation=organisation, profile__province="zeeland")
    everyone, zeeveen = {}, {"organisation": "gemeente-zeeveen", "province": "zeeland"}
    for params, found in ((everyone, size + 1), (zeeveen, size)):  # the viewer is listed too
        directory(viewer, **params)
        with CaptureQueriesContext(connection) as warm:
            response = directory(viewer, **params)
        assert len(warm.captured_queries) <= 3
        assert not reads_members(query["sql"] for query in warm.captured_queries)
        assert main(response).count('class="member-card"') == min(found, 24)


def test_page_abc_page_1_and_no_page_share_one_kept_page_of_cards(viewer, fatima):
    """The cards are kept by the page they show, not by how it was asked for: ``get_page``
    reads text that is no number as page 1, and a number past the end as the last page."""
    UserFactory.create_batch(30)  # 32 listed: two pages
    first = directory(viewer, page="abc")
    assert first.context["page_obj"].number == 1
    for params in ({}, {"page": "1"}, {"page": " 1"}):
        with CaptureQueriesContext(connection) as same:
            response = directory(viewer, **params)
        assert not reads_members(query["sql"] for query in same.captured_queries), params
        assert main(response).count('class="member-card"') == 24
    directory(viewer, page="2")
    for beyond in ("99", "0", "-3"):
        with CaptureQueriesContext(connection) as last:
            response = directory(viewer, page=beyond)
        assert response.context["page_obj"].number == 2
        assert not reads_members(query["sql"] for query in last.captured_queries), beyond
        assert main(response).count('class="member-card"') == 8


@pytest.mark.parametrize(
    "params, reads",
    [({}, 2), ({"page": "2"}, 2), ({"q": "anders"}, 2), ({"page": "99"}, 3)],
)
def test_a_warm_directory_reads_its_count_form_and_cards_together(
    viewer, params, reads, monkeypatch
):
    """The filter's choices (read ahead with what the address asked for last time), then the
    count, the form and the page of cards in one round trip. A page past the last (the last
    page, known once the count is) reads the last page's cards after that."""
    UserFactory.create_batch(30)
    UserFactory(first_name="Wim", last_name="Anders")
    round_trips = RoundTrips(monkeypatch, caches[settings.PAGE_CACHE_ALIAS])
    directory(viewer, **params)
    directory(viewer, q="niemand")  # the address's hint (``_prefetch``) now names other parts
    other = Client()
    other.force_login(UserFactory(first_name="Els", last_name="Elders", verified=False))
    round_trips.calls.clear()
    with CaptureQueriesContext(connection) as warm:
        directory(other, **params)
    assert not reads_members(query["sql"] for query in warm.captured_queries)
    parts = [call for call in round_trips.calls if "directory-" in call[1]]
    assert len(parts) == reads, round_trips.calls
