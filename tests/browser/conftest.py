"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every page is watched for console errors and Content-Security-Policy violations; a test fails
when either shows up.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the database calls the browser
# tests make from that thread never overlap with the loop, so Django's guard can stand down.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module, closed afterwards.

    Playwright keeps an asyncio event loop in the test thread while it is open, and Django (and
    django-tasks) behave differently when a loop runs; closing it keeps other tests unaffected.
    """
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class PageProblems:
    """Console errors and CSP violations seen on a page during a test."""

    def __init__(self, page):
        self.console_errors = []
        self.csp_violations = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _on_console(self, message):
        if message.type == "error":
            text = message.text
            if "Content Security Policy" in text or "Content-Security-Policy" in text:
                self.csp_violations.append(text)
            else:
                self.console_errors.append(text)

    def assert_none(self):
        assert self.csp_violations == [], self.csp_violations
        assert self.console_errors == [], self.console_errors


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.problems = PageProblems(page)
    # Listen for violations the page itself reports, too (they do not always hit the console).
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective));"
    )
    yield page
    context.close()


@pytest.fixture
def agenda_site(transactional_db):
    """The demo's agenda (and what it refers to: themes, organisations, networks, members)."""
    from events import demo as events_demo
    from home import demo as home_demo
    from vakgenoten import demo

    home = demo.load()
    home_demo.load_shared()
    events_demo.load(home)
    return home
