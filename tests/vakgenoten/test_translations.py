"""English is the second interface language: a complete catalogue, compiled, and really used.

The catalogue is parsed with a few lines of Python rather than with gettext tools, because a
fresh machine may lack them; the compiled .mo in the repository is what Django reads there.
"""

import ast
import gettext
import re

import pytest

from django.conf import settings
from django.utils import translation

LOCALE_DIR = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


def _unquote(text):
    # A PO string uses C escapes; every one the catalogue holds (\n, \t, \", \\) means the
    # same in a Python literal. The catalogue is UTF-8, so no \x or octal escapes occur.
    return ast.literal_eval(text)


def parse_po(path):
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr (str or list), flags."""
    entries = []
    entry = None
    field = None

    def finish():
        if entry is not None and entry.get("msgid") is not None:
            entries.append(entry)

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgctxt": None, "msgid_plural": None, "msgstr": None}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = KEYWORD.match(line)
        if match:
            keyword, index, value = match.groups()
            value = _unquote(value)
            if index is not None:
                plurals = entry["msgstr"] if isinstance(entry["msgstr"], list) else []
                plurals.append(value)
                entry["msgstr"] = plurals
                field = ("msgstr", len(plurals) - 1)
            else:
                entry[keyword] = value
                field = (keyword, None)
            continue
        assert line.startswith('"'), f"Unexpected line in {path.name}: {line!r}"
        name, index = field
        if index is None:
            entry[name] += _unquote(line)
        else:
            entry[name][index] += _unquote(line)
    finish()
    return entries


@pytest.fixture(scope="module")
def entries():
    assert PO_FILE.exists(), "Run `make messages` to create locale/en/LC_MESSAGES/django.po."
    parsed = parse_po(PO_FILE)
    header, messages = parsed[0], parsed[1:]
    assert header["msgid"] == ""
    assert "Language: en" in header["msgstr"]
    assert len(messages) > 500, "The catalogue looks truncated."
    return messages


def test_catalogue_has_no_fuzzy_entries(entries):
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert fuzzy == []


def test_every_message_is_translated(entries):
    untranslated = []
    for entry in entries:
        if entry["msgid_plural"] is not None:
            forms = entry["msgstr"]
            if not isinstance(forms, list) or len(forms) != 2 or not all(forms):
                untranslated.append(entry["msgid"])
        elif not entry["msgstr"]:
            untranslated.append(entry["msgid"])
    assert untranslated == []


def test_placeholders_survive_translation(entries):
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}|</?[a-z][^>]*>")
    broken = []
    for entry in entries:
        if entry["msgid_plural"] is None:
            pairs = [(entry["msgid"], entry["msgstr"])]
        else:
            pairs = list(zip([entry["msgid"], entry["msgid_plural"]], entry["msgstr"], strict=True))
        for source, target in pairs:
            if sorted(placeholder.findall(source)) != sorted(placeholder.findall(target)):
                broken.append(source)
    assert broken == []


def test_compiled_catalogue_matches_the_po_file(entries):
    """The committed .mo holds exactly what the .po says: nobody forgot compilemessages."""
    assert MO_FILE.exists(), "Run `make messages` to compile locale/en/LC_MESSAGES/django.mo."
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in entries:
        context, msgid = entry["msgctxt"], entry["msgid"]
        if entry["msgid_plural"] is None:
            if context is None:
                found = compiled.gettext(msgid)
            else:
                found = compiled.pgettext(context, msgid)
            if found != entry["msgstr"]:
                stale.append(msgid)
        else:
            # English has two forms: index 0 for one, index 1 for any other number.
            for number, form in zip((1, 2), entry["msgstr"], strict=True):
                if context is None:
                    found = compiled.ngettext(msgid, entry["msgid_plural"], number)
                else:
                    found = compiled.npgettext(context, msgid, entry["msgid_plural"], number)
                if found != form:
                    stale.append(msgid)
    assert stale == []
    assert compiled.info().get("language") == "en"


def test_django_translates_through_the_catalogue():
    with translation.override("en"):
        assert translation.gettext("Kennisbank") == "Knowledge base"
        assert translation.gettext("Een probleem melden") == "Report a problem"
        comments = translation.ngettext("%(counter)s reactie", "%(counter)s reacties", 3)
        assert comments % {"counter": 3} == "3 comments"
    with translation.override("nl"):
        assert translation.gettext("Kennisbank") == "Kennisbank"


def test_one_dutch_word_with_two_meanings_gets_two_translations():
    """The word "Plaatsen" is a button under a comment (post) and the seats of an event;
    "Meldingen" is a member's notification settings and the readers' reports in the admin."""
    with translation.override("en"):
        assert translation.gettext("Plaatsen") == "Post"
        assert translation.pgettext("zitplaatsen bij een evenement", "Plaatsen") == "Places"
        assert translation.gettext("Meldingen") == "Notifications"
        reports = translation.pgettext("meldingen van lezers aan de redactie", "Meldingen")
        assert reports == "Reports"


def test_home_page_in_english(client, home_page):
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    pairs = {
        "Skip to content": "Naar de inhoud",
        "Main menu": "Hoofdmenu",
        "What are you looking for?": "Waar ben je naar op zoek?",
        "Report a problem": "Een probleem melden",
    }
    for english, dutch in pairs.items():
        assert english in html
        assert dutch not in html


def test_search_page_in_english_after_the_language_switch(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/zoeken/?q=wmo"})
    assert response.cookies["django_language"].value == "en"
    html = client.get("/zoeken/", {"q": "wmo"}).content.decode()
    assert "Search for ‘wmo’" in html
    assert "Search this website" in html
    assert "Zoeken naar" not in html
    assert "Zoeken binnen de website" not in html


def test_dutch_stays_the_default(client, home_page):
    html = client.get("/").content.decode()
    assert "Naar de inhoud" in html
    assert "Skip to content" not in html


NL_PO_FILE = settings.BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po"
NL_MO_FILE = settings.BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.mo"


def test_dutch_corrections_of_library_strings_are_compiled():
    """locale/nl replaces the libraries' missing or clumsy Dutch; its .mo is committed too."""
    entries = parse_po(NL_PO_FILE)[1:]
    assert entries
    with NL_MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in entries:
        assert "fuzzy" not in entry["flags"]
        if entry["msgid_plural"] is None:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
        else:
            for number, form in zip((1, 2), entry["msgstr"], strict=True):
                found = compiled.ngettext(entry["msgid"], entry["msgid_plural"], number)
                assert found == form, entry["msgid"]
    with translation.override("nl"):
        sent = translation.gettext("Confirmation email sent to %(email)s.")
    assert sent.startswith("We hebben een e-mail gestuurd naar %(email)s.")


def test_a_short_password_at_sign_up_is_refused_in_dutch(client, home_page):
    """Django 5.2 changed this message; its Dutch catalogue had only the old one."""
    data = {"first_name": "Noor", "last_name": "Hendriks", "email": "noor@lindenholt.example"}
    data |= {"password1": "kort12", "password2": "kort12"}
    html = client.post("/accounts/signup/", data).content.decode()
    assert "Dit wachtwoord is te kort. Gebruik minstens 10 tekens." in html
    assert "too short" not in html
