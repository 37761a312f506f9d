"""The W3C Nu HTML checker finds no errors on any page type, signed out or signed in.

Django's test client renders every page of ``pages.visits`` into a folder, and one run of the
checker (one Java start) reads them all. Valid HTML is what assistive technology relies on:
duplicate ids break label and error links, misnested elements confuse the accessibility tree.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from django.test import Client

from tests.accessibility.pages import ANONYMOUS, MEMBER, build_demo_site, visits

# The markup and the words do not change with the database (CI: SQLite only).
pytestmark = [pytest.mark.django_db, pytest.mark.database_independent]


VNU_JAR = Path(__file__).resolve().parents[2] / ".venv" / "vnu" / "vnu.jar"


def render(visit, who, member):
    client = Client()
    if who == MEMBER:
        client.force_login(member)
    if visit.form is None:
        response = client.get(visit.path)
    else:
        data = dict(visit.data)
        if visit.button:
            data[visit.button] = "1"
        response = client.post(visit.action, data, follow=True)
    # A form with errors may answer 400 (Bad Request) with the page; that is fine here.
    expected = {visit.status} if visit.form is None else {200, 400}
    assert response.status_code in expected, (visit.name, who, response.status_code)
    assert response["Content-Type"].startswith("text/html"), (visit.name, who)
    return response.content


def check_folder(folder):
    """Run the checker once over every .html file in folder; return its error messages."""
    java = shutil.which("java")
    assert java, "Java ontbreekt: `make install-test` installeert het (scripts/ensure-java.sh)"
    assert VNU_JAR.exists(), "vnu.jar ontbreekt: `make install-test` haalt het op (ensure-vnu.sh)"
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + ["--skip-non-html", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # The checker reports on stderr as JSON; exit status 1 means "errors found". Anything else
    # (no report, a crash) fails the test rather than passing it silently.
    assert result.returncode in (0, 1), result.stderr[-2000:]
    report = json.loads(result.stderr)
    assert "messages" in report, result.stderr[-2000:]
    return [
        message
        for message in report["messages"]
        if message["type"] != "info" and not checker_lags_the_standard(message)
    ]


def checker_lags_the_standard(message):
    """The HTML standard lets ``<link rel="expect" blocking="render">`` hold the first paint
    until an element is parsed (base.html uses it against layout shifts); this checker still
    allows ``blocking`` on stylesheets only. Only that message, on that element, is let through."""
    return message["message"].startswith(
        "A \u201clink\u201d element with a \u201cblocking\u201d attribute must have"
    ) and 'rel="expect"' in message.get("extract", "")


def readable(messages):
    lines = []
    for message in messages:
        name = message.get("url", "").rsplit("/", 1)[-1]
        lines.append(
            f"{name}:{message.get('lastLine', '?')}: {message['message']}\n"
            f"    {message.get('extract', '').strip()}"
        )
    return "\n".join(lines)


def test_every_page_type_is_valid_html(tmp_path):
    site = build_demo_site()
    rendered = 0
    for visit in visits(site):
        for who in visit.who:
            html = render(visit, who, site.member)
            (tmp_path / f"{who}--{visit.name}.html").write_bytes(html)
            rendered += 1
    assert rendered >= 50
    assert {ANONYMOUS, MEMBER} == {path.name.split("--")[0] for path in tmp_path.iterdir()}

    errors = check_folder(tmp_path)
    assert errors == [], f"{len(errors)} HTML-fouten:\n{readable(errors)}"
