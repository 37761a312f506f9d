"""Profile photos are checked by content, re-encoded without metadata, and refused clearly."""

import io
import struct
import zlib

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.members.factories import image_upload

pytestmark = pytest.mark.django_db

FORM = {
    "first_name": "Sanne",
    "last_name": "Jansen",
    "role": "Adviseur informatiebeveiliging",
    "bio": "Ik help gemeenten met de BIO.",
    "visibility": "members",
}


def upload(member_client, file, **extra):
    return member_client.post("/mijn-account/profiel/", {**FORM, **extra, "avatar": file})


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 30.0)}  # GPSInfo
    return exif


def png_header_only(width, height):
    """A PNG that announces huge dimensions in a few bytes (a decompression bomb)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def stored_files(media):
    return sorted(path.name for path in media.rglob("*") if path.is_file())


def test_photo_is_re_encoded_as_square_webp_without_metadata(member_client, member, media):
    original = image_upload("vakantie met GPS.jpg", size=(800, 600), exif=exif_with_gps())
    response = upload(member_client, original)
    assert response.status_code == 302

    member.profile.refresh_from_db()
    avatar = member.profile.avatar
    assert avatar.name.startswith("avatars/") and avatar.name.endswith(".webp")
    assert "vakantie" not in avatar.name
    with Image.open(avatar.path) as image:
        assert image.format == "WEBP"
        assert image.size == (512, 512)
        assert len(image.getexif()) == 0
        assert "exif" not in image.info
    with Image.open(member.profile.avatar_thumbnail.path) as thumbnail:
        assert thumbnail.size == (96, 96)
    assert len(stored_files(media)) == 2


def test_small_photo_is_not_blown_up(member_client, member, media):
    upload(member_client, image_upload("klein.png", size=(120, 200), image_format="PNG"))
    member.profile.refresh_from_db()
    with Image.open(member.profile.avatar.path) as image:
        assert image.size == (120, 120)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("notities.jpg", b"Dit is gewoon tekst, geen foto.\n" * 20, "image/jpeg"),
        ("pagina.png", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "image/png"),
        (
            "logo.png",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
            "image/png",
        ),
        ("kapot.jpg", image_upload().read()[:400], "image/jpeg"),
    ],
    ids=["text", "html-renamed-png", "svg-renamed-png", "truncated-jpeg"],
)
def test_non_images_are_refused_and_the_rest_of_the_form_stays(
    member_client, member, media, name, content, content_type
):
    response = upload(member_client, SimpleUploadedFile(name, content, content_type=content_type))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit bestand is geen foto die we kunnen gebruiken" in html
    assert 'value="Adviseur informatiebeveiliging"' in html
    assert "Ik help gemeenten met de BIO." in html
    member.profile.refresh_from_db()
    assert not member.profile.avatar
    assert member.profile.role == ""  # nothing was saved
    assert stored_files(media) == []


def test_gif_is_not_among_the_accepted_formats(member_client, media):
    response = upload(member_client, image_upload("bewegend.gif", image_format="GIF"))
    assert "Dit bestand is geen foto die we kunnen gebruiken" in response.content.decode()


def test_pixel_flood_is_refused_before_it_is_decoded(member_client, member, media):
    buffer = io.BytesIO()
    Image.new("1", (6000, 6000)).save(buffer, format="PNG")  # a few KB, 36 million pixels
    assert buffer.tell() < 100_000
    response = upload(member_client, SimpleUploadedFile("vlak.png", buffer.getvalue()))
    assert response.status_code == 200
    assert "Je foto is 6000 bij 6000 pixels" in response.content.decode()
    assert stored_files(media) == []


def test_decompression_bomb_is_refused(member_client, media):
    bomb = SimpleUploadedFile("bom.png", png_header_only(100_000, 100_000))
    response = upload(member_client, bomb)
    assert response.status_code == 200
    assert "veel te veel pixels" in response.content.decode()


def test_file_over_5_mb_is_refused_with_its_size(member_client, media):
    big = SimpleUploadedFile("groot.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024))
    response = upload(member_client, big)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Een foto mag maximaal 5 MB zijn" in html
    assert "5,0\xa0MB" in html or "5.0\xa0MB" in html


def test_new_photo_replaces_the_old_files_and_remove_deletes_them(member_client, member, media):
    upload(member_client, image_upload("eerste.jpg"))
    first = stored_files(media)
    upload(member_client, image_upload("tweede.jpg", color="orange"))
    second = stored_files(media)
    assert len(second) == 2 and not set(first) & set(second)

    response = member_client.post("/mijn-account/profiel/", {**FORM, "remove_avatar": "on"})
    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert not member.profile.avatar and not member.profile.avatar_thumbnail
    assert stored_files(media) == []
