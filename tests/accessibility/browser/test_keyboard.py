"""A keyboard user sees where the focus is at every stop, can skip to the content, and finds
each form error next to its field, announced with the field (aria-describedby, aria-invalid)."""

import pytest

from tests.accessibility.browser.conftest import new_context
from tests.accessibility.browser.sweep import open_visit
from tests.accessibility.pages import ANONYMOUS, MEMBER, visits

pytestmark = pytest.mark.django_db

# Runs in the page with the focused element: compares the focus ring styles of the element
# and its three nearest ancestors (a card draws the ring around the whole card) with the
# same element unfocused, then puts the focus back so the next Tab continues from here.
FOCUS_INDICATOR = """
el => {
    const chain = [];
    for (let node = el; node && chain.length < 4; node = node.parentElement) chain.push(node);
    const look = () => chain.map(node => {
        const s = getComputedStyle(node);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
            ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : '';
        const shadow = s.boxShadow !== 'none' ? s.boxShadow : '';
        return outline + '|' + shadow;
    });
    const focused = look();
    el.blur();
    const unfocused = look();
    el.focus({focusVisible: true});
    const visible = focused.some((style, i) => style !== unfocused[i] && style !== '|');
    const label = (el.getAttribute('aria-label') || el.textContent || el.name || '').trim();
    return {visible, element: `<${el.tagName.toLowerCase()}> ${label.slice(0, 60)}`};
}
"""


@pytest.fixture
def anonymous_page(browser, demo_server):  # noqa: F811
    context = new_context(browser, demo_server, ANONYMOUS, reduced_motion="reduce")
    yield context.new_page()
    context.close()


@pytest.fixture
def member_page(browser, demo_server):  # noqa: F811
    context = new_context(browser, demo_server, MEMBER, reduced_motion="reduce")
    yield context.new_page()
    context.close()


def tab_through(page, limit=250):
    """Press Tab until the focus leaves the page or comes back round; report every stop."""
    stops = []
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("document.activeElement")
        if page.evaluate("el => el === document.body || el === null", handle):
            break
        if first is not None and page.evaluate("([el, first]) => el === first", [handle, first]):
            break
        first = first or handle
        stops.append(page.evaluate(FOCUS_INDICATOR, handle))
    return stops


@pytest.mark.parametrize("path", ["/", "/kennisbank/het-wmo-loket-is-geen-loket-meer/"])
def test_keyboard_user_sees_the_focus_on_every_stop(anonymous_page, path):
    page = anonymous_page
    page.goto(path)
    stops = tab_through(page)
    assert len(stops) >= 20, stops  # header, menu, content and footer were all reached
    invisible = [stop["element"] for stop in stops if not stop["visible"]]
    assert invisible == [], f"Geen zichtbare focus op: {invisible}"


def test_skip_link_takes_the_keyboard_to_the_main_content(anonymous_page):
    page = anonymous_page
    page.goto("/kennisbank/het-wmo-loket-is-geen-loket-meer/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    assert page.evaluate(FOCUS_INDICATOR, page.evaluate_handle("document.activeElement"))["visible"]
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    # The next Tab continues inside <main>, past the header and the navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main#main') !== null")


ERROR_LINKS = """
() => {
    const errors = [...document.querySelectorAll('.form-field__error')].map(error => {
        const owner = document.querySelector(`[aria-describedby~="${error.id}"]`);
        const controls = !owner ? [] : owner.matches('fieldset')
            ? [...owner.querySelectorAll('input, select, textarea')] : [owner];
        return {
            error: error.id,
            text: error.textContent.trim(),
            described: owner !== null,
            invalid: controls.length > 0
                && controls.every(c => c.getAttribute('aria-invalid') === 'true'),
        };
    });
    const summary = [...document.querySelectorAll('.error-summary a[href^="#"]')].map(link => {
        const target = document.getElementById(link.getAttribute('href').slice(1));
        return {href: link.getAttribute('href'), found: target !== null,
                invalid: target !== null && target.getAttribute('aria-invalid') === 'true'};
    });
    return {errors, summary};
}
"""

FORMS_WITH_ERRORS = [
    ("lid-worden-met-fouten", ANONYMOUS),
    ("probleem-melden-met-fouten", ANONYMOUS),
    ("profiel-bewerken-met-fouten", MEMBER),
    ("reactie-met-fouten", MEMBER),
    ("aanmelden-met-fouten", MEMBER),
]


@pytest.mark.parametrize(("name", "who"), FORMS_WITH_ERRORS)
def test_form_errors_are_linked_to_their_fields(request, browser, demo_server, name, who):  # noqa: F811
    visit = next(v for v in visits(demo_server) if v.name == name)
    context = new_context(browser, demo_server, who)
    try:
        page = context.new_page()
        open_visit(page, visit)
        found = page.evaluate(ERROR_LINKS)
    finally:
        context.close()
    assert found["errors"], f"{name}: geen foutmelding bij een veld"
    for error in found["errors"]:
        assert error["described"], f"{name}: {error} hoort bij geen veld (aria-describedby)"
        assert error["invalid"], f"{name}: het veld van {error} heeft geen aria-invalid"
    assert found["summary"], f"{name}: de foutsamenvatting linkt naar geen veld"
    for link in found["summary"]:
        assert link["found"] and link["invalid"], f"{name}: {link}"
