"""The browser fixtures of tests/browser (one Chromium per module, a watched ``page``)."""

from tests.browser.conftest import browser, page  # noqa: F401  (fixtures, used by name)
