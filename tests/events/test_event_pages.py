"""The agenda lists upcoming events first, with an archive and filters; event pages say it all."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from events.models import EventPage, EventStatus
from events.templatetags.event_tags import event_when
from taxonomy.models import Theme
from tests.factories import NetworkFactory, OrganisationFactory
from tests.vakgenoten.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_agenda_shows_upcoming_events_soonest_first_and_past_ones_in_the_archive(
    client, agenda, make_event
):
    now = timezone.now()
    later = make_event(title="Congres later", start=now + timedelta(days=40))
    sooner = make_event(title="Webinar binnenkort", start=now + timedelta(days=3))
    past = make_event(title="Ledendag geweest", start=now - timedelta(days=20))

    response = client.get(agenda.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(sooner.title) < html.index(later.title)
    assert past.title not in html
    assert_csp_clean(response)

    html = client.get(agenda.url, {"archief": "1"}).content.decode()
    assert past.title in html
    assert sooner.title not in html


def test_agenda_filters_by_kind_theme_and_network(client, agenda, make_event):
    theme = Theme.objects.create(name="Omgevingswet", slug="omgevingswet")
    other_network = NetworkFactory(name="Community Overheid", slug="community-overheid")
    webinar = make_event(title="Webinar Omgevingswet", kind="webinar", themes=[theme])
    congress = make_event(title="Congres Overheid", kind="congres", organiser_network=other_network)

    html = client.get(agenda.url, {"soort": "webinar"}).content.decode()
    assert webinar.title in html and congress.title not in html
    html = client.get(agenda.url, {"thema": "omgevingswet"}).content.decode()
    assert webinar.title in html and congress.title not in html
    html = client.get(agenda.url, {"netwerk": "community-overheid"}).content.decode()
    assert congress.title in html and webinar.title not in html
    # Unknown values are ignored instead of failing.
    html = client.get(agenda.url, {"soort": "feest", "thema": "bestaat-niet"}).content.decode()
    assert congress.title in html and webinar.title in html


def test_agenda_is_paginated(client, agenda, make_event):
    for _ in range(13):
        make_event()
    html = client.get(agenda.url).content.decode()
    assert "13 evenementen" in html
    assert 'aria-label="Paginering"' in html
    assert client.get(agenda.url, {"page": "2"}).status_code == 200


@pytest.mark.parametrize("count", [5, 60])
def test_agenda_query_count_does_not_grow_with_events(
    client, agenda, make_event, django_assert_max_num_queries, count
):
    from events.models import EventPage as Model

    template = make_event()
    # Bulk-copy the page's content cheaply: publishing 60 pages through Wagtail is slow.
    for number in range(1, count):
        template.copy(
            update_attrs={"slug": f"kopie-{number}", "title": f"Kopie {number}"},
            keep_live=True,
        )
    assert Model.objects.live().count() == count
    client.get(agenda.url)  # warm the site cache
    with django_assert_max_num_queries(14):
        response = client.get(agenda.url, {"page": "1"})
    assert response.status_code == 200


def test_event_page_has_schema_org_and_open_graph(client, make_event):
    event = make_event(
        title="Webinar de BIO",
        kind="webinar",
        venue_name="",
        venue_street="",
        venue_postal_code="",
        venue_city="",
        online_url="https://webinar.example/bio",
    )
    response = client.get(event.url)
    html = response.content.decode()
    assert_csp_clean(response)
    data = json.loads(JSON_LD.search(html).group(1))
    assert data["@type"] == "Event"
    assert data["name"] == "Webinar de BIO"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert "webinar.example" not in json.dumps(data)  # the link is for registered members
    assert data["offers"]["price"] == "0"
    assert data["isAccessibleForFree"] is True
    assert '<meta property="og:title" content="Webinar de BIO">' in html
    assert 'property="og:url"' in html


def test_an_event_pages_first_render_reads_its_picture_with_its_renditions(client, make_event):
    """One query for the picture, its sizes and its link preview, once they are made."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.blog.factories import make_image

    event = make_event(title="Congres met beeld", image=make_image(), image_alt="Een zaal")
    assert client.get(event.url).status_code == 200  # makes the renditions
    for cache in caches.all():
        cache.clear()

    with CaptureQueriesContext(connection) as first_render:
        html = client.get(event.url).content.decode()
    images = [q for q in first_render.captured_queries if 'FROM "wagtailimages_' in q["sql"]]
    assert len(images) == 1
    assert 'class="event-image"' in html and "<picture" in html
    assert 'property="og:image" content="http' in html
    data = json.loads(JSON_LD.search(html).group(1))
    assert data["image"][0].startswith("http") and data["image"][0].endswith(".jpg")


def test_event_on_site_has_a_place_with_address(client, event):
    html = client.get(event.url).content.decode()
    data = json.loads(JSON_LD.search(html).group(1))
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {
        "@type": "Place",
        "name": "Stadskantoor Lindenholt",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Marktplein 1",
            "postalCode": "6541 CD",
            "addressLocality": "Lindenholt",
            "addressCountry": "NL",
        },
    }
    assert data["organizer"]["name"] == "Netwerk Bedrijfsvoering"
    assert data["organizer"]["url"].startswith("http://testserver/")
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    # Visitors read the same address.
    assert "<address>Marktplein 1<br>6541 CD Lindenholt</address>" in html


def test_hybrid_event_has_a_place_and_a_virtual_location(client, make_event):
    event = make_event(online_url="https://webinar.example/hybride")
    data = json.loads(JSON_LD.search(client.get(event.url).content.decode()).group(1))
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][1]["url"] == f"http://testserver{event.url}"


def test_cancelled_event_says_so_to_visitors_and_search_engines(client, make_event):
    event = make_event(title="Ledendag Noord", status=EventStatus.CANCELLED)
    html = client.get(event.url).content.decode()
    data = json.loads(JSON_LD.search(html).group(1))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert '<p class="event-header__status"><strong>Afgelast</strong></p>' in html
    assert "Dit evenement gaat niet door. Aanmelden kan niet." in html


def test_event_moved_online_is_an_online_event_without_its_venue(client, make_event):
    event = make_event(status=EventStatus.MOVED_ONLINE, online_url="https://webinar.example/x")
    data = json.loads(JSON_LD.search(client.get(event.url).content.decode()).group(1))
    assert data["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"


def test_event_without_registration_offers_nothing(client, make_event):
    event = make_event(registration_enabled=False)
    data = json.loads(JSON_LD.search(client.get(event.url).content.decode()).group(1))
    assert "offers" not in data


def test_event_dates_are_shown_in_amsterdam_time_in_dutch(event):
    amsterdam = timezone.get_default_timezone()
    with translation.override("nl"):
        event.start = datetime(2027, 3, 12, 9, 30, tzinfo=amsterdam)
        event.end = datetime(2027, 3, 13, 16, 0, tzinfo=amsterdam)
        assert event_when(event) == "vr 12 – za 13 maart 2027"
        event.end = datetime(2027, 3, 12, 17, 0, tzinfo=amsterdam)
        assert event_when(event) == "vr 12 maart 2027, 9.30 – 17.00 uur"
        event.start = datetime(2027, 6, 30, 10, 0, tzinfo=amsterdam)
        event.end = datetime(2027, 7, 1, 16, 0, tzinfo=amsterdam)
        assert event_when(event) == "wo 30 juni – do 1 juli 2027"
        # UTC input is shown in Amsterdam time (winter: UTC+1).
        event.start = datetime(2027, 1, 5, 8, 0, tzinfo=UTC)
        event.end = datetime(2027, 1, 5, 11, 0, tzinfo=UTC)
        assert event_when(event) == "di 5 januari 2027, 9.00 – 12.00 uur"


def test_programme_is_shown_per_day(client, make_event):
    start = timezone.make_aware(datetime(2030, 3, 14, 9, 30))
    day1, day2 = start.date(), start.date() + timedelta(days=1)
    event = make_event(
        start=start,
        end=start + timedelta(days=1, hours=7),
        programme=json.dumps(
            [
                {
                    "type": "session",
                    "value": {
                        "day": str(day1),
                        "start_time": "10:00",
                        "end_time": "11:00",
                        "title": "Opening",
                        "speakers": "Anouk de Vries",
                        "room": "Grote zaal",
                        "description": "",
                    },
                },
                {
                    "type": "session",
                    "value": {
                        "day": str(day2),
                        "start_time": "09:30",
                        "end_time": None,
                        "title": "Werksessies",
                        "speakers": "",
                        "room": "",
                        "description": "",
                    },
                },
            ]
        ),
    )
    html = client.get(event.url).content.decode()
    assert "Donderdag 14 maart 2030" in html
    assert "Vrijdag 15 maart 2030" in html
    assert html.index("Opening") < html.index("Werksessies")
    assert "Zaal: Grote zaal" in html


def test_event_needs_an_organiser_an_end_after_start_and_alt_text(event):
    event.organiser_network = None
    event.organiser_organisation = None
    event.end = event.start - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "organiser_network" in error.value.message_dict
    assert "end" in error.value.message_dict

    event.organiser_organisation = OrganisationFactory()
    event.end = event.start + timedelta(hours=2)
    event.full_clean()


def test_capacity_cannot_drop_below_the_registrations(event):
    from events.models import Registration
    from tests.factories import UserFactory

    for seat in (1, 2, 3):
        Registration.objects.create(event=event, user=UserFactory(), seat=seat)
    event.capacity = 2
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "capacity" in error.value.message_dict


def test_agenda_can_only_live_under_the_home_page_once(agenda, home_page):
    from events.models import EventIndexPage

    assert EventIndexPage.can_create_at(home_page) is False
    assert EventPage.can_create_at(agenda) is True
    assert EventPage.can_create_at(home_page) is False


def test_home_page_shows_the_next_three_events(client, make_event):
    now = timezone.now()
    events = [
        make_event(title=f"Evenement {n}", start=now + timedelta(days=n)) for n in (1, 2, 3, 4)
    ]
    make_event(title="Al geweest", start=now - timedelta(days=3))
    html = client.get("/").content.decode()
    for event in events[:3]:
        assert event.title in html
    assert events[3].title not in html
    assert "Al geweest" not in html
    assert "Bekijk de hele agenda" in html


def test_the_home_page_links_to_the_agenda_whatever_its_slug(client, agenda, make_event):
    make_event(title="Ledendag", start=timezone.now() + timedelta(days=3))
    agenda.slug = "evenementen-en-webinars"
    agenda.save_revision().publish()
    html = client.get("/").content.decode()
    assert '<a href="/evenementen-en-webinars/">Bekijk de hele agenda</a>' in html
