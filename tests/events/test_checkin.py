"""Check-in at the door: codes and QR codes, the organiser's check-in page, attendance.

An organiser types or scans a code; a GET only shows the person, the POST behind the button
records the first moment once. Waiting-list and cancelled registrations and codes of other
events are refused with a Dutch warning; organisers of another network get a 403.
"""

import base64
import re

import pytest

from django.conf import settings
from django.core import mail
from django.test import Client

from events.checkin import check_in, checkin_url, display_code, normalise_code, qr_png, qr_svg
from events.models import Registration
from events.registration import cancel, register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url_for(event):
    return f"/evenementen/{event.pk}/inchecken/"


@pytest.fixture
def attendee(event):
    member = UserFactory(first_name="Fatima", last_name="El Amrani")
    return register(event, user=member, notify=False).registration


def test_codes_are_read_without_case_spaces_or_dashes():
    assert normalise_code(" abcd-2345 ") == "ABCD2345"
    assert normalise_code("abcd 2345") == "ABCD2345"
    assert normalise_code("ABCD\u20132345") == "ABCD2345"
    assert display_code("ABCD2345") == "ABCD 2345"


def test_the_qr_code_opens_the_organisers_check_in_page_with_the_code(attendee):
    url = checkin_url(attendee)
    assert (
        url
        == f"{settings.SITE_URL}/evenementen/{attendee.event_id}/inchecken/?code={attendee.code}"
    )
    svg = qr_svg(attendee)
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert "style=" not in svg  # the strict CSP allows no style attributes
    assert qr_png(attendee).startswith(b"\x89PNG")


def test_member_sees_code_and_qr_on_my_events(client, attendee):
    client.force_login(attendee.user)
    html = client.get("/mijn-evenementen/").content.decode()
    assert display_code(attendee.code) in html
    assert 'class="checkin-code__svg"' in html
    assert f"QR-code voor inchecken met code {display_code(attendee.code)}" in html
    assert not re.search(r"<[^>]+\sstyle=", html)


def test_waiting_list_shows_no_code(client, make_event):
    full = make_event(capacity=1)
    register(full, user=UserFactory(), notify=False)
    waiting = register(full, user=UserFactory(), notify=False).registration
    assert waiting.status == Registration.Status.WAITING
    client.force_login(waiting.user)
    html = client.get("/mijn-evenementen/").content.decode()
    assert display_code(waiting.code) not in html
    assert "checkin-code__svg" not in html


def test_confirmation_email_carries_the_code_and_the_qr_as_png(event, run_on_commit):
    member = UserFactory(first_name="Joost", last_name="Bakker")
    with run_on_commit():
        registration = register(event, user=member).registration
    message = mail.outbox[-1]
    assert f"Je code om in te checken: {display_code(registration.code)}" in message.body
    pngs = [item for item in message.attachments if item[2] == "image/png"]
    assert len(pngs) == 1
    filename, content, _mimetype = pngs[0]
    assert filename == f"code-{registration.code}.png"
    assert content.startswith(b"\x89PNG")


def test_promotion_email_carries_the_code_too(make_event, run_on_commit):
    full = make_event(capacity=1)
    first = register(full, user=UserFactory(), notify=False).registration
    waiting = register(full, user=UserFactory(), notify=False).registration
    with run_on_commit():
        cancel(first)
    promoted = [m for m in mail.outbox if m.to == [waiting.user.email]][-1]
    assert display_code(waiting.code) in promoted.body
    assert any(item[2] == "image/png" for item in promoted.attachments)


def test_outbox_keeps_the_png_as_base64_text(event):
    from vakgenoten.models import OutgoingEmail

    registration = register(event, user=UserFactory()).registration
    stored = OutgoingEmail.objects.get(key=f"events:confirmed:{registration.pk}")
    png = [item for item in stored.attachments if item[2] == "image/png"][0]
    assert png[3] == "base64"
    assert base64.b64decode(png[1]).startswith(b"\x89PNG")


def test_opening_the_qr_link_shows_the_person_and_changes_nothing(organiser_client, attendee):
    from tests.factories import OrganisationFactory

    attendee.user.profile.organisation = OrganisationFactory(name="Gemeente Oosterdijk")
    attendee.user.profile.save()
    response = organiser_client.get(url_for(attendee.event), {"code": attendee.code.lower()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fatima El Amrani" in html
    assert "Gemeente Oosterdijk" in html
    assert "Aanwezig melden" in html
    attendee.refresh_from_db()
    assert attendee.checked_in_at is None


def test_organiser_checks_someone_in_by_typing_the_code(organiser_client, organiser, attendee):
    typed = f"{attendee.code[:4].lower()}-{attendee.code[4:].lower()}"
    response = organiser_client.post(url_for(attendee.event), {"code": typed}, follow=True)
    html = response.content.decode()
    assert "Fatima El Amrani is aanwezig gemeld." in html
    assert "1</strong> van 1 aanwezig" in html
    attendee.refresh_from_db()
    assert attendee.checked_in_at is not None
    assert attendee.checked_in_by == organiser


def test_a_second_scan_says_already_present_and_keeps_the_first_time(organiser_client, attendee):
    url = url_for(attendee.event)
    organiser_client.post(url, {"code": attendee.code})
    attendee.refresh_from_db()
    first = attendee.checked_in_at
    response = organiser_client.post(url, {"code": attendee.code}, follow=True)
    html = response.content.decode()
    assert "was al aanwezig gemeld om" in html
    assert re.search(r"om \d{1,2}\.\d{2} uur", html)
    attendee.refresh_from_db()
    assert attendee.checked_in_at == first


def test_check_in_is_recorded_once(attendee, organiser, make_organiser, network):
    other = make_organiser(network, email="tweede@gemeente.example")
    assert check_in(attendee, organiser).newly is True
    again = check_in(Registration.objects.get(pk=attendee.pk), other)
    assert again.newly is False
    attendee.refresh_from_db()
    assert attendee.checked_in_by == organiser


def test_undo_takes_the_check_in_back(organiser_client, attendee):
    url = url_for(attendee.event)
    organiser_client.post(url, {"code": attendee.code})
    response = organiser_client.post(url, {"code": attendee.code, "actie": "ongedaan"}, follow=True)
    assert "ongedaan gemaakt" in response.content.decode()
    attendee.refresh_from_db()
    assert attendee.checked_in_at is None and attendee.checked_in_by is None


def test_waiting_list_is_not_checked_in(organiser_client, make_event):
    full = make_event(capacity=1)
    register(full, user=UserFactory(), notify=False)
    waiting = register(full, guest_name="Sanne Visser", notify=False).registration
    response = organiser_client.post(url_for(full), {"code": waiting.code})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Sanne Visser staat op de wachtlijst en heeft geen plaats" in html
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None


def test_cancelled_registration_is_not_checked_in(organiser_client, attendee):
    cancel(attendee, notify=False)
    response = organiser_client.post(url_for(attendee.event), {"code": attendee.code})
    assert "heeft zich afgemeld. Niet aanwezig gemeld." in response.content.decode()
    attendee.refresh_from_db()
    assert attendee.checked_in_at is None


def test_a_code_of_another_event_is_refused_without_showing_the_person(
    organiser_client, event, other_event
):
    stranger = register(other_event, guest_name="Mirjam Visser", notify=False).registration
    response = organiser_client.post(url_for(event), {"code": stranger.code})
    html = response.content.decode()
    assert "Deze code hoort bij een ander evenement" in html
    assert "Mirjam Visser" not in html
    stranger.refresh_from_db()
    assert stranger.checked_in_at is None


def test_an_unknown_or_empty_code_gets_a_dutch_error_and_keeps_what_was_typed(
    organiser_client, event
):
    response = organiser_client.post(url_for(event), {"code": "zzzz-9999"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "De code ZZZZ 9999 is onbekend" in html
    response = organiser_client.post(url_for(event), {"code": ""})
    assert response.status_code == 400
    assert "Vul de code in." in response.content.decode()


def test_checking_in_needs_csrf(organiser, attendee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)
    response = client.post(url_for(attendee.event), {"code": attendee.code})
    assert response.status_code == 403
    attendee.refresh_from_db()
    assert attendee.checked_in_at is None


def test_organiser_of_another_network_may_not_check_in(
    client, make_organiser, other_network, attendee
):
    client.force_login(make_organiser(other_network, email="ander@gemeente.example"))
    url = url_for(attendee.event)
    assert client.get(url, {"code": attendee.code}).status_code == 403
    assert client.post(url, {"code": attendee.code}).status_code == 403
    attendee.refresh_from_db()
    assert attendee.checked_in_at is None


def test_members_get_403_and_visitors_the_login(client, attendee):
    url = url_for(attendee.event)
    response = client.get(url, {"code": attendee.code})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(attendee.user)
    assert client.get(url).status_code == 403


def test_the_list_searches_by_name_and_counts_who_is_present(organiser_client, event, attendee):
    register(
        event, guest_name="Joost Bakker", guest_organisation="Gemeente Westerveen", notify=False
    )
    register(event, guest_name="Bram Jansen", notify=False)
    organiser_client.post(url_for(event), {"code": attendee.code})
    html = organiser_client.get(url_for(event)).content.decode()
    assert "1</strong> van 3 aanwezig" in html
    html = organiser_client.get(url_for(event), {"zoek": "bakk"}).content.decode()
    assert "Joost Bakker" in html
    assert "Gemeente Westerveen" in html
    assert "Bram Jansen" not in html


def test_the_registrations_page_in_the_admin_links_to_check_in(organiser_client, event):
    html = organiser_client.get(f"/admin/aanmeldingen/{event.pk}/").content.decode()
    assert f'href="/evenementen/{event.pk}/inchecken/"' in html


def test_the_check_in_list_takes_the_same_queries_for_many_people(
    organiser_client, organiser, event, django_assert_max_num_queries
):
    url = url_for(event)
    first = register(event, user=UserFactory(), notify=False).registration
    check_in(first, organiser)
    organiser_client.get(url)
    with django_assert_max_num_queries(40) as few:
        response = organiser_client.get(url, {"code": first.code})
    assert response.status_code == 200
    for number in range(20):
        member = register(event, user=UserFactory(), notify=False).registration
        check_in(member, organiser) if number % 2 else None
        register(event, guest_name="Gast Voorbeeld", notify=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = organiser_client.get(url, {"code": first.code})
    assert "11</strong> van 41 aanwezig" in response.content.decode()


def test_check_in_page_and_the_code_on_my_events_are_valid_html(
    tmp_path, organiser_client, client, make_event, attendee
):
    from tests.accessibility.test_html_validity import check_folder, readable

    full = make_event(capacity=1)
    register(full, user=UserFactory(), notify=False)
    waiting = register(full, guest_name="Sanne Visser", notify=False).registration
    url = url_for(attendee.event)
    pages = {
        "leeg": organiser_client.get(url),
        "persoon": organiser_client.get(url, {"code": attendee.code}),
        "fout": organiser_client.post(url, {"code": ""}),
        "wachtlijst": organiser_client.get(url_for(full), {"code": waiting.code}),
    }
    organiser_client.post(url, {"code": attendee.code})
    pages["aanwezig"] = organiser_client.get(url, {"code": attendee.code})
    client.force_login(attendee.user)
    pages["mijn-evenementen"] = client.get("/mijn-evenementen/")
    for name, response in pages.items():
        (tmp_path / f"{name}.html").write_bytes(response.content)
    errors = check_folder(tmp_path)
    assert errors == [], readable(errors)


def test_only_the_check_in_page_may_use_the_camera(organiser_client, event):
    response = organiser_client.get(url_for(event))
    assert "camera=(self)" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "camera=()" in organiser_client.get("/mijn-evenementen/")["Permissions-Policy"]
