"""No address answers 500 to hostile input in its path or query string, for anyone.

A probe of the live site got server errors from a NUL byte in the search box, the tag filter,
the personal calendar's address and the admin's comment search, and from ``?reageer=²`` (a
Unicode digit that ``str.isdigit()`` accepts and ``int()`` refuses). This sweep sends NUL bytes,
a lone surrogate in its UTF-8 form, Unicode digits, a huge and a negative number

- into every path converter and regex group of every URL pattern (tests/security/hostile_input),
- into every query parameter the site reads: named in the source, or read during a request to
  that address (Wagtail's and allauth's views included),

as a visitor, a member and an editor, on the demo site. The answer may be anything but a server
error; every failing address is reported at once.

Of these payloads, what SQLite refuses PostgreSQL refuses too (a lone surrogate, a number out
of range), and PostgreSQL, the production database, refuses more (NUL bytes). So CI runs the
sweep on PostgreSQL alone (marker strictest_database); ``make test`` runs it on either.
"""

from urllib.parse import urlsplit

import pytest

from django.test import Client

from tests.accessibility.pages import build_demo_site
from tests.module_data import kept_for_the_module
from tests.security.hostile_input import (
    PAYLOADS,
    RecordingQueryDict,
    Template,
    read_parameters,
    routable_templates,
    samples_for,
    url_templates,
)

pytestmark = [pytest.mark.django_db, pytest.mark.strictest_database]

# Views that answer 500 on purpose.
DELIBERATE_ERRORS = {
    # /admin/failwhale/: Wagtail's page for checking that error reports reach the developers.
    "wagtail.admin.views.home.error_test",
}


@pytest.fixture
def recording(monkeypatch):
    """request.GET records the names read from it (WSGIRequest builds it from this name)."""
    monkeypatch.setattr("django.core.handlers.wsgi.QueryDict", RecordingQueryDict)
    return RecordingQueryDict.read


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, built once for the three sweeps (a sweep's own writes are rolled back)."""
    with kept_for_the_module(django_db_blocker):
        yield build_site_with_pool()


def build_site_with_pool():
    from blog.models import Author
    from comments.models import Comment
    from events.models import CalendarToken, Registration
    from members.models import Network, Organisation
    from taxonomy.models import Theme

    site = build_demo_site()
    token = CalendarToken.for_user(site.member).token
    # Candidates for each kind of slot, tried in turn until the address is found (not 404).
    site.pool = {
        "int": [
            "1",
            str(site.article.pk),
            str(site.event.pk),
            str(Comment.objects.order_by("pk").first().pk),
            str(Registration.objects.order_by("pk").first().pk),
            str(site.member.pk),
        ],
        "slug": [
            Network.objects.order_by("pk").first().slug,
            Organisation.objects.order_by("pk").first().slug,
            Author.objects.order_by("pk").first().slug,
            Theme.objects.order_by("pk").first().slug,
        ],
        "str": [token, "x"],
        "path": ["x/y"],
        "uuid": ["0b7d3a5e-6f1c-4c8e-9d2a-3f4b5c6d7e8f"],
    }
    return site


def client_for(who, site):
    from tests.blog.factories import with_second_factor
    from tests.factories import UserFactory

    client = Client(raise_request_exception=False)
    if who == "member":
        client.force_login(site.member)
    elif who == "editor":
        client.force_login(with_second_factor(UserFactory(is_staff=True, is_superuser=True)))
    return client


def page_templates():
    """One live page of each type, and the routes of routable pages."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page

    seen, templates = set(), []
    for page in Page.objects.live().specific().order_by("path"):
        if type(page) in seen or not page.url:
            continue
        seen.add(type(page))
        templates.append(Template((page.url,), f"{type(page).__name__} page"))
        if isinstance(page, RoutablePageMixin):
            templates.extend(routable_templates(page))
    return templates


class Sweep:
    """Requests as one person; failures are collected, not raised."""

    def __init__(self, client, recording):
        self.client = client
        self.recording = recording
        self.failures = []

    def get(self, address, why):
        self.recording.clear()
        response = self.client.get(address)
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            reason = f"{error[0].__name__}: {error[1]}"[:200] if error else ""
            self.failures.append(f"{response.status_code} {address} ({why}) {reason}")
        return response

    def base_address(self, template, pool):
        """The address with working samples (not 404) and the parameters its view read."""
        address = None
        for samples in samples_for(template, pool):
            address = template.fill(samples)
            response = self.get(address, f"{template.view}, plain")
            if response.status_code != 404:
                return samples, address, set(self.recording)
        return samples, address, set(self.recording)


@pytest.mark.parametrize("who", ["visitor", "member", "editor"])
def test_no_address_answers_500_to_hostile_input(demo_site, recording, who):
    sweep = Sweep(client_for(who, demo_site), recording)
    templates = list(url_templates()) + page_templates()
    assert len(templates) > 400
    source_parameters = read_parameters()
    assert {"q", "page", "reageer", "page_id", "voorbij", "pagina"} <= source_parameters
    for template in templates:
        if template.view in DELIBERATE_ERRORS:
            continue
        samples, address, read = sweep.base_address(template, demo_site.pool)
        for slot_number, _slot in enumerate(template.slots):
            for name, payload in PAYLOADS.items():
                sweep.get(template.fill(samples, payload, slot_number), f"{template.view}, {name}")
        parameters = sorted(
            name for name in read | source_parameters if isinstance(name, str) and name
        )
        separator = "&" if urlsplit(address).query else "?"
        for name, payload in PAYLOADS.items():
            query = "&".join(f"{parameter}={payload}" for parameter in parameters)
            response = sweep.get(f"{address}{separator}{query}", f"{template.view}, {name}")
            if response.status_code >= 500:
                # Name the parameter (or parameters) that fail on their own.
                for parameter in parameters:
                    sweep.get(f"{address}{separator}{parameter}={payload}", template.view)
    assert sweep.failures == [], "\n".join(sweep.failures)
