"""axe-core finds no WCAG 2.1 A/AA violations on any page type, signed out and signed in, in
light and dark mode, and every page type reflows at 320 CSS pixels without horizontal scroll.

axe-core is injected without trouble (Playwright's init scripts and evaluate go through the
DevTools protocol, which the Content-Security-Policy does not govern), but while it runs axe sets
inline styles, which the site's strict policy (no 'unsafe-inline') blocks: thousands of reports
per sweep, and checks that may see a page other than the real one. So the axe contexts, and only
they, run with Playwright's ``bypass_csp=True``. The CSP itself is proven by the other browser
tests, which fail on any violation.
"""

import pytest

from tests.accessibility.browser.conftest import new_context
from tests.accessibility.browser.sweep import NARROW, SCHEMES, Findings, sweep
from tests.accessibility.pages import ANONYMOUS, MEMBER, visits

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def findings(browser, demo_server):  # noqa: F811
    found = Findings()
    for who in (ANONYMOUS, MEMBER):
        context = new_context(browser, demo_server, who, bypass_csp=True)  # for axe, see above
        try:
            sweep(context, who, demo_server, found)
        finally:
            context.close()
    return found


def test_every_page_type_was_opened_as_expected(findings, demo_server):
    expected = {f"{who}/{v.name}" for v in visits(demo_server) for who in v.who}
    assert set(findings.checked) == expected
    wrong = {
        key: status
        for key, (status, visit) in findings.statuses.items()
        if status != visit.status and not (visit.form and status in (200, 400))
    }
    assert wrong == {}
    print("seconds:", dict(findings.seconds))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_wcag_21_aa_violations(findings, scheme):
    assert findings.axe[scheme] == {}, "axe-core vond schendingen:\n" + findings.axe_report(scheme)


def test_every_page_type_reflows_at_320_pixels(findings):
    too_wide = {key: width for key, width in findings.widths.items() if width > NARROW["width"]}
    assert too_wide == {}, f"Horizontaal scrollen op 320 px: {too_wide}; {findings.too_wide}"
