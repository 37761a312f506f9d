"""StreamField blocks for articles: the site-wide set plus pull quotes, Q&A and link cards."""

from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from vakgenoten.blocks import BaseStreamBlock

BLOCK_TEMPLATES = "blog/blocks/"


class PullQuoteBlock(blocks.StructBlock):
    """A short, striking sentence from the article, set large to catch the skimming reader.

    Unlike a quote, a pull quote repeats words that are already in the text; screen readers get
    it as an aside so it does not read as new content.
    """

    quote = blocks.TextBlock(label=_("Citaat"), max_length=280)
    attribution = blocks.CharBlock(label=_("Wie zei het"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Opvallend citaat")
        template = BLOCK_TEMPLATES + "pull_quote_block.html"


class QuestionAnswerBlock(blocks.StructBlock):
    """One question of an interview and the answer to it."""

    question = blocks.TextBlock(label=_("Vraag"), max_length=500)
    answer = blocks.RichTextBlock(
        label=_("Antwoord"), features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        icon = "help"
        label = _("Vraag en antwoord")
        template = BLOCK_TEMPLATES + "question_answer_block.html"


class LinkCardEmbedBlock(blocks.StructBlock):
    """A video or web page elsewhere, shown as a link card instead of an embedded player.

    Embedding a provider's player (YouTube, Vimeo, SlideShare…) loads that provider's iframe and
    scripts. That breaks our Content-Security-Policy (``frame-src 'none'``, scripts only from our
    own site) and our promise that reading Vakgenoten does not tell third parties who you are:
    the player would set cookies and report every visit before the reader chose to watch. So we
    never load the provider. The card shows the title, the provider and a plain link; the reader
    decides to go there.
    """

    url = blocks.URLBlock(label=_("Adres van de video of pagina"))
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    provider = blocks.CharBlock(
        label=_("Aanbieder"),
        required=False,
        max_length=80,
        help_text=_("Bijvoorbeeld YouTube of Vimeo. Leeg: de domeinnaam van het adres."),
    )
    description = blocks.TextBlock(label=_("Korte beschrijving"), required=False, max_length=300)
    kind = blocks.ChoiceBlock(
        label=_("Soort"),
        choices=[("video", _("Video")), ("page", _("Webpagina")), ("audio", _("Podcast"))],
        default="video",
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["provider"] = value.get("provider") or provider_from_url(value.get("url", ""))
        return context

    class Meta:
        icon = "media"
        label = _("Video of externe pagina")
        template = BLOCK_TEMPLATES + "link_card_embed_block.html"


def provider_from_url(url):
    """``https://www.youtube.com/watch?v=…`` → ``youtube.com``."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.")


class ArticleStreamBlock(BaseStreamBlock):
    """The body of every article: the site-wide blocks plus pull quote, Q&A and link card."""

    pull_quote = PullQuoteBlock()
    question_answer = QuestionAnswerBlock()
    embed = LinkCardEmbedBlock()
