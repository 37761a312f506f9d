"""Open every page type once per reader and record what the accessibility tests assert on.

Loading a page is the slow part, so each page is loaded once (per reader, signed out or signed
in) and then checked several ways on the spot: axe-core in light and in dark mode (switched with
``emulate_media`` on the same page) and the page width at 320 CSS pixels.
"""

import contextlib
import time
from collections import Counter

from axe_playwright_python.base import AXE_FILE_PATH
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.accessibility.pages import ANONYMOUS, EDITOR, admin_visits, visits

# The success criteria of WCAG 2.2 level A and AA (the law asks 2.1 AA of Dutch public bodies;
# 2.2 adds target size, which axe checks as ``target-size``).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {
    "light": {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]},
    # Dark mode changes colours only (tokens.css and account.css redefine colours and nothing
    # else under prefers-color-scheme: dark), so in dark mode the rules that read colours run
    # again; the structural rules would give the light-mode answer at twice the time.
    "dark": {
        "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
        "resultTypes": ["violations"],
    },
    # On a phone, lines wrap and links in text sit closer together: target size (WCAG 2.5.8)
    # is checked again at the narrow width, where Lighthouse's mobile profile found it wanting.
    # Landmarks of one kind need different names (two search forms both called "Zoeken"
    # cannot be told apart in a screen reader's list); axe files that as best practice.
    "narrow": {
        "runOnly": {"type": "rule", "values": ["target-size", "landmark-unique"]},
        "resultTypes": ["violations"],
    },
}
SCHEMES = ("light", "dark")
CHECKS = (*SCHEMES, "narrow")
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}
PHONE = {"width": 390, "height": 844}


# Resolves after two animation frames: by then resize and media-query listeners have run.
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# The outermost elements that stick out past the right edge, to say what is too wide.
TOO_WIDE = """edge => [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > edge + 1)
    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= edge + 1)
    .slice(0, 5)
    .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.getBoundingClientRect().right}`)"""


# Site search forms (components/search_form.html) a reader sees in the first screen, without
# scrolling. A page's own filter form (the member directory's) searches something else.
SEARCH_BOXES_IN_VIEW = """() => [...document.querySelectorAll('.search-form')]
    .map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0 && r.height > 0 && r.top < innerHeight && r.bottom > 0).length"""


def run_axe(page, options):
    """axe.run in the page. axe-core itself comes from axe-playwright-python (axe.min.js), put
    into every document by the context's init script, so it is parsed once per page load."""
    return page.evaluate("options => axe.run(document, options)", options)["violations"]


def open_visit(page, visit):
    """Open the page of a visit and, when it has one, submit its form; returns the status."""
    response = page.goto(visit.path)
    if visit.form is None:
        return response.status
    form = page.locator(visit.form).first
    # Type more than a field's maxlength allows, as an old browser or a paste could.
    form.evaluate(
        "f => f.querySelectorAll('[maxlength]').forEach(e => e.removeAttribute('maxlength'))"
    )
    for name, value in visit.data.items():
        form.locator(f'[name="{name}"]').fill(value)
    selector = f'button[name="{visit.button}"]' if visit.button else 'button[type="submit"]'
    with page.expect_navigation() as navigation:
        form.locator(selector).first.click()
    return navigation.value.status


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


class Findings:
    """Per page (reader and visit name): axe violations per colour scheme, width at 320 px."""

    def __init__(self):
        self.axe = {check: {} for check in CHECKS}
        self.widths = {}
        self.search_boxes = {}
        self.too_wide = {}
        self.statuses = {}
        self.csp_violations = []
        self.checked = []
        self.seconds = Counter()

    def axe_report(self, scheme):
        found = self.axe[scheme]
        return "\n".join(f"{key} [{scheme}]:\n{describe(found[key])}" for key in sorted(found))


def narrow_width(page):
    """The page's scroll width once the narrow viewport has taken effect and layout settled.

    The resize reaches the page asynchronously and media-query listeners (the menu button) run
    at the next frame. A width still too wide gets two seconds to come down, so a late layout
    pass is not reported as overflow; a page that really overflows stays too wide.
    """
    page.wait_for_function("width => window.innerWidth === width", arg=NARROW["width"])
    page.evaluate(SETTLED)
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            "width => document.documentElement.scrollWidth <= width",
            arg=NARROW["width"],
            timeout=2000,
        )
    return page.evaluate("document.documentElement.scrollWidth")


def visits_for(who, site):
    """The site's page types for a reader; the project's admin views for the editor."""
    return admin_visits(site) if who == EDITOR else visits(site)


def sweep(context, who, site, findings):
    context.add_init_script(path=AXE_FILE_PATH)
    page = context.new_page()
    for visit in visits_for(who, site):
        if who not in visit.who:
            continue
        key = f"{who}/{visit.name}"
        started = time.monotonic()
        page.set_viewport_size(DESKTOP)
        findings.statuses[key] = (open_visit(page, visit), visit)
        findings.seconds["open"] += time.monotonic() - started
        for scheme in SCHEMES:
            started = time.monotonic()
            page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
            # Buttons fade their colours; axe must see the end state, not the first frame.
            page.wait_for_function(
                "() => document.getAnimations().every(a => a.playState === 'finished')"
            )
            violations = run_axe(page, AXE_OPTIONS[scheme])
            if violations:
                findings.axe[scheme][key] = violations
            findings.seconds[scheme] += time.monotonic() - started
        started = time.monotonic()
        page.emulate_media(color_scheme="light")
        page.set_viewport_size(NARROW)
        findings.widths[key] = narrow_width(page)
        if findings.widths[key] > NARROW["width"]:
            findings.too_wide[key] = page.evaluate(TOO_WIDE, NARROW["width"])
        violations = run_axe(page, AXE_OPTIONS["narrow"])
        if violations:
            findings.axe["narrow"][key] = violations
        page.set_viewport_size(PHONE)
        page.evaluate(SETTLED)
        findings.search_boxes[key] = page.evaluate(SEARCH_BOXES_IN_VIEW)
        findings.seconds["narrow"] += time.monotonic() - started
        findings.checked.append(key)
        if who == ANONYMOUS and visit.form:
            context.clear_cookies()  # a sign-up in progress stays out of the next visit
    page.close()
