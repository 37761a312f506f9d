"""Every URL pattern of the site, each with one concrete path that resolves to it.

Security sweeps go through this list instead of a hand-made one, so a view added tomorrow is
swept too. Path converters get a plausible value; regular-expression groups get one that the
group accepts. A pattern for which no path resolves back to it is reported by name, so the
sweep cannot silently skip it.
"""

import re
import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

SAMPLES = {
    "int": "1",
    "slug": "voorbeeld",
    "str": "voorbeeld",
    "path": "voorbeeld",
    "uuid": str(uuid.UUID(int=1)),
}
GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)")


@dataclass(frozen=True)
class Route:
    path: str
    name: str
    view: object


CANDIDATES = ["", "1/", "voorbeeld/", "1/voorbeeld", "1/voorbeeld/", "voorbeeld", "1"]


def _sample_for_regex(regex):
    """A string the regular expression accepts: its named groups filled, or a stock candidate."""

    def fill(match):
        body = match.group("body")
        return next((c for c in CANDIDATES if re.fullmatch(body, c)), "1")

    text = GROUP.sub(fill, regex).lstrip("^").rstrip("$").replace("\\Z", "")
    text = re.sub(r"\\(.)", r"\1", text)
    compiled = re.compile(regex)
    if compiled.fullmatch(text):
        return text
    return next((c for c in CANDIDATES if compiled.fullmatch(c)), text)


def _sample(pattern):
    route = getattr(pattern.pattern, "_route", None)
    if route is not None:
        return re.sub(
            r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>",
            lambda m: SAMPLES.get(m.group("converter") or "str", "1"),
            route,
        )
    return _sample_for_regex(pattern.pattern.regex.pattern)


def _walk(patterns, prefix, namespace):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + _sample(pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else repr(pattern.callback)
            yield prefix + _sample(pattern), name


def routes():
    """(routes, unresolved): one path per pattern, and the names of patterns whose sample path
    does not resolve (a sweep asserts there are none)."""
    found, unresolved = [], []
    for path, name in _walk(get_resolver().url_patterns, "/", ""):
        try:
            match = resolve(path)
        except Resolver404:
            unresolved.append(name)
            continue
        # A pattern shadowed by an earlier one (our own /_util/login/ before Wagtail's) is swept
        # as the view that really answers its path.
        found.append(Route(path, name, match.func))
    return found, unresolved
