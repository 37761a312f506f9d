"""Which language the interface speaks, and which language the content is in.

The interface is Dutch unless the visitor chose English with the language switch
(``templates/navigation/language_switch.html``, Django's ``set_language`` view, which stores
the choice in the language cookie). The browser's ``Accept-Language`` plays no part: most
Dutch civil servants run an English browser and expect a Dutch site, and a page that switches
by itself around Dutch articles reads as a mistake.

Everything editors write is Dutch (``WAGTAIL_CONTENT_LANGUAGES``); where the interface is
English, that content carries ``lang="nl"`` (WCAG 3.1.2): templates put ``{% content_lang %}``
(``vakgenoten.templatetags.language_tags``, a built-in tag) in the tag around it.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html


def chosen_language(request):
    """The language of the cookie the switch sets, if it is one of ours; else Dutch."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Django's ``LocaleMiddleware`` without its guess from ``Accept-Language``.

    The language depends on the cookie alone, so responses vary on ``Cookie`` and no longer on
    ``Accept-Language`` (the anonymous page cache keys its entries by the active language).
    The site has no language prefixes in its URLs, so none of the parent's redirects apply.
    """

    def process_request(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def content_language():
    """The language of the site's content: the first (and only) content language."""
    return settings.WAGTAIL_CONTENT_LANGUAGES[0][0]


def content_lang_attribute():
    """`` lang="nl"`` for the tag around content when the interface speaks another language;
    nothing when it speaks the content's language (``<html lang>`` says it already). Cached
    pages and parts are kept per interface language, so the answer is safe to cache."""
    content = content_language()
    interface = translation.get_language() or settings.LANGUAGE_CODE
    if interface.split("-")[0] == content.split("-")[0]:
        return ""
    return format_html(' lang="{}"', content)


def in_content_language(text):
    """``text`` (escaped) in a ``<span lang="nl">`` when the interface is English, else as it
    is: for a Dutch name inside an English sentence or label."""
    attribute = content_lang_attribute()
    if not attribute:
        return text
    return format_html("<span{}>{}</span>", attribute, text)
