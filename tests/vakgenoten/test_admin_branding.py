"""The admin shows Vakgenoten's name, mark and colours, never Wagtail's bird or name."""

import re
from pathlib import Path

import pytest

from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

WAGTAIL_MARKS = ("icon-wagtail", 'aria-label="Wagtail"', "wagtailadmin/images/favicon.ico")


def assert_no_wagtail_branding(html):
    for mark in WAGTAIL_MARKS:
        assert mark not in html, mark
    assert not re.search(r"<title>[^<]*Wagtail", html)


def test_the_dashboard_carries_vakgenoten_not_wagtail(client, editor, home_page):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_no_wagtail_branding(html)
    assert "<title>Dashboard - Vakgenoten</title>" in html
    assert "Beheer van Vakgenoten" in html
    assert 'src="/static/img/logo.svg"' in html  # the sidebar's mark, also the site's logo
    assert 'href="/static/img/favicon.svg"' in html
    assert 'href="/static/css/admin.css"' in html


def test_the_admin_login_leads_to_the_sites_own_login_page(client, home_page):
    response = client.get("/admin/login/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    html = response.content.decode()
    assert_no_wagtail_branding(html)
    assert "Vakgenoten" in html


def test_wagtails_own_login_template_shows_vakgenoten(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/admin/login/")
    request.user = AnonymousUser()
    html = render_to_string("wagtailadmin/login.html", {"form": None}, request=request)
    assert_no_wagtail_branding(html)
    assert "Inloggen bij het beheer van Vakgenoten" in html


def test_the_admin_404_and_the_userbar_show_the_vakgenoten_mark(client, editor, home_page):
    client.force_login(editor)
    response = client.get("/admin/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_no_wagtail_branding(html)
    assert "img/logo.svg" in html


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hsl_to_hex(hue, saturation, lightness):
    import colorsys

    r, g, b = colorsys.hls_to_rgb(hue / 360, lightness / 100, saturation / 100)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


def test_the_admin_colours_are_the_sites_petrol_with_aa_contrast():
    css = Path(finders.find("css/admin.css")).read_text(encoding="utf-8")
    values = dict(re.findall(r"--w-color-(\w+-(?:hue|saturation|lightness)):\s*([\d.]+)", css))
    colours = {}
    for name in ("primary", "secondary"):
        colours[name] = hsl_to_hex(
            float(values[f"{name}-hue"]),
            float(values[f"{name}-saturation"]),
            float(values[f"{name}-lightness"]),
        )
    # Within a hair of the design tokens petrol-900 and petrol-700 (static/css/tokens.css).
    assert contrast(colours["primary"], "#0a3641") < 1.05
    assert contrast(colours["secondary"], "#0f5465") < 1.05
    # White text on buttons and the sidebar, petrol links on white: at least AA (4.5:1).
    for colour in colours.values():
        assert contrast(colour, "#ffffff") >= 4.5
