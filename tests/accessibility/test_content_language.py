"""In the English interface, every Dutch text from the database is marked ``lang="nl"``.

WCAG 3.1.2 (language of parts): a screen reader reads a part in the voice of its ``lang``. The
interface follows the visitor's choice; what editors and members wrote stays Dutch. Each page
type of ``pages.visits`` is opened in English, and every text on it that is a page title or an
introduction from the database must sit inside an element whose nearest ``lang`` is ``nl``.
"""

from html.parser import HTMLParser

import pytest

from django.test import Client

from wagtail.models import Page

from comments.models import Comment
from taxonomy.models import Theme
from tests.accessibility.pages import MEMBER, build_demo_site, visits
from tests.module_data import kept_for_the_module

# The markup and the words do not change with the database (CI: SQLite only).
pytestmark = [pytest.mark.django_db, pytest.mark.database_independent]

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}
# The site's name (the home page's title): a proper name, the same in every language.
PROPER_NAMES = {"Vakgenoten"}


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, built once for both tests (a test's own writes are rolled back)."""
    with kept_for_the_module(django_db_blocker):
        yield build_demo_site()


class LanguageOfText(HTMLParser):
    """The text nodes of a page's ``<body>``, each with the ``lang`` that applies to it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang)
        self.texts = []  # (text, lang)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        inherited = self.stack[-1][1] if self.stack else None
        self.stack.append((tag, dict(attrs).get("lang", inherited)))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        text = " ".join(data.split())
        tags = [tag for tag, _lang in self.stack]
        if text and "body" in tags and not {"script", "style", "option"} & set(tags):
            self.texts.append((text, self.stack[-1][1]))


def dutch_content():
    """Titles and theme names (exact), introductions and comments (their opening words)."""
    titles = {" ".join(page.title.split()) for page in Page.objects.live().filter(depth__gt=1)}
    titles |= {" ".join(name.split()) for name in Theme.objects.values_list("name", flat=True)}
    titles -= PROPER_NAMES
    titles |= {" ".join(name.split()) for name in Theme.objects.values_list("name", flat=True)}
    titles -= PROPER_NAMES
    openings = set()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        intro = " ".join(getattr(page, "intro", "").split())
        if len(intro) > 40:
            openings.add(intro[:40])
    for body in Comment.objects.values_list("body", flat=True):
        words = " ".join(body.replace("*", "").split())
        if len(words) > 40 and "[" not in words[:40]:
            openings.add(words[:40])
    return titles, openings


def unmarked_content(html, titles, openings):
    parser = LanguageOfText()
    parser.feed(html)
    found, unmarked = 0, []
    for text, lang in parser.texts:
        if text in titles or any(text.startswith(opening) for opening in openings):
            found += 1
            if lang != "nl":
                unmarked.append((text[:60], lang))
    return found, unmarked


def test_dutch_content_is_marked_on_every_page_type_in_english(demo_site):
    site = demo_site
    titles, openings = dutch_content()
    clients = {}
    for who in ("afgemeld", MEMBER):
        clients[who] = Client()
        clients[who].cookies["django_language"] = "en"
        if who == MEMBER:
            clients[who].force_login(site.member)

    problems, checked = [], 0
    for visit in visits(site):
        if visit.form is not None:
            continue
        for who in visit.who:
            response = clients[who].get(visit.path)
            assert response.status_code == visit.status, (visit.name, who)
            html = response.content.decode()
            assert '<html lang="en">' in html, (visit.name, who)
            found, unmarked = unmarked_content(html, titles, openings)
            checked += found
            problems += [
                f"{visit.name} ({who}): {text!r} in lang={lang}" for text, lang in unmarked
            ]
    assert checked > 200, "Too few Dutch texts found: did the demo content change?"
    assert problems == [], "Dutch content without lang=nl:\n" + "\n".join(problems)


def test_dutch_interface_adds_no_lang_attributes_to_content(demo_site, client):
    """In Dutch, ``<html lang="nl">`` says it all; content needs no attribute of its own."""
    site = demo_site
    html = client.get(site.article.url).content.decode()
    assert '<html lang="nl">' in html
    assert 'lang="nl"' not in html.split("<body", 1)[1].replace('value="nl" lang="nl"', "")
