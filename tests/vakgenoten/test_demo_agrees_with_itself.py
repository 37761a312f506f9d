"""The demo content agrees with itself: a demo member named in an article, an interview, a
programme or an author record has the same job and organisation everywhere; events fall on
working days; every article has its own picture; guests have names; each demo network has its own
face and content, one of them closed to all but its members."""

import hashlib
import re

import pytest

from django.contrib.auth.models import AnonymousUser

from blog.models import ArticlePage, Author, BestPracticePage, Interviewee
from events.models import EventPage, EventSpeaker, Registration
from members.demo import BEDRIJFSVOERING, MEMBERS_DEMO
from members.models import User

pytestmark = pytest.mark.django_db


def members_by_name():
    users = User.objects.filter(email__in=[spec["email"] for spec in MEMBERS_DEMO])
    return {
        f"{user.first_name} {user.last_name}": user.profile
        for user in users.select_related("profile__organisation")
    }


def same_organisation(profile, organisation_name):
    """ "Gemeente Westerveen" and "gemeente Westerveen" are the same organisation."""
    return profile.organisation and profile.organisation.name.lower() == organisation_name.lower()


def test_a_member_named_anywhere_has_the_same_job_and_organisation(loaded_demo):
    members = members_by_name()
    checked = 0
    for person in [*Interviewee.objects.all(), *EventSpeaker.objects.all()]:
        profile = members.get(person.name)
        if profile is None:
            continue  # not a demo member: a name on this page only
        checked += 1
        assert person.role.lower() == profile.role.lower(), person.name
        assert same_organisation(profile, person.organisation), person.name
    for author in Author.objects.select_related("organisation", "user"):
        profile = members.get(author.name)
        if profile is None:
            continue
        checked += 1
        assert author.role.lower() == profile.role.lower(), author.name
        assert author.organisation == profile.organisation, author.name
    for practice in BestPracticePage.objects.all():
        profile = members.get(practice.contact_name)
        if profile is not None:
            checked += 1
            assert practice.contact_role.lower() == profile.role.lower(), practice.contact_name
    for event in EventPage.objects.all():
        for block in event.programme:
            # "Joost Bakker (gemeente Westerveen)": the organisation in brackets, if any.
            for name, organisation in re.findall(r"([^,(]+?) \(([^)]+)\)", block.value["speakers"]):
                profile = members.get(name.strip())
                if profile is not None:
                    checked += 1
                    assert same_organisation(profile, organisation), name
    assert checked >= 8  # the check looked at the people the issue named, and more


def test_people_the_issue_found_contradicted_are_now_one_person(loaded_demo):
    interview = Interviewee.objects.get(page__slug="gemeentesecretaris-moet-verbinden")
    assert (interview.name, interview.organisation) == (
        "Mirjam Visser",
        "Gemeente Hoogeland-Noord",
    )
    for member in ("Anouk de Vries", "Joost Bakker", "Bram Jansen", "Fatima El Amrani"):
        for person in Interviewee.objects.filter(name=member):
            assert same_organisation(members_by_name()[member], person.organisation)


def test_every_event_takes_place_on_working_days(loaded_demo):
    for start, end in EventPage.objects.values_list("start", "end"):
        assert start.astimezone().weekday() < 5
        assert end.astimezone().weekday() < 5


def test_every_article_has_its_own_small_picture(loaded_demo):
    digests = set()
    articles = ArticlePage.objects.select_related("hero_image")
    for article in articles:
        with article.hero_image.file.open("rb") as picture:
            content = picture.read()
        assert len(content) < 60_000, article.slug
        digests.add(hashlib.sha256(content).hexdigest())
    assert len(digests) == articles.count() >= 10


def test_guests_have_names(loaded_demo):
    guests = Registration.objects.exclude(guest_name="")
    assert guests.count() >= 10
    for name in guests.values_list("guest_name", flat=True):
        assert not name.startswith("Deelnemer")
        assert len(name.split()) >= 2


# --- The demo networks (issue 23): one closed, each with its own face, articles and events ---


def demo_networks():
    from members.demo import NETWORK_FACES
    from members.models import Network

    return Network.objects.filter(slug__in=NETWORK_FACES).select_related("logo")


def test_each_demo_network_has_its_own_colour_logo_articles_and_events(loaded_demo):
    from members.visibility import can_see
    from vakgenoten.colours import validate_accent_colour

    networks = list(demo_networks())
    assert len(networks) == 3
    assert [network.slug for network in networks if network.is_closed] == [BEDRIJFSVOERING]
    assert len({network.accent_colour for network in networks}) == 3
    assert len({network.logo_id for network in networks}) == 3
    for network in networks:
        validate_accent_colour(network.accent_colour)
        assert network.logo.width == network.logo.height == 256
        articles = ArticlePage.objects.live().filter(networks=network)
        events = EventPage.objects.live().filter(networks=network)
        assert articles.count() >= 2 and events.exists(), network.slug
        # An open network's content is public; the closed one's is its members' alone.
        for page in [*articles, *events]:
            assert can_see(AnonymousUser(), page) is not network.is_closed, page.slug


def test_bram_manages_the_closed_network_and_anouk_is_not_in_it(loaded_demo):
    from members.models import NetworkMembership

    closed = demo_networks().get(is_closed=True)
    bram = User.objects.get(email="bram.jansen@bergambacht.example")
    anouk = User.objects.get(email="anouk.devries@lindenholt.example")
    assert NetworkMembership.objects.approved().managers().filter(user=bram, network=closed)
    assert not NetworkMembership.objects.filter(user=anouk, network=closed).exists()
    assert NetworkMembership.objects.approved().filter(user=anouk, network__is_closed=False)


def test_the_closed_network_article_as_a_visitor_anouk_and_bram(loaded_demo, client):
    article = ArticlePage.objects.get(slug="salarisonderzoek-leden-bedrijfsvoering")
    response = client.get(article.url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")

    client.force_login(User.objects.get(email="anouk.devries@lindenholt.example"))
    response = client.get(article.url)
    assert response.status_code == 403
    html = response.content.decode()
    assert f'href="/netwerken/{BEDRIJFSVOERING}/"' in html and article.title not in html

    client.force_login(User.objects.get(email="bram.jansen@bergambacht.example"))
    response = client.get(article.url)
    assert response.status_code == 200 and article.title in response.content.decode()
