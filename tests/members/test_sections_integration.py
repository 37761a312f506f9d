"""Profiles, organisations and networks show the articles and events that belong to them.

The blog and events apps register these sections (blog/sections.py, events/sections.py); the
members app only renders what they return.
"""

import datetime

import pytest

from django.utils import timezone

from blog.models import Author, BestPracticePage, NewsPage
from events.models import Registration
from tests.factories import (
    ARTICLE_FACTORIES,
    AuthorFactory,
    EventPageFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# One of these is the header's unread-notification count, until it is in the cache; one the
# questions section (empty here); one the footer's linked pages (SiteSettings.linked_pages).
PAGE_MAX_QUERIES = 18


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Gemeente Lindenholt", slug="gemeente-lindenholt")


@pytest.fixture
def network(db):
    return NetworkFactory(name="Netwerk Bedrijfsvoering", slug="netwerk-bedrijfsvoering")


@pytest.fixture
def writer(db, organisation):
    """A member who also writes for the knowledge base, with a public profile."""
    member = UserFactory(profile__visibility="public")
    author = AuthorFactory(name=member.get_full_name(), user=member, organisation=organisation)
    member.author = author
    return member


def add_article(index, title, *, model=NewsPage, authors=(), days_ago=1, live=True, **fields):
    """An article under the knowledge base; ``live=False`` leaves it unpublished."""
    return ARTICLE_FACTORIES[model](
        parent=index,
        title=title,
        authors=authors,
        publication_date=timezone.localdate() - datetime.timedelta(days=days_ago),
        draft=not live,
        **fields,
    )


def add_practice(index, title, organisation, **fields):
    """A practice example of ``organisation`` under the knowledge base."""
    return add_article(index, title, model=BestPracticePage, organisations=[organisation], **fields)


def add_event(agenda, title, *, in_days=10, live=True, **fields):
    """An event under the agenda that starts ``in_days`` from now (negative: it is over)."""
    fields.setdefault("organiser_network", None)
    return EventPageFactory(
        parent=agenda,
        title=title,
        start=timezone.now() + datetime.timedelta(days=in_days),
        draft=not live,
        **fields,
    )


def register(member, event, status=Registration.Status.REGISTERED):
    seat = 1 if status == Registration.Status.REGISTERED else None
    return Registration.objects.create(event=event, user=member, status=status, seat=seat)


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# Articles on a profile -----------------------------------------------------------------------


def test_profile_shows_the_members_published_articles_newest_first(client, blog_index, writer):
    other_author = Author.objects.create(name="Iemand Anders", slug="iemand-anders")
    add_article(blog_index, "Wijkteams die werken", authors=[writer.author], days_ago=20)
    add_article(blog_index, "Minder regels, meer ruimte", authors=[writer.author], days_ago=2)
    add_article(blog_index, "Nog een concept", authors=[writer.author], live=False)
    add_article(blog_index, "Van een ander", authors=[other_author])

    html = page_html(client, writer.get_absolute_url())

    assert 'id="profiel-artikelen-titel"' in html
    assert html.index("Minder regels, meer ruimte") < html.index("Wijkteams die werken")
    assert "Nog een concept" not in html
    assert "Van een ander" not in html
    assert "Alle artikelen van" not in html  # everything fits, so no link to more


def test_profile_of_a_prolific_writer_links_to_their_author_page(client, blog_index, writer):
    for number in range(7):
        add_article(blog_index, f"Column {number}", authors=[writer.author], days_ago=number + 1)

    html = page_html(client, writer.get_absolute_url())

    assert "Column 0" in html and "Column 4" in html
    assert "Column 5" not in html
    author_url = blog_index.url + blog_index.reverse_subpage("author", args=[writer.author.slug])
    assert f'href="{author_url}"' in html
    assert client.get(author_url).status_code == 200


def test_profile_of_a_member_who_writes_nothing_has_no_articles_section(client, blog_index):
    reader = UserFactory(profile__visibility="public")
    assert "profiel-artikelen-titel" not in page_html(client, reader.get_absolute_url())


def test_author_without_published_articles_has_no_articles_section(client, blog_index, writer):
    add_article(blog_index, "Nog niet af", authors=[writer.author], live=False)
    html = page_html(client, writer.get_absolute_url())
    assert "profiel-artikelen-titel" not in html
    assert "Nog niet af" not in html


# Articles on an organisation -----------------------------------------------------------------


def test_organisation_shows_its_practice_examples_and_articles_by_its_staff(
    client, blog_index, organisation, writer
):
    elsewhere = OrganisationFactory(name="Gemeente Elders")
    add_practice(blog_index, "Eén loket voor ondernemers", organisation, days_ago=3)
    add_article(blog_index, "Wat ons team leerde", authors=[writer.author], days_ago=1)
    add_article(blog_index, "Praktijk elders", model=BestPracticePage, organisations=[elsewhere])
    add_practice(blog_index, "Praktijk nog in concept", organisation, live=False)

    html = page_html(client, organisation.get_absolute_url())

    assert 'id="organisatie-artikelen-titel"' in html
    assert html.index("Wat ons team leerde") < html.index("Eén loket voor ondernemers")
    assert "Praktijk elders" not in html
    assert "Praktijk nog in concept" not in html
    assert "Praktijkvoorbeeld" in html  # the type of each article is shown


def test_an_article_by_staff_about_their_own_practice_is_listed_once(
    client, blog_index, organisation, writer
):
    add_practice(blog_index, "Samen met de buurgemeente", organisation, authors=[writer.author])
    html = page_html(client, organisation.get_absolute_url())
    assert html.count("Samen met de buurgemeente") == 1


def test_organisation_with_many_articles_and_events_links_to_more(
    client, blog_index, agenda, organisation
):
    for number in range(6):
        add_practice(blog_index, f"Praktijk {number}", organisation, days_ago=number + 1)
        add_event(
            agenda, f"Spreekuur {number}", in_days=number + 1, organiser_organisation=organisation
        )

    html = page_html(client, organisation.get_absolute_url())

    assert "Praktijk 4" in html and "Praktijk 5" not in html
    assert "Spreekuur 4" in html and "Spreekuur 5" not in html
    assert 'href="/zoeken/?q=Gemeente%20Lindenholt"' in html
    assert f'href="{agenda.url}"' in html


def test_organisation_lists_the_newest_of_its_practices_and_its_staffs_articles_together(
    client, blog_index, organisation, writer
):
    """Practice examples and articles by its staff take turns in one list, newest first,
    even when each kind alone would fill it."""
    for number in range(7):
        add_practice(blog_index, f"Praktijk {number}", organisation, days_ago=2 * number + 1)
        add_article(
            blog_index, f"Verslag {number}", authors=[writer.author], days_ago=2 * number + 2
        )

    html = page_html(client, organisation.get_absolute_url())

    shown = ["Praktijk 0", "Verslag 0", "Praktijk 1", "Verslag 1", "Praktijk 2"]
    assert [html.index(title) for title in shown] == sorted(html.index(title) for title in shown)
    assert "Verslag 2" not in html
    assert 'href="/zoeken/?q=Gemeente%20Lindenholt"' in html


def test_organisation_shows_older_articles_when_its_newest_are_hidden_from_the_visitor(
    client, blog_index, organisation, writer
):
    closed = NetworkFactory(is_closed=True)
    for number in range(8):
        add_article(
            blog_index,
            f"Kringverslag {number}",
            authors=[writer.author],
            networks=[closed],
            days_ago=number + 1,
        )
    add_article(blog_index, "Voor iedereen", authors=[writer.author], days_ago=30)

    html = page_html(client, organisation.get_absolute_url())

    assert "Voor iedereen" in html
    assert "Kringverslag" not in html
    assert 'href="/zoeken/?q=Gemeente%20Lindenholt"' not in html  # one article: nothing more


def test_organisation_with_six_articles_that_are_both_practice_and_by_staff_links_to_more(
    client, blog_index, organisation, writer
):
    for number in range(6):
        add_practice(
            blog_index,
            f"Eigen praktijk {number}",
            organisation,
            authors=[writer.author],
            days_ago=number + 1,
        )

    html = page_html(client, organisation.get_absolute_url())

    assert html.count("Eigen praktijk 4") == 1
    assert "Eigen praktijk 5" not in html
    assert 'href="/zoeken/?q=Gemeente%20Lindenholt"' in html


def test_network_page_has_no_articles_section(client, blog_index, network, writer):
    """Articles have no network: an author's membership does not make it the network's."""
    network.memberships.create(user=writer, status="approved")
    add_article(blog_index, "Geschreven door een netwerklid", authors=[writer.author])
    html = page_html(client, network.get_absolute_url())
    assert "Geschreven door een netwerklid" not in html
    assert "artikelen-titel" not in html


# Events on organisations and networks ------------------------------------------------------


def test_network_shows_its_upcoming_live_events_soonest_first(client, agenda, network):
    other_network = NetworkFactory()
    add_event(agenda, "Najaarsbijeenkomst", in_days=40, organiser_network=network)
    add_event(agenda, "Webinar Wmo", in_days=5, organiser_network=network)
    add_event(agenda, "Ledendag vorig jaar", in_days=-300, organiser_network=network)
    add_event(agenda, "Nog niet gepubliceerd", in_days=8, organiser_network=network, live=False)
    add_event(agenda, "Van een ander netwerk", in_days=6, organiser_network=other_network)

    html = page_html(client, network.get_absolute_url())

    assert 'id="netwerk-evenementen-titel"' in html
    assert html.index("Webinar Wmo") < html.index("Najaarsbijeenkomst")
    for absent in ("Ledendag vorig jaar", "Nog niet gepubliceerd", "Van een ander netwerk"):
        assert absent not in html
    assert "?netwerk=" not in html  # everything fits, so no link to the agenda


def test_busy_network_links_to_its_events_in_the_agenda(client, agenda, network):
    for number in range(6):
        add_event(agenda, f"Sessie {number}", in_days=number + 1, organiser_network=network)

    html = page_html(client, network.get_absolute_url())

    assert "Sessie 4" in html
    assert "Sessie 5" not in html
    agenda_url = f"{agenda.url}?netwerk={network.slug}"
    assert f'href="{agenda_url}"' in html
    assert "Sessie 5" in page_html(client, agenda_url)


def test_organisation_shows_the_upcoming_events_it_organises(client, agenda, organisation):
    add_event(agenda, "Open huis stadskantoor", in_days=3, organiser_organisation=organisation)
    add_event(agenda, "Open huis voorbij", in_days=-3, organiser_organisation=organisation)
    add_event(agenda, "Open huis elders", in_days=3, organiser_organisation=OrganisationFactory())

    html = page_html(client, organisation.get_absolute_url())

    assert 'id="organisatie-evenementen-titel"' in html
    assert "Open huis stadskantoor" in html
    assert "Open huis voorbij" not in html
    assert "Open huis elders" not in html


def test_organisation_and_network_without_content_show_no_sections(
    client, blog_index, agenda, organisation, network
):
    add_event(agenda, "Alleen voorbij", in_days=-3, organiser_network=network)
    organisation_html = page_html(client, organisation.get_absolute_url())
    network_html = page_html(client, network.get_absolute_url())
    assert "organisatie-artikelen-titel" not in organisation_html
    assert "organisatie-evenementen-titel" not in organisation_html
    assert "netwerk-evenementen-titel" not in network_html


# The member's own registrations ------------------------------------------------------------


@pytest.fixture
def registered_member(agenda, network):
    """A member with a public profile, registered for one event and waiting for another."""
    member = UserFactory(profile__visibility="public")
    register(member, add_event(agenda, "Congres Samen Digitaal", organiser_network=network))
    register(
        member,
        add_event(agenda, "Volle ledendag", in_days=20, organiser_network=network),
        status=Registration.Status.WAITING,
    )
    register(
        member,
        add_event(agenda, "Afgezegde training", organiser_network=network),
        status=Registration.Status.CANCELLED,
    )
    register(
        member,
        add_event(agenda, "Training van vorig jaar", in_days=-200, organiser_network=network),
    )
    return member


def test_owner_sees_their_upcoming_registrations_on_their_profile(client, registered_member):
    client.force_login(registered_member)
    html = page_html(client, registered_member.get_absolute_url())

    assert 'id="profiel-aanmeldingen-titel"' in html
    assert html.index("Congres Samen Digitaal") < html.index("Volle ledendag")
    assert "Wachtlijst" in html
    assert "Afgezegde training" not in html
    assert "Training van vorig jaar" not in html
    assert 'href="/mijn-evenementen/"' in html


@pytest.mark.parametrize("viewer", ["anonymous", "member", "editor"])
def test_nobody_else_sees_what_a_member_registered_for(client, registered_member, viewer):
    if viewer != "anonymous":
        client.force_login(
            UserFactory(is_staff=viewer == "editor", is_superuser=viewer == "editor")
        )
    html = page_html(client, registered_member.get_absolute_url())
    assert "profiel-aanmeldingen-titel" not in html
    assert "Congres Samen Digitaal" not in html
    assert "Volle ledendag" not in html


def test_owner_without_registrations_sees_no_registrations_section(member_client, member):
    assert "profiel-aanmeldingen-titel" not in page_html(member_client, member.get_absolute_url())


# Queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_pages_with_sections_use_a_flat_number_of_queries(
    client,
    blog_index,
    agenda,
    organisation,
    network,
    writer,
    count,
    django_assert_max_num_queries,
):
    for number in range(count):
        add_practice(
            blog_index,
            f"Praktijk {number}",
            organisation,
            authors=[writer.author],
            days_ago=number + 1,
        )
        event = add_event(
            agenda,
            f"Bijeenkomst {number}",
            in_days=number + 1,
            organiser_network=network,
            organiser_organisation=organisation,
        )
        register(writer, event)
    client.force_login(writer)

    for url, heading in [
        (writer.get_absolute_url(), "profiel-aanmeldingen-titel"),
        (organisation.get_absolute_url(), "organisatie-evenementen-titel"),
        (network.get_absolute_url(), "netwerk-evenementen-titel"),
    ]:
        with django_assert_max_num_queries(PAGE_MAX_QUERIES, info=url):
            html = page_html(client, url)
        assert heading in html
        assert "Praktijk 0" in html or "Bijeenkomst 0" in html
