"""Profile photos: checked by their content, then re-encoded so nothing of the upload remains.

An upload is only accepted when Pillow recognises it as JPEG, PNG or WebP by its bytes (the file
name and the browser's content type are ignored), it is at most 5 MB and its dimensions stay
within bounds (a "pixel flood" — a small file that unpacks to a giant image — is refused before
it is decoded). The accepted image is decoded, turned upright, cropped to a square, scaled down
and saved anew as WebP: metadata such as EXIF location is gone, and so is anything that rode
along in the original file.
"""

import io
import logging
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 5000
MAX_PIXELS = 20_000_000
SIZE = 512
THUMBNAIL_SIZE = 96

NOT_AN_IMAGE = _(
    "Dit bestand is geen foto die we kunnen gebruiken. Kies een JPG-, PNG- of WebP-bestand."
)

TOO_MANY_PIXELS = _(
    "Deze foto heeft veel te veel pixels. Kies een foto van hoogstens %(max)s pixels breed en hoog."
) % {"max": MAX_SIDE}


def _open(upload):
    upload.seek(0)
    return Image.open(upload)


def check_avatar(upload):
    """Raise a ValidationError with a Dutch message unless ``upload`` is a usable photo.

    Returns the decoded Pillow image.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("Je foto is %(size)s groot. Een foto mag maximaal 5 MB zijn."),
            params={"size": filesizeformat(upload.size)},
            code="too_large",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = _open(upload)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(NOT_AN_IMAGE, code="format")
            width, height = image.size
            if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                raise ValidationError(
                    _(
                        "Je foto is %(width)s bij %(height)s pixels. Dat is te groot; kies een "
                        "foto van hoogstens %(max)s pixels breed en hoog."
                    ),
                    params={"width": width, "height": height, "max": MAX_SIDE},
                    code="dimensions",
                )
            image.verify()  # checks the file's structure without decoding the pixels
            image = _open(upload)  # verify() leaves the image unusable: open it again
            image.load()  # decode every pixel: a truncated or damaged file fails here
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(TOO_MANY_PIXELS, code="dimensions") from None
    except UnidentifiedImageError:
        raise ValidationError(NOT_AN_IMAGE, code="invalid") from None
    except Exception:  # any decoder error means the file is not a usable image
        logger.info("Avatar upload refused: could not be decoded", exc_info=True)
        raise ValidationError(NOT_AN_IMAGE, code="invalid") from None
    return image


def _square(image, size):
    side = min(size, image.width, image.height)
    return ImageOps.fit(image, (side, side), Image.Resampling.LANCZOS)


def _webp(image):
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=85, method=4)  # no exif= given: metadata is dropped
    return buffer.getvalue()


def process_avatar(upload):
    """Check ``upload`` and return (photo, thumbnail) as new WebP files with random names.

    The names are set by the model field's ``upload_to``; the ``.webp`` given here only helps
    storages that look at the extension.
    """
    image = check_avatar(upload)
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    photo = ContentFile(_webp(_square(image, SIZE)), name="avatar.webp")
    thumbnail = ContentFile(_webp(_square(image, THUMBNAIL_SIZE)), name="avatar.webp")
    return photo, thumbnail
