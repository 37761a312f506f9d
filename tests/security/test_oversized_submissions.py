"""A submission larger than the site accepts gets a Dutch page that says how to keep the text.

Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE (5 MB); the visitor saw a bare
"Bad Request (400)" in English and did not know their text was still one step back.
"""

import pytest

pytestmark = pytest.mark.django_db


def test_an_oversized_form_gets_a_dutch_page(client, home_page, settings):
    body = {"message": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    response = client.post("/probleem-melden/", body)
    assert response.status_code == 413
    html = response.content.decode()
    assert "Wat je verstuurde is te groot" in html
    assert "terugknop" in html
    assert '<html lang="nl">' in html


def test_an_unreadable_request_gets_a_dutch_page(client, home_page):
    # Too many fields (Django's DATA_UPLOAD_MAX_NUMBER_FIELDS) is refused the same way.
    fields = "&".join(f"veld{number}=1" for number in range(1100))
    response = client.post(
        "/probleem-melden/", fields, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "Wat je verstuurde is te groot" in response.content.decode()


def test_a_bad_request_page_is_dutch(client, home_page):
    response = client.get("/", HTTP_HOST="niet-deze-site.example")
    assert response.status_code == 400
    assert "Dit verzoek konden we niet verwerken" in response.content.decode()
