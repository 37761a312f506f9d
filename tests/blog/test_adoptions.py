"""Wij doen dit ook: organisations say they took a practice example over, and the knowledge
base filters and sorts on it."""

import json

import pytest

from django.core import mail
from django.urls import reverse

from blog.models import Adoption, BestPracticePage, NewsPage
from comments.models import CommentBan
from members import privacy
from members.models import Organisation
from tests.blog.cards import card_titles as titles
from tests.blog.factories import make_article
from tests.factories import UserFactory
from tests.factories.members import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(blog_index):
    return make_article(
        blog_index,
        BestPracticePage,
        title="Eén loket voor drie gemeenten",
        contact_name="Petra Loket",
        contact_email="petra@loket.example",
    )


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name="Gemeente Adoptiedorp", slug="gemeente-adoptiedorp", province="drenthe"
    )


@pytest.fixture
def worker(organisation):
    return UserFactory(
        first_name="Wim",
        last_name="Werker",
        email="wim@adoptiedorp.example",
        profile__organisation=organisation,
    )


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


def adopt_url(page):
    return reverse("blog_adopt", args=[page.pk])


def test_member_adds_their_organisation_with_a_note(
    worker_client, worker, practice, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = worker_client.post(
            adopt_url(practice), {"status": "bezig", "note": "We beginnen <b>in maart</b>."}
        )
    assert response.status_code == 302
    assert response["Location"].endswith("#wie-doet-dit-ook")
    adoption = Adoption.objects.get(page=practice, organisation=organisation)
    assert adoption.status == "bezig"
    assert adoption.added_by == worker and adoption.updated_by == worker

    page = worker_client.get(response["Location"]).content.decode()
    assert "Bedankt! Gemeente Adoptiedorp staat nu bij de organisaties" in page
    assert "1 organisatie doet dit ook." in page
    assert "Bezig met invoeren" in page
    assert "We beginnen &lt;b&gt;in maart&lt;/b&gt;." in page  # plain text, escaped
    assert organisation.get_absolute_url() in page
    assert "Wijziging opslaan" in page and "Niet meer" in page


def test_contact_person_gets_one_email_when_an_organisation_is_added(
    worker_client, worker, practice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        worker_client.post(adopt_url(practice), {"status": "orienterend", "note": "Eerst kijken."})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["petra@loket.example"]
    assert "Gemeente Adoptiedorp" in message.subject
    assert "Oriënterend" in message.body and "Eerst kijken." in message.body
    assert "#wie-doet-dit-ook" in message.body
    assert worker.email not in message.body

    with django_capture_on_commit_callbacks(execute=True):
        worker_client.post(adopt_url(practice), {"status": "ingevoerd", "note": ""})
    assert len(mail.outbox) == 1  # a change is no news for the contact person


def test_no_email_without_a_contact_address(
    worker_client, blog_index, django_capture_on_commit_callbacks
):
    practice = make_article(blog_index, BestPracticePage, contact_email="")
    with django_capture_on_commit_callbacks(execute=True):
        worker_client.post(adopt_url(practice), {"status": "bezig"})
    assert Adoption.objects.filter(page=practice).exists()
    assert mail.outbox == []


def test_a_colleague_updates_the_organisations_adoption_and_is_recorded(
    client, worker, practice, organisation
):
    Adoption.objects.create(page=practice, organisation=organisation, added_by=worker)
    colleague = UserFactory(profile__organisation=organisation)
    client.force_login(colleague)
    response = client.post(adopt_url(practice), {"status": "ingevoerd", "note": "Klaar!"})
    assert response.status_code == 302
    adoption = Adoption.objects.get(page=practice, organisation=organisation)
    assert (adoption.status, adoption.note) == ("ingevoerd", "Klaar!")
    assert adoption.added_by == worker and adoption.updated_by == colleague
    assert Adoption.objects.count() == 1
    assert "is bijgewerkt" in client.get(response["Location"]).content.decode()


def test_niet_meer_removes_the_organisation(worker_client, worker, practice, organisation):
    Adoption.objects.create(page=practice, organisation=organisation, added_by=worker)
    response = worker_client.post(adopt_url(practice), {"remove": "1"})
    assert response.status_code == 302
    assert not Adoption.objects.exists()
    page = worker_client.get(response["Location"]).content.decode()
    assert "staat niet meer bij dit praktijkvoorbeeld" in page


def test_member_without_organisation_is_pointed_to_their_profile(member_client, member, practice):
    page = member_client.get(practice.url).content.decode()
    assert reverse("members:profile_edit") in page
    assert 'name="status"' not in page
    response = member_client.post(adopt_url(practice), {"status": "bezig", "note": "Toch?"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Je profiel noemt geen organisatie" in content
    assert not Adoption.objects.exists()


def test_unverified_member_is_refused_and_keeps_the_note(client, practice, organisation):
    user = UserFactory(verified=False, profile__organisation=organisation)
    client.force_login(user)
    response = client.post(adopt_url(practice), {"status": "bezig", "note": "Mijn notitie"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Bevestig eerst je e-mailadres" in content
    assert "Mijn notitie" in content
    assert not Adoption.objects.exists()


def test_banned_member_is_refused(worker_client, worker, practice):
    from datetime import timedelta

    from django.utils import timezone

    CommentBan.objects.create(
        user=worker, ends_at=timezone.now() + timedelta(days=2), reason="Te fel"
    )
    response = worker_client.post(adopt_url(practice), {"status": "bezig"})
    assert "Te fel" in response.content.decode()
    assert not Adoption.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "", "note": "Mijn tekst"}, "Kies hoe ver je organisatie is."),
        ({"status": "geweldig", "note": "Mijn tekst"}, "Kies een van de drie mogelijkheden."),
        ({"status": "bezig", "note": "Mijn tekst" + "x" * 600}, "het maximum is 500"),
    ],
)
def test_bad_input_comes_back_in_dutch_with_the_text_kept(worker_client, practice, data, message):
    response = worker_client.post(adopt_url(practice), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "Mijn tekst" in content
    assert not Adoption.objects.exists()


def test_visitor_is_sent_to_log_in_and_get_goes_back_to_the_page(client, practice):
    response = client.post(adopt_url(practice), {"status": "bezig"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert client.get(adopt_url(practice))["Location"].endswith("#wie-doet-dit-ook")
    assert "Log in" in client.get(practice.url).content.decode()
    news = make_article(practice.get_parent().specific, NewsPage)
    assert client.post(adopt_url(news), {"status": "bezig"}).status_code == 404


def test_rate_limit_refuses_with_a_dutch_message(worker_client, practice, settings):
    settings.SITE_RATE_LIMITS = {**settings.SITE_RATE_LIMITS, "adoption": (2, 3600)}
    for status in ("bezig", "ingevoerd"):
        assert worker_client.post(adopt_url(practice), {"status": status}).status_code == 302
    response = worker_client.post(adopt_url(practice), {"status": "bezig", "note": "Nog eens"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "al veel gewijzigd" in content and "Nog eens" in content
    assert Adoption.objects.get().status == "ingevoerd"


def test_visitors_see_a_new_adoption_at_once_with_the_page_cache_on(
    client, worker, practice, organisation, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(practice.url).content.decode()
    assert "Nog geen andere organisatie" in first
    assert client.get(practice.url)["X-Page-Cache"] == "hit"
    other = client.__class__()
    other.force_login(worker)
    with django_capture_on_commit_callbacks(execute=True):
        other.post(adopt_url(practice), {"status": "bezig"})
    page = client.get(practice.url).content.decode()
    assert "1 organisatie doet dit ook." in page
    assert "Gemeente Adoptiedorp" in page
    listing = client.get(practice.get_parent().url).content.decode()
    assert "1 keer overgenomen" in listing


@pytest.mark.parametrize("count", [2, 12])
def test_practice_page_query_count_does_not_grow_with_adopters(
    worker_client, practice, count, django_assert_max_num_queries
):
    for number in range(count):
        Adoption.objects.create(
            page=practice,
            organisation=OrganisationFactory(),
            status="bezig",
            note=f"Notitie {number}",
        )
    worker_client.get(practice.url)
    # 29 with the adopters and the member's form (the organisation and its adoption: 2), and
    # one for the member's closed networks (related articles are kept per group of readers).
    with django_assert_max_num_queries(31):
        response = worker_client.get(practice.url)
    assert f"{count} organisaties doen dit ook." in response.content.decode()


# --- The knowledge base -------------------------------------------------------------------


@pytest.fixture
def register(db):
    return {
        "drenthe": OrganisationFactory(
            name="Gemeente Heidedorp", slug="gemeente-heidedorp", province="drenthe"
        ),
        "zeeland": OrganisationFactory(
            name="Waterschap Zeekant",
            slug="waterschap-zeekant",
            province="zeeland",
            kind=Organisation.Kind.WATER_BOARD,
        ),
        "adopter": OrganisationFactory(name="Gemeente Overnemer", slug="gemeente-overnemer"),
        "second": OrganisationFactory(name="Gemeente Tweede", slug="gemeente-tweede"),
    }


@pytest.fixture
def practices(blog_index, register):
    heide = make_article(blog_index, BestPracticePage, title="Heide-aanpak")
    heide.organisations = [register["drenthe"]]
    heide.save_revision().publish()
    zee = make_article(blog_index, BestPracticePage, title="Zee-aanpak")
    zee.organisations = [register["zeeland"]]
    zee.save_revision().publish()
    news = make_article(blog_index, NewsPage, title="Gewoon nieuws")
    Adoption.objects.create(page=zee, organisation=register["adopter"], status="ingevoerd")
    Adoption.objects.create(page=zee, organisation=register["second"], status="orienterend")
    Adoption.objects.create(page=heide, organisation=register["adopter"], status="bezig")
    return heide, zee, news


def test_knowledge_base_filters_practice_examples_by_province_and_kind(
    client, blog_index, practices
):
    assert titles(client.get(blog_index.url, {"provincie": "drenthe"})) == ["Heide-aanpak"]
    assert titles(client.get(blog_index.url, {"organisatiesoort": "waterschap"})) == ["Zee-aanpak"]
    both = client.get(blog_index.url, {"provincie": "drenthe", "organisatiesoort": "waterschap"})
    assert titles(both) == []
    content = client.get(blog_index.url, {"provincie": "drenthe"}).content.decode()
    assert "provincie Drenthe" in content
    assert '<option value="drenthe" selected>' in content


def test_knowledge_base_filters_on_adoption_status(client, blog_index, practices):
    assert titles(client.get(blog_index.url, {"overgenomen": "ingevoerd"})) == ["Zee-aanpak"]
    assert titles(client.get(blog_index.url, {"overgenomen": "bezig"})) == ["Heide-aanpak"]
    assert sorted(titles(client.get(blog_index.url, {"overgenomen": "ja"}))) == [
        "Heide-aanpak",
        "Zee-aanpak",
    ]


def test_knowledge_base_sorts_most_adopted_first_and_shows_counts(client, blog_index, practices):
    response = client.get(blog_index.url, {"volgorde": "meest-overgenomen"})
    assert titles(response)[:2] == ["Zee-aanpak", "Heide-aanpak"]
    content = response.content.decode()
    assert "2 keer overgenomen" in content and "1 keer overgenomen" in content
    newest = titles(client.get(blog_index.url))
    assert newest[0] == "Gewoon nieuws"


def test_unknown_filter_values_are_ignored_with_a_notice(client, blog_index, practices):
    response = client.get(
        blog_index.url, {"provincie": "atlantis", "overgenomen": "misschien", "volgorde": "x"}
    )
    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert "Een van de filters bestaat niet (meer)" in response.content.decode()


@pytest.mark.parametrize("count", [3, 15])
def test_knowledge_base_with_adoption_filters_takes_constant_queries(
    client, blog_index, register, count, django_assert_max_num_queries
):
    organisations = [OrganisationFactory(province="drenthe") for _ in range(3)]
    for number in range(count):
        page = make_article(blog_index, BestPracticePage, title=f"Voorbeeld {number}")
        page.organisations = [organisations[number % 3]]
        page.save_revision().publish()
        for organisation in organisations[: 1 + number % 3]:
            Adoption.objects.create(page=page, organisation=organisation, status="bezig")
    client.get(blog_index.url)
    with django_assert_max_num_queries(16):
        response = client.get(
            blog_index.url,
            {"provincie": "drenthe", "overgenomen": "bezig", "volgorde": "meest-overgenomen"},
        )
    assert len(titles(response)) == min(count, 12)
    assert titles(response)[0] in {f"Voorbeeld {n}" for n in range(2, count, 3)}


# --- Organisation page, privacy, demo -------------------------------------------------------


def test_organisation_page_lists_what_it_took_over(client, practice, organisation, worker):
    Adoption.objects.create(page=practice, organisation=organisation, status="ingevoerd")
    content = client.get(organisation.get_absolute_url()).content.decode()
    assert "Wat we overnamen" in content
    assert practice.title in content and "Ingevoerd" in content


@pytest.mark.parametrize("count", [1, 8])
def test_organisation_section_takes_constant_queries(
    client, blog_index, organisation, count, django_assert_max_num_queries
):
    for number in range(count):
        page = make_article(blog_index, BestPracticePage, title=f"Overgenomen {number}")
        Adoption.objects.create(page=page, organisation=organisation, status="bezig")
    client.get(organisation.get_absolute_url())
    with django_assert_max_num_queries(16):
        response = client.get(organisation.get_absolute_url())
    assert response.content.decode().count("Bezig met invoeren") == count


def test_adoptions_in_the_data_export_and_kept_after_account_deletion(
    worker, practice, organisation
):
    Adoption.objects.create(
        page=practice, organisation=organisation, added_by=worker, updated_by=worker, note="N"
    )
    exported = json.loads(privacy.export_json(worker))["overnames"]
    assert exported[0]["praktijkvoorbeeld"] == practice.title
    assert exported[0]["organisatie"] == "Gemeente Adoptiedorp"
    assert exported[0]["door_jou_toegevoegd"] is True

    privacy.erase_personal_data(worker, keep_comments=False)
    worker.delete()
    adoption = Adoption.objects.get()
    assert adoption.added_by is None and adoption.updated_by is None
    assert adoption.note == "N"


def test_demo_adoptions_load_twice_without_change(home_page, taxonomy):
    from blog import demo as blog_demo
    from members import demo as members_demo

    members_demo.load(home_page)
    blog_demo.load(home_page)
    first = set(Adoption.objects.values_list("page__slug", "organisation__slug", "status"))
    blog_demo.load(home_page)
    assert set(Adoption.objects.values_list("page__slug", "organisation__slug", "status")) == first
    assert len(first) == len(blog_demo.ADOPTIONS)
    assert {status for _page, _org, status in first} == {"orienterend", "bezig", "ingevoerd"}
    assert Adoption.objects.filter(added_by__isnull=False).exists()


def test_editor_corrects_and_deletes_an_adoption_in_the_admin(
    client, editorial, practice, organisation
):
    from tests.factories import EditorFactory

    adoption = Adoption.objects.create(
        page=practice, organisation=organisation, note="Een notitie die weg moet"
    )
    editor = EditorFactory()
    client.force_login(editor)
    listing = client.get(reverse("wagtailsnippets_blog_adoption:list"))
    assert listing.status_code == 200
    assert "Gemeente Adoptiedorp" in listing.content.decode()
    assert client.get(reverse("wagtailsnippets_blog_adoption:add")).status_code == 302
    response = client.post(
        reverse("wagtailsnippets_blog_adoption:edit", args=[adoption.pk]),
        {"status": "ingevoerd", "note": "Netjes"},
    )
    assert response.status_code == 302
    adoption.refresh_from_db()
    assert (adoption.status, adoption.note) == ("ingevoerd", "Netjes")
    client.post(reverse("wagtailsnippets_blog_adoption:delete", args=[adoption.pk]))
    assert not Adoption.objects.exists()
