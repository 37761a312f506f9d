"""A long Dutch compound in a title or a name breaks at 320 CSS pixels instead of widening its
card past the screen (WCAG 1.4.10, reflow).

The demo titles only just fit: "betalingsachterstanden" in a question card is 242 px wide in one
sans-serif font and more than the 288 px a card has in a wider one, so the machine's fonts
decided whether the sweep passed. Here every heading and member name on a page gets a word long
enough to overflow in any font, put in by the browser, so the test does not depend on fonts or
on demo titles, and it leaves the shared demo data alone.
"""

import pytest

from tests.accessibility.browser.conftest import new_context
from tests.accessibility.browser.sweep import NARROW, TOO_WIDE
from tests.accessibility.pages import ANSWERED_QUESTION, MEMBER, PRACTICE

pytestmark = pytest.mark.django_db

LONG_WORD = "Arbeidsongeschiktheidsverzekeringsmaatschappijen"

# Puts the word in front of the text of every heading (inside its link, if it has one) and of
# every member name; returns how many it changed.
LENGTHEN = """word => {
    const targets = [...document.querySelectorAll(
        'main h1, main h2, main h3, main h4, main .member-name__link, main .member-name__text')];
    for (const el of targets) {
        const holder = el.querySelector('a') || el;
        holder.prepend(document.createTextNode(word + ' '));
    }
    return targets.length;
}"""


@pytest.fixture(scope="module")
def widths(browser, demo_server):  # noqa: F811
    """Width of each page with long words, at 320 px, and how many elements got one.

    Browsed in a module fixture, outside the test's transaction, like the sweep: a first render
    writes image renditions, which SQLite's shared cache would refuse while a test transaction
    holds its read locks."""
    paths = [
        "/",
        "/vragen/",
        ANSWERED_QUESTION,
        "/kennisbank/",
        PRACTICE,
        demo_server.article.url,
        "/agenda/",
        demo_server.event.url,
        "/mijn-evenementen/",
        "/leden/",
        demo_server.public_profile.get_absolute_url(),
        "/organisaties/",
        "/netwerken/",
        "/voor-jou/",
    ]
    context = new_context(browser, demo_server, MEMBER)
    page = context.new_page()
    page.set_viewport_size(NARROW)
    found = {}
    try:
        for path in paths:
            status = page.goto(path).status
            lengthened = page.evaluate(LENGTHEN, LONG_WORD)
            width = page.evaluate("document.documentElement.scrollWidth")
            culprits = page.evaluate(TOO_WIDE, NARROW["width"]) if width > NARROW["width"] else []
            found[path] = (status, lengthened, width, culprits)
    finally:
        context.close()
    return found


def test_every_page_got_long_words(widths):
    assert {
        path: (status, count)
        for path, (status, count, _, _) in widths.items()
        if status != 200 or not count
    } == {}


def test_long_words_break_inside_cards_and_headings_at_320_pixels(widths):
    too_wide = {
        path: (width, culprits)
        for path, (_, _, width, culprits) in widths.items()
        if width > NARROW["width"]
    }
    assert too_wide == {}, f"Horizontaal scrollen op 320 px met lange woorden: {too_wide}"
