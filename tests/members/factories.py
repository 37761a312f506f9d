"""Factories for the members tests, on top of the shared UserFactory."""

import io

import factory
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory


class MemberFactory(UserFactory):
    """A verified member with a complete name, whose profile takes ``profile__<field>``.

    ``MemberFactory(profile__visibility="public", profile__themes=[theme])``
    """

    @factory.post_generation
    def profile(obj, create, extracted, **fields):
        if not create:
            return
        themes = fields.pop("themes", None)
        profile = obj.profile
        for name, value in fields.items():
            setattr(profile, name, value)
        if fields:
            profile.save()
        if themes:
            profile.themes.set(themes)


def image_upload(name="foto.jpg", size=(800, 600), image_format="JPEG", color="teal", exif=None):
    """An uploaded image file made with Pillow."""
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=image_format, **options)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}.get(
        image_format, "application/octet-stream"
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
