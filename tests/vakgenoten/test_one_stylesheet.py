"""A page loads one stylesheet and one script: ``css/main.css`` is collected with its @imports
inlined and ``js/site.js`` as the enhancements one after another (``vakgenoten.staticfiles``);
the production storage hashes and compresses the results."""

import json
import re
from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

from tests.blog.factories import make_article
from vakgenoten.staticfiles import SCRIPTS, inline_imports

STATIC = settings.BASE_DIR / "static"
INDEX = (STATIC / "css" / "main.css").read_text()
IMPORTED = re.findall(r'^@import "([^"]+)";', INDEX, re.MULTILINE)


# Loaded by the admin views the project adds, next to Wagtail's own stylesheets.
ADMIN_ONLY = {"components/comment-admin.css", "components/attendee-admin.css"}


def test_the_index_imports_every_component_of_the_public_site():
    components = {
        f"components/{file.name}" for file in (STATIC / "css" / "components").glob("*.css")
    } - ADMIN_ONLY
    assert components
    assert set(components) <= set(IMPORTED)


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic with the production storage (hashed names, gzip) into a fresh folder."""
    root = tmp_path_factory.mktemp("static")
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


def test_collected_stylesheet_holds_every_component_in_order_without_imports(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/main.css"]
    bundle = (collected / hashed).read_text()
    assert "@import" not in bundle
    positions = []
    for name in IMPORTED:
        source = (STATIC / "css" / name).read_text()
        assert source in bundle, f"{name} is missing from the collected main.css"
        positions.append(bundle.index(source))
    assert positions == sorted(positions), "the components are not in the index's order"
    assert (collected / f"{hashed}.gz").exists()


def test_the_development_server_serves_the_same_bundle():
    bundle = Path(finders.find("css/main.css")).read_text(encoding="utf-8")
    assert "@import" not in bundle
    assert (STATIC / "css" / "components" / "navigation.css").read_text() in bundle


def test_inlining_keeps_urls_right_and_media_queries():
    files = {
        "css/index.css": '@charset "utf-8";\n/* @import "not-this.css"; */\n'
        "@import \"parts/a.css\";\n@import url('print.css') print;\nbody { color: red; }\n",
        "css/parts/a.css": '.a { background: url("../../img/a.svg"); }\n'
        ".b { background: url(data:image/gif;base64,R0lGOD); }\n"
        '.c { background: url("/static/img/c.svg"); }\n',
        "css/print.css": ".p { background: url(img/p.png); }\n",
    }
    css = inline_imports("css/index.css", files.__getitem__)
    assert "@charset" not in css
    assert '/* @import "not-this.css"; */' in css
    assert 'url("../img/a.svg")' in css
    assert "url(data:image/gif;base64,R0lGOD)" in css
    assert 'url("/static/img/c.svg")' in css
    assert "@media print {\n.p { background: url(img/p.png); }" in css
    assert css.index(".a {") < css.index(".p {") < css.index("body {")


def test_an_import_cycle_is_refused():
    files = {"a.css": '@import "b.css";', "b.css": '@import "a.css";'}
    with pytest.raises(ValueError, match="cycle"):
        inline_imports("a.css", files.__getitem__)


@pytest.mark.django_db
def test_a_page_links_exactly_one_stylesheet(client, home_page):
    html = client.get("/").content.decode()
    assert len(re.findall(r'<link[^>]+rel="stylesheet"', html)) == 1
    assert "<style" not in html


def test_collected_site_script_holds_every_enhancement(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())
    bundle = (collected / manifest["paths"]["js/site.js"]).read_text()
    for source in SCRIPTS["js/site.js"]:
        assert (STATIC / source).read_text() in bundle, f"{source} is missing from site.js"


@pytest.mark.django_db
def test_an_article_loads_one_script(client, blog_index):
    article = make_article(blog_index, title="Eén script")
    html = client.get(article.url).content.decode()
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert scripts == ["/static/js/site.js"]
