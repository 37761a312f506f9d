"""The anonymous problem-report form is limited per visitor address, and however many visitors
report, the editors get a bounded number of e-mails; a refused report keeps what was typed.

The probe sent 25 reports in one second, and the editors got 25 e-mails.
"""

import pytest

from django.test import Client

from tests.concurrency import at_once
from vakgenoten.models import ProblemReport

pytestmark = pytest.mark.django_db


def report(client, number=0):
    return client.post(
        "/probleem-melden/",
        {
            "message": f"De link naar het jaarverslag werkt niet (melding {number}).",
            "page_url": "/over-vakgenoten/",
            "name": "Anouk de Vries",
            "email": "anouk@gemeente.example",
            "website": "",
        },
    )


def test_visitor_cannot_send_more_reports_than_the_limit(
    client, home_page, settings, mailoutbox, django_capture_on_commit_callbacks
):
    amount = settings.SITE_RATE_LIMITS["report_problem"][0]
    with django_capture_on_commit_callbacks(execute=True):
        responses = [report(client, number) for number in range(amount + 20)]

    assert [response.status_code for response in responses[:amount]] == [302] * amount
    assert {response.status_code for response in responses[amount:]} == {429}
    assert ProblemReport.objects.count() == amount
    assert len(mailoutbox) == amount


def test_refused_report_explains_in_dutch_and_keeps_what_was_typed(client, home_page, settings):
    for number in range(settings.SITE_RATE_LIMITS["report_problem"][0]):
        report(client, number)
    response = report(client, 99)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Je hebt in korte tijd al veel meldingen gestuurd" in html
    assert "Probeer het over 1 uur opnieuw" in html
    assert "(melding 99)" in html
    assert 'value="Anouk de Vries"' in html
    assert 'value="anouk@gemeente.example"' in html
    assert 'value="/over-vakgenoten/"' in html


def test_another_visitor_can_still_report(client, home_page, settings):
    for number in range(settings.SITE_RATE_LIMITS["report_problem"][0] + 1):
        report(client, number)
    assert report(Client(REMOTE_ADDR="192.0.2.20")).status_code == 302


def test_honeypot_senders_are_limited_too(client, home_page, settings):
    amount = settings.SITE_RATE_LIMITS["report_problem"][0]
    for _ in range(amount):
        client.post("/probleem-melden/", {"message": "Koop nu", "website": "http://spam.example"})
    assert report(client).status_code == 429


def test_editors_get_a_bounded_number_of_emails_from_many_visitors(
    home_page, settings, mailoutbox, django_capture_on_commit_callbacks
):
    mails = settings.SITE_RATE_LIMITS["report_problem_mail"][0]
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(mails + 5):
            visitor = Client(REMOTE_ADDR=f"192.0.2.{number + 1}")
            assert report(visitor, number).status_code == 302
    assert ProblemReport.objects.count() == mails + 5  # every report waits in the admin
    assert len(mailoutbox) == mails


@pytest.mark.django_db(transaction=True)
def test_simultaneous_reports_from_one_visitor_stay_within_the_limit(home_page, settings, tmp_path):
    amount = settings.SITE_RATE_LIMITS["report_problem"][0]
    clients = [Client(REMOTE_ADDR="198.51.100.7") for _ in range(amount + 10)]
    calls = [lambda client=client, n=n: report(client, n) for n, client in enumerate(clients)]
    responses = at_once(calls, tmp_path)
    assert [response.status_code for response in responses].count(302) == amount
    assert ProblemReport.objects.count() == amount
