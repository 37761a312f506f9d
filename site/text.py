"""Text that has to stay on one visible line: names, e-mail subjects, calendar titles.

A name is typed once and then travels: into e-mail subjects (where a line break breaks the
header and the message is never sent), calendar files, the admin and every page that shows it.
So every write path checks names with the same validator, and everything that builds a header
line passes its text through ``single_line``, which also makes an old stored value safe.

Refused are Unicode's control characters (category Cc: line breaks, tabs, NUL), format
characters (Cf: zero-width spaces and joiners, right-to-left overrides and other bidi
controls) and the line and paragraph separators (Zl, Zp).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
# Letters by category that show nothing: Hangul fillers.
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def is_refused_character(char):
    return unicodedata.category(char) in REFUSED_CATEGORIES


def has_refused_characters(text):
    """True when ``text`` holds a control or format character or a line/paragraph separator."""
    return any(is_refused_character(char) for char in text)


def has_visible_letter(text):
    return any(char.isalpha() and char not in INVISIBLE_LETTERS for char in text)


def single_line(text, max_length=None):
    """``text`` on one line, safe for an e-mail header or a calendar title.

    Format characters (zero-width, bidi controls) are dropped; line breaks, tabs, other control
    characters and runs of white space become one space. Longer than ``max_length``: cut at
    that length, ending in "…".
    """
    characters = []
    for char in str(text or ""):
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        characters.append(" " if category in REFUSED_CATEGORIES else char)
    line = " ".join("".join(characters).split())
    if max_length and len(line) > max_length:
        line = line[: max_length - 1].rstrip() + "…"
    return line


def validate_single_line(value):
    """Model and form validator: no line breaks, tabs or invisible control characters."""
    if value and has_refused_characters(value):
        raise ValidationError(
            _(
                "Gebruik hier geen regeleinden, tabs of onzichtbare tekens (zoals tekens die de "
                "leesrichting omdraaien). Haal ze weg en probeer het opnieuw."
            ),
            code="control_characters",
        )


def validate_name(value):
    """Model and form validator for names of people, organisations and networks.

    One line without control or invisible characters, and at least one letter, so a name is
    never empty to the eye (a lone zero-width space, a dot).
    """
    validate_single_line(value)
    if value and not has_visible_letter(value):
        raise ValidationError(_("Een naam moet minstens één letter bevatten."), code="no_letter")


def clean_stored_values(model, names=(), lines=()):
    """For data migrations: put stored ``names`` and single-line fields (``lines``) right.

    Control and invisible characters go (see ``single_line``). A name left without a letter is
    emptied where the field may be blank, and left for the editors where it may not; so is a
    cleaned value that another row of a unique field already has.
    """
    fields = [*names, *lines]
    for row in model.objects.only("pk", *fields).iterator():
        changes = {}
        for field_name in fields:
            value = getattr(row, field_name)
            is_name = field_name in names
            if not value or not (
                has_refused_characters(value) or (is_name and not has_visible_letter(value))
            ):
                continue
            field = model._meta.get_field(field_name)
            cleaned = single_line(value)
            if is_name and not has_visible_letter(cleaned):
                cleaned = ""
            if (not cleaned and not field.blank) or cleaned == value:
                continue
            if field.unique and model.objects.filter(**{field_name: cleaned}).exists():
                continue
            changes[field_name] = cleaned
        if changes:
            model.objects.filter(pk=row.pk).update(**changes)
