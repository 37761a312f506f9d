"""English interface phrases, to find them where the Dutch interface should be Dutch.

Two sources of phrases that have a Dutch translation, so that English on a Dutch page can only
be a leak (a string outside gettext, a library string without Dutch, a stored name):

- the English of our own Dutch messages: the msgstr values of ``locale/en``;
- the English msgids of the Dutch catalogues of Django, allauth, Wagtail and the libraries
  Wagtail's admin uses, where the Dutch differs from the English.

The compiled catalogues (.mo) are read with the standard library's ``gettext``; no .po parser
is needed. Phrases with placeholders count by their longest literal piece.
"""

import gettext
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import allauth
import django_filters

import django
from django.conf import settings

import taggit
import wagtail

# Phrases that are the same, or just as good, in Dutch, or that are names: never a leak.
ALLOWED = {
    # Words Dutch uses as they are.
    "Home",  # the first item of the main menu, Dutch usage on Dutch government sites
    "Menu",
    "E-mail",
    "Website",
    "LinkedIn",
    "Online",
    "Status",
    "Type",
    "Admin",
    "Dashboard",
    "Workflow",
    "Workflows",
    "Snippets",
    "Account",
    "account",  # Dutch: "Mijn account", "Nog geen account?"
    "Wagtail",  # the admin's name, in every page title of the admin
    "Content",  # Wagtail's own Dutch: "Content statistieken"
    "Editor",
    "Filter",
    "Filters",
    "Details",
    "Info",
    "Team",
    "Tags",
    "Tag",
    "Document",
    "Documenten",
    "Collecties",
    "Live",
    "Preview",  # Wagtail's Dutch uses "Preview" as well
    "Sessions",
    "Totaal",
    "Manager",
    "Privacy",
    "Webinar",
    "Congres",
    "Programma",
    "Thema",
    "Organisatie",
    "Standaard",
    "Redactie",
    "Vakgenoten",
    "Nederlands",
    "English",  # the language switch names English in English (marked lang="en")
    "Actions",  # Django's admin actions column; not in the pages we walk
    "Code",
    "Recovery codes",  # not Dutch either in allauth's nl; we say "herstelcodes" ourselves
    "Sitemap",
    "Locale",
    "Formaat",
    "Alt",
    "Email",
    "Model",
    "Media",
    "Edit",  # only as the id of Wagtail's icons, never as visible text
    "Beta",
}

MIN_LETTERS = 5  # a one-word phrase shorter than this is too ambiguous ("Top", "Go", "Alle")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>")


def _catalogue(path):
    with open(path, "rb") as handle:
        # GNUTranslations keeps the parsed messages in _catalog: msgid -> msgstr, plural forms
        # under (msgid, index), a context as "context\x04msgid".
        return gettext.GNUTranslations(handle)._catalog


def _library_catalogues():
    roots = [Path(module.__file__).parent for module in (django, allauth, wagtail)]
    roots += [Path(module.__file__).parent for module in (taggit, django_filters)]
    for root in roots:
        yield from sorted(root.glob("**/locale/nl/LC_MESSAGES/django.mo"))


def _pieces(text):
    """The literal pieces worth looking for in one message (placeholders split it)."""
    for piece in PLACEHOLDER.split(text):
        piece = " ".join(piece.split()).strip(" .,:;!?…()\"'‘’“”-–—/")
        words = piece.split()
        if not words or piece in ALLOWED:
            continue
        if len(words) == 1 and (len(piece) < MIN_LETTERS or not piece.isalpha()):
            continue
        if not re.search(r"[A-Za-z]", piece):
            continue
        yield piece


@cache
def english_phrases():
    """Every English phrase that the site or its libraries would say in Dutch instead."""
    phrases = set()
    ours = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    for key, english in _catalogue(ours).items():
        dutch = key[0] if isinstance(key, tuple) else key
        dutch = dutch.split("\x04", 1)[-1]
        if dutch and english and english != dutch:
            phrases.update(_pieces(english))
    for path in _library_catalogues():
        for key, dutch in _catalogue(path).items():
            english = key[0] if isinstance(key, tuple) else key
            english = english.split("\x04", 1)[-1]
            if english and dutch and dutch != english:
                phrases.update(_pieces(english))
    # A Dutch word that is an English msgid too ("Status" aside) is no leak: only phrases that
    # our Dutch catalogue does not itself use as Dutch text.
    return frozenset(phrases - _dutch_of_our_own())


@cache
def _dutch_of_our_own():
    ours = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    words = set()
    for key in _catalogue(ours):
        dutch = key[0] if isinstance(key, tuple) else key
        words.update(_pieces(dutch.split("\x04", 1)[-1]))
    return words


@cache
def phrase_pattern():
    alternatives = sorted(english_phrases(), key=len, reverse=True)
    body = "|".join(re.escape(phrase) for phrase in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


# Attributes whose text a visitor sees or hears.
READ_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt", "aria-description"}
HIDDEN_TAGS = {"script", "style", "template", "noscript", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}


class ReadableText(HTMLParser):
    """The texts of a page a visitor reads or hears, each with the language it is marked in:
    text nodes and the attributes above, and the value of buttons (not of text fields, which
    hold what the visitor typed)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang, hidden)
        self.texts = []  # (text, lang)

    def _lang(self):
        return self.stack[-1][1] if self.stack else None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        lang = attrs.get("lang", self._lang())
        hidden = tag in HIDDEN_TAGS or bool(self.stack and self.stack[-1][2])
        if not hidden:
            for name in READ_ATTRIBUTES & attrs.keys():
                self.texts.append((attrs[name], lang))
            if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
                self.texts.append((attrs.get("value", ""), lang))
        if tag not in VOID:
            self.stack.append((tag, lang, hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][2]):
            self.texts.append((data, self._lang()))


def english_on(html):
    """The English phrases on a Dutch page: (phrase, the text it was found in)."""
    parser = ReadableText()
    parser.feed(html)
    found = []
    pattern = phrase_pattern()
    for text, lang in parser.texts:
        if lang and not lang.startswith("nl"):
            continue  # marked as another language on purpose (the language switch)
        text = " ".join(text.split())
        for match in pattern.finditer(text):
            found.append((match.group(0), text[:120]))
    return found
