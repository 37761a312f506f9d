"""Extension points: other apps add a section to a profile, organisation or network page.

A member's profile shows their articles, comments and events; an organisation and a network
show the articles and events that belong to them. Those live in other apps, so the members app
does not know them: each app registers a render function in its ``AppConfig.ready()``::

    from members.sections import register_profile_section

    def recent_comments(request, member):
        comments = Comment.objects.published().filter(author=member)[:5]
        if not comments:
            return ""  # nothing to show: the section is left out
        return render_to_string(
            "comments/includes/profile_comments.html", {"comments": comments}, request=request
        )

    register_profile_section("comments", recent_comments, order=20)

The function gets the request (for the viewer and for ``render_to_string``) and the object (a
``User`` for profiles, an ``Organisation`` or a ``Network``) and returns HTML, or an empty
string/None to show nothing. Sections appear in ``order``, then by name; a section should bring
its own ``<section>`` with an ``<h2>``. Until an app registers, the pages render no sections.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import mark_safe

PROFILE = "profile"
ORGANISATION = "organisation"
NETWORK = "network"


@dataclass(frozen=True)
class Section:
    name: str
    render: Callable[[Any, Any], Any]
    order: int = 100


_registry: dict[str, dict[str, Section]] = {PROFILE: {}, ORGANISATION: {}, NETWORK: {}}


def _register(kind, name, render, order):
    if not callable(render):
        raise TypeError(f"The render function of section {name!r} must be callable.")
    _registry[kind][name] = Section(name=name, render=render, order=order)


def register_profile_section(name, render, *, order=100):
    """Add a section to member profile pages: ``render(request, member) -> html``."""
    _register(PROFILE, name, render, order)


def register_organisation_section(name, render, *, order=100):
    """Add a section to organisation pages: ``render(request, organisation) -> html``."""
    _register(ORGANISATION, name, render, order)


def register_network_section(name, render, *, order=100):
    """Add a section to network pages: ``render(request, network) -> html``."""
    _register(NETWORK, name, render, order)


def unregister_section(kind, name):
    """Remove a section (tests use this to clean up after themselves)."""
    _registry[kind].pop(name, None)


def render_sections(kind, request, obj):
    """The HTML of every registered section of ``kind`` that has something to show."""
    sections = sorted(_registry[kind].values(), key=lambda section: (section.order, section.name))
    rendered = []
    for section in sections:
        html = section.render(request, obj)
        if html:
            rendered.append(mark_safe(html))  # noqa: S308  # nosec B308 B703 # apps return rendered templates
    return rendered
