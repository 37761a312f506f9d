"""The site-wide StreamField blocks, shared by every page type with a body."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

BLOCK_TEMPLATES = "components/streamfield/blocks/"


class HeadingBlock(blocks.StructBlock):
    """A section heading; h2 or h3 so pages keep their headings in order."""

    text = blocks.CharBlock(label=_("Tekst"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Tussenkop")
        template = BLOCK_TEMPLATES + "heading_block.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with alt text (required unless decorative), a caption and a credit."""

    image = ImageBlock(label=_("Afbeelding"))
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)
    attribution = blocks.CharBlock(label=_("Fotograaf of bron"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = BLOCK_TEMPLATES + "image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with the name of who said it."""

    quote = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(label=_("Wie zei het"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = BLOCK_TEMPLATES + "quote_block.html"


class DocumentBlock(blocks.StructBlock):
    """A link to download a document (a report, a model policy, slides)."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Linktekst"),
        required=False,
        max_length=150,
        help_text=_("Laat leeg om de titel van het document te gebruiken."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = BLOCK_TEMPLATES + "document_block.html"


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box that invites the reader to do one thing."""

    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Tekst"), required=False)
    link_page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    link_url = blocks.URLBlock(label=_("Of een adres"), required=False)
    button_text = blocks.CharBlock(label=_("Tekst op de knop"), max_length=60)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("link_page") and not value.get("link_url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "link_page": blocks.BlockValidationError(
                        _("Kies een pagina of vul een adres in.")
                    )
                }
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Oproep")
        template = BLOCK_TEMPLATES + "call_to_action_block.html"


class AccessibleTableBlock(TableBlock):
    """A table rendered by our own template, with a caption and header cells."""

    class Meta:
        icon = "table"
        label = _("Tabel")
        template = BLOCK_TEMPLATES + "table_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every page body offers; article types extend this set."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"],
        template=BLOCK_TEMPLATES + "paragraph_block.html",
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    table = AccessibleTableBlock()
