"""HTML goes out compressed and with a Cache-Control that matches the page cache.

HTML is compressed for browsers that ask: an anonymous page once, when the page cache stores
it; a personal page afresh for each response (BREACH mitigation: random bytes in every gzip
header). Anonymous pages: ``max-age=0, must-revalidate, public`` with an ETag, so a browser or
proxy checks before every use and gets a 304 from the page cache. Personal pages (signed in,
a form with a CSRF token, a message): ``private, no-store`` and no ETag. See docs/caching.md.
"""

import gzip

import pytest

from django.http import HttpResponse
from django.test import RequestFactory

from vakgenoten.cache import PERSONAL_HTML, SHARED_HTML
from vakgenoten.middleware import TextGZipMiddleware

pytestmark = pytest.mark.django_db

PAGE = "/over-vakgenoten/"


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def test_cached_page_is_served_compressed_and_uncompressed_alike(client, home_page, page_cache_on):
    first = client.get(PAGE, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert first["X-Page-Cache"] == "miss"
    assert first["Content-Encoding"] == "gzip"
    assert "accept-encoding" in vary(first)
    html = gzip.decompress(first.content)
    assert b"Over Vakgenoten" in html

    hits = [client.get(PAGE, HTTP_ACCEPT_ENCODING="gzip") for _ in range(3)]
    assert {hit["X-Page-Cache"] for hit in hits} == {"hit"}
    assert {hit["Content-Encoding"] for hit in hits} == {"gzip"}
    assert all("accept-encoding" in vary(hit) for hit in hits)
    # Compressed once, when stored: a shared page holds no secret for BREACH to find, so
    # every hit serves the same bytes (docs/caching.md, "Compression and BREACH").
    assert {hit.content for hit in hits} == {first.content}
    assert gzip.decompress(first.content) == html

    # A client that does not accept gzip has an entry of its own.
    plain = client.get(PAGE)
    assert plain["X-Page-Cache"] == "miss"
    plain = client.get(PAGE)
    assert plain["X-Page-Cache"] == "hit"
    assert not plain.has_header("Content-Encoding")
    assert "accept-encoding" in vary(plain)
    assert plain.content == html


def test_personal_page_compresses_to_different_bytes_on_every_response(
    member_client, home_page, page_cache_on
):
    """Django's mitigation for pages that may hold a secret: random bytes in each gzip header."""
    responses = [member_client.get(PAGE, HTTP_ACCEPT_ENCODING="gzip") for _ in range(3)]
    assert {response["Content-Encoding"] for response in responses} == {"gzip"}
    assert len({response.content for response in responses}) > 1


def test_anonymous_page_may_be_kept_but_is_revalidated_from_the_page_cache(
    client, home_page, page_cache_on, django_assert_num_queries
):
    first = client.get(PAGE, HTTP_ACCEPT_ENCODING="gzip")
    assert first["Cache-Control"] == SHARED_HTML == "max-age=0, must-revalidate, public"
    etag = first["ETag"]
    assert etag

    with django_assert_num_queries(0):
        again = client.get(PAGE, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["Cache-Control"] == SHARED_HTML

    plain = client.get(PAGE)
    assert plain["Cache-Control"] == SHARED_HTML
    # The same page, compressed or not: the ETags name the same content.
    assert plain["ETag"].removeprefix("W/") == etag.removeprefix("W/")


def test_signed_in_members_pages_are_kept_nowhere(member_client, home_page, page_cache_on):
    response = member_client.get(PAGE, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Cache-Control"] == PERSONAL_HTML == "private, no-store"
    assert not response.has_header("ETag")
    assert not response.has_header("X-Page-Cache")
    assert response["Content-Encoding"] == "gzip"


def test_form_with_a_csrf_token_is_kept_nowhere(client, home_page, page_cache_on):
    client.get(PAGE)  # the visitor already has no cookie; now a page with a form
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    # Again with the CSRF cookie in hand: the token in the page is still this visitor's.
    assert "csrftoken" in client.cookies
    again = client.get("/accounts/login/")
    assert "no-store" in again["Cache-Control"] and "public" not in again["Cache-Control"]


def test_page_under_a_pending_message_is_personal(client, home_page, page_cache_on):
    client.cookies["messages"] = "pending"
    response = client.get(PAGE)
    assert response["Cache-Control"] == PERSONAL_HTML
    assert not response.has_header("X-Page-Cache")


def test_views_keep_their_own_cache_control(client, home_page, blog_index):
    feed = client.get(blog_index.url + "feed/rss/", HTTP_ACCEPT_ENCODING="gzip")
    assert feed.status_code == 200
    assert feed["Cache-Control"] == "public, max-age=900"


def test_downloads_are_not_compressed_again():
    middleware = TextGZipMiddleware(lambda request: HttpResponse(b"%PDF" + bytes(4000)))
    request = RequestFactory().get("/documenten/1/rapport.pdf", HTTP_ACCEPT_ENCODING="gzip")
    middleware.get_response = lambda request: HttpResponse(
        b"%PDF" + bytes(4000), content_type="application/pdf"
    )
    response = middleware(request)
    assert not response.has_header("Content-Encoding")
    assert len(response.content) == 4004
