"""What editors upload to the Wagtail admin: images and documents, checked by their bytes.

Wagtail already refuses an image whose bytes are not the format its name claims (an SVG or a
web page renamed to .png), one over ``WAGTAILIMAGES_MAX_UPLOAD_SIZE`` and one with more than
``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` pixels (read from the header, before decoding). The form
bases here, set as ``WAGTAILIMAGES_IMAGE_FORM_BASE`` and ``WAGTAILDOCS_DOCUMENT_FORM_BASE``, add
what it leaves open:

- a polyglot — a real image or PDF that also carries a web page or script — is refused: the
  original file is served as it was uploaded, and a browser that ignored its type would run it;
- a document must be what its extension says (a PDF starts as one, an office file is a zip
  archive, a CSV or text file is text), and only the extensions in ``WAGTAILDOCS_EXTENSIONS``
  are accepted, so no HTML, SVG or script ever becomes a "document".

Documents are then served as downloads (``WAGTAILDOCS_INLINE_CONTENT_TYPES`` is empty) with
``X-Content-Type-Options: nosniff`` and Wagtail's ``Content-Security-Policy: default-src 'none'``.
"""

import os
import re

from PIL import Image as PILImage

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# Markup that only a web page or a script carries. Each pattern is long enough that the
# compressed bytes of a photo or an office file do not spell it by chance.
MARKUP = re.compile(
    rb"<script|<html|<body|<iframe|<object[\s>]|<embed[\s>]|<svg[\s>/]|<!doctype\s+html"
    rb"|<\?php|javascript:|<meta\s+http-equiv",
    re.IGNORECASE,
)
CHUNK = 64 * 1024

# How each document extension starts, by its bytes.
ZIP = b"PK\x03\x04"
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "pptx": (ZIP,),
    "odt": (ZIP,),
    "ods": (ZIP,),
    "odp": (ZIP,),
}
TEXT_EXTENSIONS = {"csv", "txt"}

CARRIES_MARKUP = _(
    "Dit bestand bevat ook code voor een webpagina (zoals <script> of <svg>) en wordt daarom "
    "geweigerd. Sla het opnieuw op vanuit een foto- of tekstprogramma en probeer het nog eens."
)
UNREADABLE_IMAGE = _(
    "Dit bestand lijkt een afbeelding, maar is beschadigd of onleesbaar. Kies een JPG-, PNG-, "
    "GIF-, WebP- of AVIF-bestand dat in een fotoprogramma opent."
)
NOT_WHAT_IT_SAYS = _(
    "Dit bestand is geen echt %(extension)s-bestand: de inhoud past niet bij de naam. "
    "Kies het oorspronkelijke bestand."
)


def carries_markup(upload):
    """True when the upload holds web-page markup anywhere (chunks overlap by a pattern's
    length, so markup across a chunk border is found too)."""
    upload.seek(0)
    tail = b""
    while chunk := upload.read(CHUNK):
        if MARKUP.search(tail + chunk):
            upload.seek(0)
            return True
        tail = chunk[-32:]
    upload.seek(0)
    return False


def is_what_it_says(upload, extension):
    """The first bytes of a document match its extension; text files are UTF-8 without NULs."""
    upload.seek(0)
    head = upload.read(CHUNK)
    upload.seek(0)
    if extension in SIGNATURES:
        return head.startswith(SIGNATURES[extension])
    if extension in TEXT_EXTENSIONS:
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut off at the end of the sample is still text.
            return error.start >= len(head) - 3
        return True
    return False


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with a damaged file refused instead of crashing the form: a file
    that starts like a PNG but whose chunks are garbage makes Pillow raise while Wagtail reads
    its size."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
            raise forms.ValidationError(UNREADABLE_IMAGE, code="unreadable") from error


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form, refusing images that are damaged or also carry a web page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            # Wagtail builds the field from the model; swap in the subclass, keeping its setup.
            field.__class__ = CheckedImageField

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if "file" in self.changed_data and upload and carries_markup(upload):
            raise forms.ValidationError(CARRIES_MARKUP, code="markup")
        return upload


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing documents that are not what their name says."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if "file" not in self.changed_data or not upload:
            return upload
        extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
        # Extensions outside WAGTAILDOCS_EXTENSIONS are refused by the model's clean.
        if extension in SIGNATURES or extension in TEXT_EXTENSIONS:
            if not is_what_it_says(upload, extension):
                raise forms.ValidationError(
                    NOT_WHAT_IT_SAYS, params={"extension": extension.upper()}, code="mismatch"
                )
            if carries_markup(upload):
                raise forms.ValidationError(CARRIES_MARKUP, code="markup")
        return upload

    def _post_clean(self):
        """Once clean_file refused the upload, the model's extension check sees no file and
        would add a confusing second message about an empty extension: keep ours only."""
        super()._post_clean()
        errors = self._errors.get("file")
        if errors:
            ours = [error for error in errors.as_data() if error.code in ("mismatch", "markup")]
            if ours:
                self._errors["file"] = self.error_class(ours, renderer=self.renderer)
