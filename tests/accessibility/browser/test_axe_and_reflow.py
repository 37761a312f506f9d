"""axe-core finds no WCAG 2.2 A/AA violations on any page type, signed out and signed in, nor
on the admin views the project adds, in light and dark mode, and every page type reflows at
320 CSS pixels without horizontal scroll.

axe-core is injected without trouble (Playwright's init scripts and evaluate go through the
DevTools protocol, which the Content-Security-Policy does not govern), but while it runs axe sets
inline styles, which the site's strict policy (no 'unsafe-inline') blocks: thousands of reports
per sweep, and checks that may see a page other than the real one. So the axe contexts, and only
they, run with Playwright's ``bypass_csp=True``. The CSP itself is proven by the other browser
tests, which fail on any violation.
"""

import pytest

from tests.accessibility.browser.conftest import new_context
from tests.accessibility.browser.sweep import CHECKS, NARROW, Findings, sweep, visits_for
from tests.accessibility.pages import ANONYMOUS, EDITOR, MEMBER

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def findings(browser, demo_server):  # noqa: F811
    found = Findings()
    for who in (ANONYMOUS, MEMBER, EDITOR):
        context = new_context(browser, demo_server, who, bypass_csp=True)  # for axe, see above
        try:
            sweep(context, who, demo_server, found)
        finally:
            context.close()
    return found


def test_every_page_type_was_opened_as_expected(findings, demo_server):
    expected = {
        f"{who}/{v.name}"
        for who in (ANONYMOUS, MEMBER, EDITOR)
        for v in visits_for(who, demo_server)
        if who in v.who
    }
    assert set(findings.checked) == expected
    wrong = {
        key: status
        for key, (status, visit) in findings.statuses.items()
        if status != visit.status and not (visit.form and status in (200, 400))
    }
    assert wrong == {}
    print("seconds:", dict(findings.seconds))


@pytest.mark.parametrize("scheme", CHECKS)
def test_axe_finds_no_wcag_22_aa_violations(findings, scheme):
    assert findings.axe[scheme] == {}, "axe-core vond schendingen:\n" + findings.axe_report(scheme)


def test_every_page_type_reflows_at_320_pixels(findings):
    too_wide = {key: width for key, width in findings.widths.items() if width > NARROW["width"]}
    assert too_wide == {}, f"Horizontaal scrollen op 320 px: {too_wide}; {findings.too_wide}"


def test_a_phone_shows_one_site_search_box_in_the_first_screen(findings):
    two = {key: count for key, count in findings.search_boxes.items() if count > 1}
    assert two == {}, f"Meer dan een zoekvak in het eerste scherm op 390 px: {two}"
    assert findings.search_boxes["afgemeld/home"] == 1
