"""Browsers and phones find the site's icons and web manifest at the names they ask for, served
by whitenoise with a week's cache and linked from every page."""

import io
import json

import pytest
from PIL import Image

from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


def content(response):
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "path,content_type,size",
    [
        ("/favicon.ico", "image/x-icon", None),
        ("/apple-touch-icon.png", "image/png", (180, 180)),
        ("/icon-192.png", "image/png", (192, 192)),
        ("/icon-512.png", "image/png", (512, 512)),
    ],
)
def test_browser_finds_each_icon(client, path, content_type, size):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Cache-Control"] == "public, max-age=604800"
    image = Image.open(io.BytesIO(content(response)))
    if size:
        assert image.size == size
    else:
        assert image.format == "ICO"
        assert {(16, 16), (32, 32)} <= image.info["sizes"]


def test_web_manifest_is_dutch_and_names_its_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(content(response))
    assert manifest["lang"] == "nl"
    assert manifest["name"] == manifest["short_name"] == "Vakgenoten"
    assert manifest["start_url"] == "/"
    # The design tokens: --vg-brand-petrol-700 and the light background.
    assert (manifest["theme_color"], manifest["background_color"]) == ("#0f5465", "#ffffff")
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert sizes == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert client.get(icon["src"])["Content-Type"] == icon["type"] == "image/png"


def test_every_page_links_icons_manifest_and_theme_colour(client, home_page):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert 'type="image/svg+xml"' in html
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in html
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="theme-color"' in html


def test_the_standalone_error_page_links_the_icons_too(client):
    html = render_to_string("500.html")
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
