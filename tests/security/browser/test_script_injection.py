"""No script a member or visitor types ever runs: proven in real Chromium.

Every attempt in tests/security/payloads.py goes into every field a member can write — first
and last name, job title and bio (profile), a comment (on an article), a registration remark
(on an event) — through the same views a browser posts to, so the real cleaning and escaping
run. Then Chromium loads the pages that show those values: the article with all the comments,
every profile, every page of the member directory and the organiser's attendee list in the
admin (which has a looser policy, so escaping alone has to hold there). The search box is tried
with every attempt on the results page.

On every page: no dialog opens, ``window.xssfired`` stays unset, no request goes to the marker
addresses, and no CSP violation or console error fires (the ``page`` fixture watches those).
"""

from urllib.parse import urlencode, urlsplit

import pytest

from django.core.exceptions import ValidationError
from django.test import Client

from blog.search import MAX_QUERY_LENGTH
from comments.threads import PAGE_PARAM, THREADS_PER_PAGE
from members.views.common import MEMBERS_PER_PAGE
from tests.security.payloads import MARKER_HOST, MARKER_PATH, PAYLOADS
from vakgenoten.text import validate_name, validate_single_line

pytestmark = pytest.mark.django_db(transaction=True)

PROFILE = "/mijn-account/profiel/"


def accepted(validator, value):
    try:
        validator(value)
    except ValidationError:
        return False
    return True


# A bio holds 600 characters: every fourth writer's bio carries the next four attempts, so the
# browser opens a quarter of the profiles and still sees every attempt as a bio.
BIOS_PER_PROFILE = 4


def search_queries():
    """The attempts joined into as few queries as the search box takes (200 characters)."""
    queries, current = [], ""
    for payload in PAYLOADS:
        candidate = one_line(f"{current} {payload}")
        if current and len(candidate) > MAX_QUERY_LENGTH:
            queries.append(current)
            candidate = one_line(payload)
        current = candidate
    return [*queries, current]


class Watcher:
    """Dialogs and marker requests seen in a browser context, with the page they came from."""

    def __init__(self, page):
        self.page = page
        self.hits = []
        page.on("dialog", self._on_dialog)
        page.context.on("request", self._on_request)

    def _on_dialog(self, dialog):
        self.hits.append(f"dialog {dialog.type} {dialog.message!r} on {self.page.url}")
        dialog.dismiss()

    def _on_request(self, request):
        # Only the address itself counts: the search test's own requests carry the attempts,
        # markers included, in their query string.
        address = urlsplit(request.url)
        if MARKER_PATH in address.path or MARKER_HOST in address.netloc:
            self.hits.append(f"request to {request.url} from {self.page.url}")

    def visit(self, url):
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, (url, response and response.status)
        if self.page.evaluate("typeof window.xssfired !== 'undefined'"):
            self.hits.append(f"window.xssfired set on {url}")
        return response

    def assert_clean(self):
        assert self.hits == [], "\n".join(self.hits[:20])
        self.page.problems.assert_none()


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def one_line(text):
    return " ".join(text.split())


NO_SPACE = {ord(char): None for char in "".join(set("".join(PAYLOADS))) if char.isspace()}


@pytest.fixture
def scene(transactional_db):
    """An article and an event, and one member per attempt who wrote it everywhere."""

    from wagtail.models import Site

    from comments.models import Comment, CommentSettings, ConversationSubscription
    from events.models import Registration
    from tests.factories import (
        BlogIndexPageFactory,
        BlogPostPageFactory,
        EventIndexPageFactory,
        EventPageFactory,
        UserFactory,
    )
    from vakgenoten import demo

    home = demo.load()
    index = BlogIndexPageFactory(parent=home, show_in_menus=False)
    article = BlogPostPageFactory(parent=index, title="Veilig reageren")
    agenda = EventIndexPageFactory(parent=home, show_in_menus=False)
    event = EventPageFactory(
        parent=agenda,
        title="Ledendag Veiligheid",
        slug="ledendag-veiligheid",
        intro="Een dag over veilig werken.",
        venue_name="Stadskantoor",
        capacity=len(PAYLOADS) + 10,
    )

    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hold_first_comments = 0  # publish at once, so every reader sees every attempt
    settings.max_links = 100
    settings.save()

    viewer = UserFactory(first_name="Lieke", last_name="Lezer")
    client = Client()
    comment_url = f"/reacties/pagina/{article.pk}/"

    refused = []
    for number, payload in enumerate(PAYLOADS):
        writer = UserFactory(email=f"aanvaller{number}@gemeente.example")
        client.force_login(writer)
        bio = payload
        if number % BIOS_PER_PROFILE == 0:  # the profiles the browser opens carry several bios
            bio = "\n\n".join(PAYLOADS[number : number + BIOS_PER_PROFILE])
        # A payload with line breaks or invisible characters cannot be a name or a job title at
        # all (vakgenoten.text refuses it); those writers use a plain name and carry the payload
        # in the other fields.
        name = payload if accepted(validate_name, payload) else f"Aanvaller {number}"
        profile = {
            "first_name": name,
            "last_name": name,
            "role": payload if accepted(validate_single_line, payload) else "",
            "bio": bio,
            "visibility": "members",
        }
        steps = [
            (PROFILE, profile),
            (comment_url, {"body": payload, "post": "1"}),
            (f"/evenementen/{event.pk}/aanmelden/", {"remark": payload}),
        ]
        for url, data in steps:
            response = client.post(url, data)
            if response.status_code != 302:
                refused.append((number, url, response.status_code))
        # Following the conversation would mail every earlier writer about each new reply.
        ConversationSubscription.objects.filter(user=writer).delete()
    assert refused == [], refused
    assert Comment.objects.filter(page=article).count() == len(PAYLOADS)
    assert Registration.objects.filter(event=event).count() == len(PAYLOADS)
    return {"article": article, "event": event, "viewer": viewer}


def test_nothing_a_member_writes_runs_in_any_page_that_shows_it(page, live_server, scene):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from members.models import User
    from tests.factories import UserFactory

    watcher = Watcher(page)
    sign_in(page, live_server, scene["viewer"])

    # Every page of the article's conversation, with every attempt as a comment.
    shown = 0
    for number in range(1, -(-len(PAYLOADS) // THREADS_PER_PAGE) + 1):
        watcher.visit(f"{scene['article'].url}?{PAGE_PARAM}={number}")
        shown += page.locator("article.comment").count()
    assert shown == len(PAYLOADS)

    # Every page of the member directory (names and job titles of all writers).
    writers = list(User.objects.filter(email__startswith="aanvaller").order_by("pk"))
    cards = 0
    for number in range(1, -(-(len(writers) + 1) // MEMBERS_PER_PAGE) + 1):
        watcher.visit(f"/leden/?page={number}")
        cards += page.locator("article.member-card").count()
    assert cards == len(writers) + 1

    # The profiles whose bio holds several attempts: together they show every attempt's bio.
    for writer in writers[::BIOS_PER_PROFILE]:
        watcher.visit(f"/leden/{writer.pk}/")
        name = page.locator("#member-name").inner_text()
        assert one_line(writer.first_name) in one_line(name), (writer.pk, name)

    # The organiser's attendee list in the admin, whose own policy allows inline script.
    organiser = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(organiser, generate_totp_secret())
    sign_in(page, live_server, organiser)
    watcher.visit(f"/admin/aanmeldingen/{scene['event'].pk}/")
    watcher.assert_clean()


def test_nothing_typed_into_the_search_box_runs_on_the_results_page(page, transactional_db):
    from vakgenoten import demo

    demo.load()
    watcher = Watcher(page)
    queries = search_queries()
    assert "".join(queries).replace(" ", "") == "".join(PAYLOADS).translate(NO_SPACE)
    for query in queries:
        watcher.visit("/zoeken/?" + urlencode({"q": query}))
        assert page.locator("main input[name=q]").first.input_value() == query
    watcher.assert_clean()
