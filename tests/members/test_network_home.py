"""A network's page is its home: what it is, its face, its managers and members, and what
belongs to it (articles, events, questions, collaborations), each section shown by the one
visibility rule; its own feed and calendar; and the admin refusing an unreadable colour.

Who looks: a visitor, a member of another network, and an approved member of this one; for an
open network everyone sees everything, for a closed one only its members see its content.
"""

from datetime import timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.models import NetworkMembership
from tests.accessibility.test_html_validity import check_folder, readable
from tests.factories import (
    BlogPostPageFactory,
    EventPageFactory,
    ImageFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.factories.collaborations import CollaborationFactory
from tests.factories.members import with_second_factor
from tests.factories.questions import QuestionPageFactory
from tests.vakgenoten.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db

CONTENT = ["Artikel van de kring", "Ledendag van de kring", "Vraag in de kring", "Kringregeling"]
EXPLANATION = "alleen voor de leden"


def _join(user, network, role=NetworkMembership.Role.MEMBER):
    NetworkMembership.objects.create(
        user=user, network=network, status=NetworkMembership.Status.APPROVED, role=role
    )


def _fill(network):
    """One of each kind of content, belonging to ``network``; a second event organised by it."""
    BlogPostPageFactory(title="Artikel van de kring", networks=[network])
    EventPageFactory(
        title="Ledendag van de kring",
        start=timezone.now().replace(second=0, microsecond=0) + timedelta(days=10),
        networks=[network],
        organiser_network=None,
        organiser_organisation=OrganisationFactory(),
    )
    QuestionPageFactory(title="Vraag in de kring", networks=[network])
    CollaborationFactory(name="Kringregeling").networks.add(network)


@pytest.fixture
def kring(blog_index, agenda):
    network = NetworkFactory(name="Kring Inkopers", slug="kring-inkopers", is_closed=True)
    _fill(network)
    return network


@pytest.fixture
def viewers(kring):
    other = NetworkFactory(name="Open Overheid", slug="open-overheid")
    outsider, insider, manager = UserFactory(), UserFactory(), UserFactory()
    _join(outsider, other)
    _join(insider, kring)
    _join(manager, kring, role=NetworkMembership.Role.MANAGER)
    return {"visitor": None, "outsider": outsider, "insider": insider, "manager": manager}


def _page(client, network, viewer=None):
    if viewer is not None:
        client.force_login(viewer)
    response = client.get(network.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["visitor", "outsider", "insider"])
def test_a_closed_networks_content_is_on_its_page_for_its_members_only(client, kring, viewers, who):
    html = _page(client, kring, viewers[who])
    assert "Besloten netwerk" in html and "alleen leden zien de inhoud" in html
    for title in CONTENT:
        assert (title in html) is (who == "insider"), (who, title)
    assert (EXPLANATION in html) is (who != "insider")
    if who == "visitor":
        assert "Log in om lid te worden" in html
    elif who == "outsider":
        assert "Lidmaatschap aanvragen" in html


@pytest.mark.parametrize("who", ["visitor", "outsider"])
def test_an_open_networks_page_shows_everything_to_everyone(client, blog_index, agenda, who):
    network = NetworkFactory(name="Open Overheid", slug="open-overheid")
    _fill(network)
    EventPageFactory(title="Congres georganiseerd door het netwerk", organiser_network=network)
    viewer = None
    if who == "outsider":
        viewer = UserFactory()
        _join(viewer, NetworkFactory())
    html = _page(client, network, viewer)
    for title in [*CONTENT, "Congres georganiseerd door het netwerk"]:
        assert title in html, title
    assert EXPLANATION not in html and "Besloten netwerk" not in html


def test_the_page_names_its_managers_as_their_privacy_allows(client, kring, viewers):
    manager = viewers["manager"]
    manager.first_name, manager.last_name = "Bram", "Jansen"
    manager.save()
    visitor_html = _page(client, kring)
    assert "Beheerder" in visitor_html
    assert "Bram Jansen" not in visitor_html  # a members-only profile: no name for visitors
    member_html = _page(client, kring, viewers["outsider"])
    assert "Bram Jansen" in member_html and manager.get_absolute_url() in member_html


def test_the_network_has_its_own_feed_and_calendar_without_anything_closed(
    client, blog_index, agenda, kring, viewers
):
    open_network = NetworkFactory(name="Open Overheid", slug="open-overheid")
    BlogPostPageFactory(title="Artikel voor iedereen", networks=[open_network])
    EventPageFactory(
        title="Open ledendag",
        networks=[open_network],
        organiser_network=None,
        organiser_organisation=OrganisationFactory(),
    )
    html = _page(client, open_network)
    for url in [
        f"/netwerken/{open_network.slug}/artikelen.atom",
        f"/netwerken/{open_network.slug}/artikelen.rss",
        f"/evenementen/netwerk/{open_network.slug}/agenda.ics",
    ]:
        assert 'rel="alternate"' in html and f'href="{url}"' in html, url
    atom = client.get(f"/netwerken/{open_network.slug}/artikelen.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Artikel voor iedereen" in atom.content.decode()
    rss = client.get(f"/netwerken/{open_network.slug}/artikelen.rss").content.decode()
    assert "Artikel voor iedereen" in rss
    calendar = client.get(f"/evenementen/netwerk/{open_network.slug}/agenda.ics").content
    assert b"Open ledendag" in calendar

    # A closed network's feed and calendar are public: even its member's reader gets nothing
    # closed.
    client.force_login(viewers["insider"])
    closed_feed = client.get(f"/netwerken/{kring.slug}/artikelen.atom").content.decode()
    assert "Artikel van de kring" not in closed_feed
    closed_calendar = client.get(f"/evenementen/netwerk/{kring.slug}/agenda.ics").content
    assert b"Ledendag van de kring" not in closed_calendar
    assert client.get("/netwerken/bestaat-niet/artikelen.atom").status_code == 404


def test_logo_and_accent_colour_show_without_inline_styles(client, home_page):
    network = NetworkFactory(
        name="Netwerk Inkoop", slug="netwerk-inkoop", accent_colour="#0f5465", is_closed=True
    )
    network.logo = ImageFactory(title="Logo Netwerk Inkoop")
    network.save()
    response = client.get(network.get_absolute_url())
    html = response.content.decode()
    assert 'class="network-banner network-banner--accent"' in html
    assert 'fill="#0f5465"' in html
    assert 'class="network-banner__logo"><img' in html
    assert_csp_clean(response)

    listing = client.get("/netwerken/")
    assert 'class="group-list__logo"><img' in listing.content.decode()
    assert "Besloten" in listing.content.decode()
    assert_csp_clean(listing)


def test_the_page_with_its_face_and_every_section_is_valid_html(client, kring, viewers, tmp_path):
    """The band, logo, badge and sections together pass the W3C checker (the sweep in
    tests/accessibility sees the demo network, which has no logo or colour)."""
    kring.accent_colour = "#0f5465"
    kring.logo = ImageFactory(title="Logo Kring Inkopers")
    kring.save()
    (tmp_path / "netwerk.html").write_bytes(_page(client, kring, viewers["insider"]).encode())
    (tmp_path / "netwerken.html").write_bytes(client.get("/netwerken/").content)
    assert readable(check_folder(tmp_path)) == ""


def _count(client, url):
    client.get(url + "?warm=1")
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_page_takes_as_many_queries_for_many_members_articles_and_events_as_for_few(
    client, kring, viewers, django_assert_max_num_queries
):
    client.force_login(viewers["insider"])
    url = kring.get_absolute_url()
    few = _count(client, url)
    for index in range(8):
        _join(UserFactory(), kring)
        BlogPostPageFactory(title=f"Artikel {index}", networks=[kring])
        EventPageFactory(title=f"Ledendag {index}", networks=[kring], organiser_network=kring)
        QuestionPageFactory(title=f"Vraag {index}", networks=[kring])
        CollaborationFactory().networks.add(kring)
    many = _count(client, url)
    assert many == few
    with django_assert_max_num_queries(22):
        client.get(url)


def test_the_admin_refuses_a_too_light_accent_colour_and_keeps_what_was_typed(client):
    network = NetworkFactory(name="Netwerk Inkoop", slug="netwerk-inkoop")
    client.force_login(with_second_factor(UserFactory(is_staff=True, is_superuser=True)))
    url = f"/admin/snippets/members/network/edit/{network.pk}/"
    data = {
        "name": "Netwerk Inkoop en Aanbesteden",
        "slug": "netwerk-inkoop",
        "description": "Voor inkopers bij gemeenten.",
        "website": "",
        "is_closed": "on",
        "logo": "",
        "accent_colour": "#ffcc00",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, not a redirect
    html = response.content.decode()
    assert "Deze kleur is te licht" in html
    assert 'value="#ffcc00"' in html
    assert 'value="Netwerk Inkoop en Aanbesteden"' in html
    assert "Voor inkopers bij gemeenten." in html
    network.refresh_from_db()
    assert network.name == "Netwerk Inkoop" and network.accent_colour == ""

    # The collaboration's form offers the networks to link it to.
    add = client.get("/admin/snippets/collaborations/collaboration/add/").content.decode()
    assert 'name="networks"' in add


@pytest.mark.parametrize("who", ["visitor", "outsider", "insider"])
def test_profiles_and_organisations_show_a_closed_networks_content_to_its_members_only(
    client, kring, viewers, who
):
    from members.models import Profile
    from tests.factories import BestPracticePageFactory, CommentFactory

    gemeente = OrganisationFactory(name="Gemeente Kringveld", slug="kringveld")
    writer = UserFactory()
    Profile.objects.filter(user=writer).update(visibility=Profile.Visibility.PUBLIC)
    hidden = BestPracticePageFactory(
        title="Praktijk van de kring", organisations=[gemeente], networks=[kring]
    )
    EventPageFactory(
        title="Kringdag in Lindenholt",
        start=timezone.now().replace(second=0, microsecond=0) + timedelta(days=5),
        organiser_network=None,
        organiser_organisation=gemeente,
        networks=[kring],
    )
    QuestionPageFactory(
        title="Kringvraag van Lindenholt", organisation=gemeente, asker=writer, networks=[kring]
    )
    CommentFactory(page=hidden, user=writer, body_html="<p>Kringreactie van de schrijver</p>")
    sees = who == "insider"
    if viewers[who] is not None:
        client.force_login(viewers[who])
    organisation = client.get(gemeente.get_absolute_url()).content.decode()
    for title in ["Praktijk van de kring", "Kringdag in Lindenholt", "Kringvraag van Lindenholt"]:
        assert (title in organisation) is sees, (who, title)
    profile = client.get(writer.get_absolute_url()).content.decode()
    for text in ["Kringvraag van Lindenholt", "Kringreactie van de schrijver"]:
        assert (text in profile) is sees, (who, text)
