"""One demo site for the accessibility browser tests, and their Chromium.

pytest-django's ``live_server`` makes every test that uses it transactional, so the database is
emptied after each test and the demo content (the slow part) would be built again and again.
Here the demo content is built once for this folder, served by a live server of its own, and
emptied once at the end (``flush`` also restores the baseline: tree roots and groups). The
tests themselves carry the plain ``django_db`` mark, which opens the database to them.
"""

import pytest
from pytest_django.live_server_helper import LiveServer

from django.core.management import call_command
from django.test import Client

from tests.accessibility.pages import build_demo_site
from tests.browser.conftest import CHROMIUM_ARGS, browser  # noqa: F401  (one Chromium per module)

__all__ = ["CHROMIUM_ARGS", "browser"]


@pytest.fixture(scope="package")
def demo_server(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        site = build_demo_site()
        client = Client()
        client.force_login(site.member)
        site.member_session = client.cookies["sessionid"].value
        editor_client = Client()
        editor_client.force_login(site.editor)
        site.editor_session = editor_client.cookies["sessionid"].value
        server = LiveServer("localhost")
        site.url = server.url
        try:
            yield site
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


def new_context(browser, site, who, **options):  # noqa: F811
    """A browser context for a reader signed out, the demo member or the editor signed in."""
    from tests.accessibility.pages import EDITOR, MEMBER

    context = browser.new_context(base_url=site.url, locale="nl-NL", **options)
    session = {MEMBER: site.member_session, EDITOR: site.editor_session}.get(who)
    if session:
        context.add_cookies([{"name": "sessionid", "value": session, "url": site.url}])
    return context
