"""Every URL pattern of the site, each with one address that resolves to it.

Security sweeps (CSRF, credentials, methods, odd input) walk Django's resolver through this
module instead of a hand-made list, so a view added tomorrow, or brought by a new dependency, is
swept too: the site's own views, allauth, the Wagtail admin and its documents. Wagtail's page tree
is served by one catch-all pattern; sweeps add a page of each type themselves.
"""

import re
import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern

# Patterns an earlier pattern of ours answers instead, with the reason.
SHADOWED = {
    # Wagtail's front-end login: vakgenoten.views.frontend_login sends visitors to allauth's.
    "django.contrib.auth.views.LoginView": "a second way in",
    # Wagtail's page-password check: vakgenoten.views.authenticate_with_password wraps it with
    # a limit on guesses.
    "wagtail.views.authenticate_with_password": "unlimited password guesses",
    # The same for a document collection's password (authenticate_with_document_password).
    "wagtail.documents.views.serve.authenticate_with_password": "unlimited password guesses",
}

CONVERTER_SAMPLES = {
    # "str" is a number too: Wagtail's choosers take an object number as <str:pk>.
    "int": "1",
    "str": "1",
    "slug": "x",
    "path": "x/y",
    "uuid": str(uuid.uuid4()),
}


def _route_sample(route):
    return re.sub(
        r"<(?:(\w+):)?\w+>", lambda match: CONVERTER_SAMPLES[match.group(1) or "str"], route
    )


def _regex_sample(regex):
    """A string the regex of a Django or Wagtail URL pattern matches."""

    def group(match):
        body = match.group(1)
        if body.endswith("/"):
            return "x/"
        if body.startswith("live|"):
            return "live"
        if "\\d" in body or "[0-9]" in body and "A-Z" not in body:
            return "1"
        return "x"

    sample = regex.lstrip("^").rstrip("$").replace("\\Z", "")
    for _ in range(3):  # nested groups
        sample = re.sub(r"\((?:\?P<\w+>|\?:)?([^()]*)\)[*+?]?", group, sample)
    sample = sample.replace(".*", "x").replace(".+", "x").replace("\\.", ".").replace("\\-", "-")
    return sample


def _sample(pattern):
    if isinstance(pattern, RoutePattern):
        return _route_sample(str(pattern))
    if isinstance(pattern, RegexPattern):
        return _regex_sample(pattern.regex.pattern)
    raise TypeError(pattern)


def url_patterns(patterns=None, prefix="/"):
    """(address, view name, view) for every pattern the resolver knows."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        piece = _sample(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, prefix + piece)
        elif isinstance(entry, URLPattern):
            yield prefix + piece, entry.lookup_str, entry.callback


@dataclass(frozen=True)
class Route:
    path: str
    name: str


def routes():
    """(routes, unresolved): one address per pattern, and the names of patterns whose address
    does not resolve (a sweep asserts there are none). A shadowed pattern is swept as the view
    that really answers its address."""
    found, unresolved = [], []
    for path, name, _view in url_patterns():
        try:
            resolve(path)
        except Resolver404:
            unresolved.append(name)
        else:
            found.append(Route(path, name))
    return found, unresolved
