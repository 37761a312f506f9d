"""Readers report a problem from the footer; the report reaches the editors."""

import pytest

from vakgenoten.models import ProblemReport

pytestmark = pytest.mark.django_db


def test_reader_reports_a_problem_and_editors_get_an_email(
    client, home_page, mailoutbox, django_capture_on_commit_callbacks
):
    response = client.get("/probleem-melden/", {"pagina": "/over-vakgenoten/"})
    assert response.status_code == 200
    assert 'value="/over-vakgenoten/"' in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/probleem-melden/",
            {
                "message": "De link naar het jaarverslag werkt niet.",
                "page_url": "/over-vakgenoten/",
                "name": "Anouk de Vries",
                "email": "anouk@gemeente.example",
                "website": "",
            },
            follow=True,
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bedankt" in html
    assert 'href="/over-vakgenoten/"' in html

    report = ProblemReport.objects.get()
    assert report.message == "De link naar het jaarverslag werkt niet."
    assert report.status == ProblemReport.Status.NEW
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["redactie@vakgenoten.example"]
    assert "jaarverslag" in mailoutbox[0].body


def test_empty_report_gets_a_dutch_message_and_keeps_what_was_typed(client, home_page):
    response = client.post(
        "/probleem-melden/",
        {"message": "   ", "name": "Bram Jansen", "email": "geen-adres", "page_url": "/x/"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beschrijf het probleem" in html
    assert "Vul een geldig e-mailadres in" in html
    assert 'value="Bram Jansen"' in html
    assert 'value="geen-adres"' in html
    assert ProblemReport.objects.count() == 0


def test_too_long_report_is_refused_with_the_count(client, home_page):
    response = client.post("/probleem-melden/", {"message": "a" * 5001})
    assert response.status_code == 200
    assert "5001" in response.content.decode()


def test_honeypot_submissions_are_dropped_quietly(client, home_page, mailoutbox):
    response = client.post(
        "/probleem-melden/",
        {"message": "Koop nu goedkoop", "website": "http://spam.example"},
        follow=True,
    )
    assert response.status_code == 200
    assert ProblemReport.objects.count() == 0
    assert mailoutbox == []


def test_return_link_never_points_off_site(client, home_page):
    client.post(
        "/probleem-melden/",
        {"message": "Iets werkt niet", "page_url": "https://evil.example/"},
    )
    response = client.get("/probleem-melden/verzonden/")
    assert "evil.example" not in response.content.decode()
