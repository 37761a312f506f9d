"""Editors' uploads in the Wagtail admin: disguised files, polyglots, pixel floods and oversized
files are refused with a clear message and the rest of the form kept; documents are served as
downloads with nosniff. (Profile photos have their own tests in tests/members.)"""

import io
import struct
import zipfile
import zlib

import pytest
from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.blog.factories import with_second_factor
from tests.factories import UserFactory

IMAGE_ADD = "/admin/images/add/"
DOCUMENT_ADD = "/admin/documents/add/"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
PAGE = b"<!DOCTYPE html><html><body><script>alert(document.domain)</script></body></html>"


@pytest.fixture
def editor_client(client, db):
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(with_second_factor(editor))
    return client


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#0f5465").save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#b9c2c8").save(buffer, format="JPEG")
    return buffer.getvalue()


def gif_bytes(comment):
    """A real GIF whose comment block holds script: the classic GIF/JavaScript polyglot."""
    buffer = io.BytesIO()
    PILImage.new("P", (40, 30)).save(buffer, format="GIF", comment=comment)
    return buffer.getvalue()


def pdf_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 80), "white").save(buffer, format="PDF")
    return buffer.getvalue()


def png_claiming(width, height):
    """A tiny PNG whose header claims ``width`` x ``height`` pixels: a pixel flood."""
    data = png_bytes((1, 1))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return data[:8] + ihdr + data[8 + len(ihdr) :]


def upload_image(client, name, content, title="Kaart van de wijk"):
    file = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(IMAGE_ADD, {"title": title, "file": file, "collection": 1})


def upload_document(client, name, content, title="Jaarverslag omgevingsloket"):
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(DOCUMENT_ADD, {"title": title, "file": file, "collection": 1})


def refused(response, expected, title):
    """The form came back (no redirect) with one message on the file that contains
    ``expected``, shown on the page, and the title the editor typed still filled in."""
    assert response.status_code == 200
    messages = [str(message) for message in response.context["form"].errors.get("file", [])]
    assert len(messages) == 1 and expected in messages[0], messages
    text = response.content.decode()
    assert escape(messages[0]) in text
    assert f'value="{title}"' in text


def test_a_real_image_is_accepted(editor_client):
    response = upload_image(editor_client, "wijk.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Kaart van de wijk").exists()


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("logo.png", SVG, "hoort niet bij het bestandsformaat (svg)"),
        ("logo.svg", SVG, "Geen ondersteund afbeeldingsformaat"),
        ("foto.jpg", PAGE, "hoort niet bij het bestandsformaat (svg)"),
        ("foto.png", b"GIF89a" + PAGE, "hoort niet bij het bestandsformaat (gif)"),
    ],
    ids=["svg-as-png", "svg", "html-as-jpg", "gif-header-on-html"],
)
def test_svg_or_a_web_page_is_never_an_image(editor_client, name, content, expected):
    response = upload_image(editor_client, name, content)
    refused(response, expected, "Kaart van de wijk")
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("wijk.png", png_bytes() + PAGE),
        ("wijk.jpg", jpeg_bytes()[:-2] + SVG + b"\xff\xd9"),
        ("wijk.gif", gif_bytes(comment=b"*/<sCrIpT>alert(1)</sCrIpT>/*")),
    ],
    ids=["png-then-html", "jpeg-with-svg-inside", "gif-script-polyglot"],
)
def test_an_image_that_also_carries_a_page_or_script_is_refused(editor_client, name, content):
    response = upload_image(editor_client, name, content)
    refused(response, "code voor een webpagina", "Kaart van de wijk")
    assert not get_image_model().objects.exists()


def test_a_damaged_image_is_refused_instead_of_crashing(editor_client):
    """Starts like a PNG, but its header chunk is garbage: Pillow cannot read it."""
    damaged = png_bytes()[:16] + b"\x00garbage" + png_bytes()[25:]
    response = upload_image(editor_client, "wijk.png", damaged)
    refused(response, "beschadigd of onleesbaar", "Kaart van de wijk")
    assert not get_image_model().objects.exists()


def test_a_pixel_flood_is_refused_without_decoding_it(editor_client):
    response = upload_image(editor_client, "flood.png", png_claiming(60_000, 60_000))
    refused(response, "teveel pixels", "Kaart van de wijk")
    assert not get_image_model().objects.exists()


def test_an_image_over_the_size_limit_is_refused(editor_client, settings):
    oversized = png_bytes() + bytes(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    response = upload_image(editor_client, "groot.png", oversized)
    refused(response, "te groot", "Kaart van de wijk")
    assert not get_image_model().objects.exists()


def test_a_real_pdf_is_accepted_and_served_as_a_download_with_nosniff(editor_client, client):
    response = upload_document(editor_client, "jaarverslag.pdf", pdf_bytes())
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Jaarverslag omgevingsloket")
    client.logout()
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(served.streaming_content).startswith(b"%PDF-")


def test_office_and_text_documents_are_accepted(editor_client):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
    assert upload_document(editor_client, "begroting.xlsx", archive.getvalue()).status_code == 302
    csv = "gemeente;aanvragen\nSúdwest-Fryslân;412\n".encode()
    assert upload_document(editor_client, "cijfers.csv", csv, title="Cijfers").status_code == 302


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("verslag.html", PAGE, "Bestandsextensie ‘html’ is niet toegestaan"),
        ("verslag.svg", SVG, "Bestandsextensie ‘svg’ is niet toegestaan"),
        ("verslag.pdf", PAGE, "geen echt PDF-bestand"),
        ("verslag.docx", PAGE, "geen echt DOCX-bestand"),
        ("verslag.txt", SVG, "code voor een webpagina"),
        ("verslag.pdf", pdf_bytes() + PAGE, "code voor een webpagina"),
        ("verslag.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "geen echt CSV-bestand"),
    ],
    ids=["html", "svg", "html-as-pdf", "html-as-docx", "svg-as-txt", "pdf-html-polyglot", "bin"],
)
def test_documents_that_are_not_what_they_say_are_refused(editor_client, name, content, expected):
    response = upload_document(editor_client, name, content)
    refused(response, expected, "Jaarverslag omgevingsloket")
    assert not get_document_model().objects.exists()
