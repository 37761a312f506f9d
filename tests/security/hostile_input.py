"""Addresses of the whole site, and hostile values to put in them, for the input sweep.

``url_templates()`` walks Django's URL resolver (the site's views, allauth, the Wagtail admin and
documents) and turns every pattern into a template: literal text and *slots*, one for each path
converter or regex group. ``routable_templates()`` does the same for the routes of routable
Wagtail pages, under a page's own address. A template is filled with a working sample in every
slot (the base address) or with a hostile value in one slot.

``read_parameters()`` lists the query parameters the site's own code reads, found in the source;
``RecordingQueryDict`` records, during a request, which parameters a view and its templates read
(Wagtail's and allauth's views included), so the sweep covers those too.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from tests.layout import app_folders

# Percent-encoded as a browser (or a probe) would send them.
PAYLOADS = {
    "NUL-byte": "%00",
    "lone surrogate (UTF-8 form)": "%ED%A0%80",
    "superscript two": quote("²"),
    "Arabic-Indic three": quote("٣"),
    "huge number": str(10**30),
    "negative number": "-1",
}

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# Samples a regex group is tried with; the first that the group matches is used.
REGEX_SAMPLES = ["1", "x", "x/", "live"]


@dataclass(frozen=True)
class Slot:
    """A place in an address the URL pattern fills from the request: a converter or a group."""

    kind: str  # converter name ("int", "slug", …) or "regex"
    regex: str = ""

    def accepts(self, value):
        return re.fullmatch(self.regex, value) is not None if self.kind == "regex" else True


@dataclass(frozen=True)
class Template:
    pieces: tuple  # str and Slot
    view: str

    @property
    def slots(self):
        return [piece for piece in self.pieces if isinstance(piece, Slot)]

    def fill(self, samples, payload=None, at=None):
        """The address with ``samples`` in the slots, and ``payload`` in slot number ``at``."""
        parts, index = [], 0
        for piece in self.pieces:
            if isinstance(piece, Slot):
                sample = samples[index]
                if index == at:
                    # Keep a trailing slash that the group needs, so the payload is what differs.
                    sample = payload + ("/" if sample.endswith("/") else "")
                parts.append(sample)
                index += 1
            else:
                parts.append(piece)
        return "".join(parts)


def _route_pieces(route):
    pieces, position = [], 0
    for match in ROUTE_PARAMETER.finditer(route):
        pieces.append(route[position : match.start()])
        pieces.append(Slot(match.group("converter") or "str"))
        position = match.end()
    pieces.append(route[position:])
    return pieces


def _regex_pieces(regex):
    """Literal text and top-level groups of a URL regex such as ``^(\\d+)/(.*)$``."""
    text = regex.removeprefix("^").removesuffix("$").removesuffix("\\Z")
    pieces, literal, depth, start, index = [], "", 0, 0, 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            if depth == 0:
                literal += text[index + 1]
            index += 2
            continue
        if char == "[":
            end = text.index("]", index + 2)
            if depth == 0:
                raise ValueError(f"character class outside a group in {regex!r}")
            index = end + 1
            continue
        if char == "(":
            if depth == 0:
                pieces.append(literal)
                literal, start = "", index
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                end = index + 1
                if end < len(text) and text[end] in "*+?":
                    end += 1
                pieces.append(Slot("regex", text[start:end]))
                index = end
                continue
        elif depth == 0 and char == "." and text[index + 1 : index + 2] in ("*", "+"):
            pieces.append(literal)
            literal = ""
            pieces.append(Slot("regex", text[index : index + 2]))
            index += 2
            continue
        elif depth == 0:
            literal += char
        index += 1
    pieces.append(literal)
    return pieces


def _pieces(pattern):
    if isinstance(pattern, RoutePattern):
        return _route_pieces(str(pattern))
    if isinstance(pattern, RegexPattern):
        return _regex_pieces(pattern.regex.pattern)
    raise TypeError(pattern)


def url_templates(patterns=None, prefix=("/",)):
    """A template for every URL pattern the resolver (or a routable page) knows."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        pieces = (*prefix, *_pieces(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from url_templates(entry.url_patterns, pieces)
        elif isinstance(entry, URLPattern):
            yield Template(tuple(piece for piece in pieces if piece != ""), entry.lookup_str)


def routable_templates(page):
    """Templates for the routes of a routable Wagtail page, under the page's address."""
    resolver = page.get_resolver()
    for template in url_templates(resolver.url_patterns, (page.url,)):
        yield Template(template.pieces, f"{type(page).__name__} route {template.view}")


def samples_for(template, pool):
    """Candidate sample lists for the template's slots: the n-th candidate of each kind."""
    slots = template.slots
    if not slots:
        return [[]]
    rounds = max(len(pool.get(slot.kind, REGEX_SAMPLES)) for slot in slots)
    candidates = []
    for number in range(rounds):
        samples = []
        for slot in slots:
            options = [value for value in pool.get(slot.kind, REGEX_SAMPLES) if slot.accepts(value)]
            samples.append(options[min(number, len(options) - 1)] if options else "x")
        if samples not in candidates:
            candidates.append(samples)
    return candidates


# request.GET.get("q"), request.GET["q"], int_param(request.GET, "page_id") and the like.
SOURCE_PARAMETER = re.compile(
    r"""(?:GET\.get\(|GET\.getlist\(|GET\[|int_param\(\s*[\w.]*GET,)\s*["']([\w-]+)["']"""
)


def read_parameters():
    """Every query parameter the project's own code names where it reads ``request.GET``."""
    names = set()
    for folder in app_folders():
        for path in folder.rglob("*.py"):
            names.update(SOURCE_PARAMETER.findall(path.read_text(encoding="utf-8")))
    return names


class RecordingQueryDict(QueryDict):
    """A QueryDict that notes the names of the parameters read from it."""

    read = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)
