"""'Data aanmaken' in the admin: editors for every series, organisers only for their own
network's or organisation's series; the series' form in Dutch."""

from datetime import date, datetime, time

import pytest

from django.utils import timezone

from events.models import EventPage, EventSeries, Frequency, Weekday, WeekOfMonth

pytestmark = pytest.mark.django_db

REFUSED = (302, 403, 404)
FIRST_DAY = date(2030, 1, 1)


def at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def make_series(model, slug):
    return EventSeries.objects.create(
        title=model.title,
        slug=slug,
        frequency=Frequency.MONTHLY_WEEKDAY,
        week_of_month=WeekOfMonth.FIRST,
        weekday=Weekday.TUESDAY,
        first_date=FIRST_DAY,
        start_time=time(10),
        end_time=time(11),
        count=3,
        model_event=model,
    )


@pytest.fixture
def own_series(make_event):
    model = make_event(
        title="Webinar Bedrijfsvoering", start=at(date(2030, 1, 1), 10), end=at(FIRST_DAY, 11)
    )
    return make_series(model, "webinar-bedrijfsvoering")


@pytest.fixture
def others_series(make_event, other_network):
    model = make_event(
        title="Webinar Sociaal Domein",
        organiser_network=other_network,
        start=at(FIRST_DAY, 10),
        end=at(FIRST_DAY, 11),
    )
    return make_series(model, "webinar-sociaal-domein")


def generate_url(series):
    return f"/admin/reeksen/{series.pk}/data/"


def test_editor_sees_what_will_happen_and_makes_the_dates_once(client, editor, own_series):
    client.force_login(editor)
    response = client.get(generate_url(own_series))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Wordt aangemaakt") == 3
    assert "Webinar Bedrijfsvoering" in html
    response = client.post(generate_url(own_series), follow=True)
    # 1 January 2030 is the first Tuesday: the model event is that date.
    assert "2 data aangemaakt (gepubliceerd). 1 datum bestond al." in response.content.decode()
    assert own_series.occurrences.count() == 3
    response = client.post(generate_url(own_series), follow=True)
    assert "Alle data bestaan al." in response.content.decode()
    assert own_series.occurrences.count() == 3
    assert response.content.decode().count("Bestaat al") == 3


def test_organiser_makes_the_dates_of_their_own_series(organiser_client, organiser, own_series):
    response = organiser_client.post(generate_url(own_series))
    assert response.status_code == 302
    assert own_series.occurrences.count() == 3
    copies = own_series.occurrences.exclude(pk=own_series.model_event_id)
    assert set(copies.values_list("owner", flat=True)) == {organiser.pk}


def test_organiser_cannot_make_or_see_another_networks_series(organiser_client, others_series):
    assert organiser_client.get(generate_url(others_series)).status_code in REFUSED
    assert organiser_client.post(generate_url(others_series)).status_code in REFUSED
    assert others_series.occurrences.count() == 0
    edit = f"/admin/snippets/events/eventseries/edit/{others_series.pk}/"
    assert organiser_client.get(edit).status_code in REFUSED
    delete = f"/admin/snippets/events/eventseries/delete/{others_series.pk}/"
    assert organiser_client.post(delete).status_code in REFUSED
    assert EventSeries.objects.filter(pk=others_series.pk).exists()


def test_organiser_lists_only_their_own_series(organiser_client, own_series, others_series):
    response = organiser_client.get("/admin/snippets/events/eventseries/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Webinar Bedrijfsvoering" in html
    assert "Webinar Sociaal Domein" not in html


def test_member_without_rights_cannot_make_dates(client, member, own_series):
    client.force_login(member)
    assert client.post(generate_url(own_series)).status_code in REFUSED
    assert own_series.occurrences.count() == 0


def test_the_series_edit_screen_has_the_button(organiser_client, own_series):
    response = organiser_client.get(f"/admin/snippets/events/eventseries/edit/{own_series.pk}/")
    assert response.status_code == 200
    assert generate_url(own_series) in response.content.decode()
    assert "Data aanmaken" in response.content.decode()


def series_form(**fields):
    data = {
        "title": "Algemene ledenvergadering",
        "slug": "alv",
        "intro": "",
        "model_event": "",
        "frequency": Frequency.MONTHLY_WEEKDAY,
        "interval": "1",
        "week_of_month": "",
        "weekday": "",
        "first_date": "2030-01-01",
        "start_time": "10:00",
        "end_time": "11:00",
        "until": "",
        "count": "",
        "exceptions-TOTAL_FORMS": "0",
        "exceptions-INITIAL_FORMS": "0",
        "exceptions-MIN_NUM_FORMS": "0",
        "exceptions-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_the_form_says_in_dutch_what_the_rule_lacks_and_keeps_what_was_typed(
    organiser_client,
):
    response = organiser_client.post(
        "/admin/snippets/events/eventseries/add/", series_form(title="ALV Bedrijfsvoering")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies de weekdag, bijvoorbeeld dinsdag." in html
    assert "Laat de reeks eindigen: vul een einddatum of een aantal keer in." in html
    assert 'value="ALV Bedrijfsvoering"' in html
    assert not EventSeries.objects.exists()


def test_organiser_cannot_pick_another_networks_event_as_model(
    organiser_client, make_event, other_network
):
    theirs = make_event(organiser_network=other_network)
    response = organiser_client.post(
        "/admin/snippets/events/eventseries/add/",
        series_form(
            frequency=Frequency.YEARLY, count="3", model_event=str(theirs.pk), slug="alv-x"
        ),
    )
    assert response.status_code == 200
    assert "Kies een evenement dat je zelf mag bewerken" in response.content.decode()


def test_organiser_adds_a_yearly_series(organiser_client, make_event):
    own = make_event(title="ALV Bedrijfsvoering")
    response = organiser_client.post(
        "/admin/snippets/events/eventseries/add/",
        series_form(frequency=Frequency.YEARLY, count="3", model_event=str(own.pk)),
    )
    assert response.status_code == 302
    series = EventSeries.objects.get(slug="alv")
    assert series.model_event == EventPage.objects.get(pk=own.pk)
    assert series.description == "Elk jaar op 1 januari, 10.00–11.00 uur"
