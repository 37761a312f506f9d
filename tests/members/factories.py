"""Uploads for the members tests; the member factory itself is ``tests.factories.UserFactory``."""

import io

from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile


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
