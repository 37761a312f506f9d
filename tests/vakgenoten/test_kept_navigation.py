"""The main menu and the breadcrumbs are kept as parts of the page being shown: a member's
request reads them with the page's other parts instead of rendering two templates, and every
change to a menu item or a page title shows on the next request."""

from types import SimpleNamespace

import pytest

from django.template import engines

from vakgenoten.models import StandardPage

pytestmark = pytest.mark.django_db

NAVIGATION = {"navigation/main_menu.html", "navigation/breadcrumbs.html"}


def _nav(response, kind):
    html = response.content.decode()
    start = html.index(f'<nav class="{kind}"')
    return html[start : html.index("</nav>", start)]


def _rendered(response):
    return {template.name for template in response.templates}


def test_a_member_reads_menu_and_breadcrumbs_without_rendering_them(
    client, deep_page, member, page_cache_on
):
    client.force_login(member)
    first = client.get(deep_page.url)
    assert _rendered(first) >= NAVIGATION
    again = client.get(deep_page.url)
    assert not NAVIGATION & _rendered(again)
    for kind in ("main-nav", "breadcrumbs"):
        assert _nav(again, kind) == _nav(first, kind)
    assert 'aria-current="page">Werkgroepen</a>' in _nav(again, "breadcrumbs")


def test_each_page_has_its_own_menu_state(client, deep_page, member, page_cache_on):
    client.force_login(member)
    section = deep_page.get_parent()
    assert 'aria-current="true"' in client.get(deep_page.url).content.decode()
    on_section = client.get(section.url).content.decode()
    assert f'href="{section.url}" aria-current="page"' in on_section


def test_a_new_menu_item_and_a_new_title_show_at_once(client, deep_page, member, page_cache_on):
    client.force_login(member)
    client.get(deep_page.url)
    home = deep_page.get_parent().get_parent()
    agenda = home.add_child(instance=StandardPage(title="Werkplaats", slug="werkplaats"))
    agenda.show_in_menus = True
    agenda.save_revision().publish()
    assert ">Werkplaats</a>" in client.get(deep_page.url).content.decode()

    page = StandardPage.objects.get(pk=deep_page.pk)
    page.title = "Werkgroepen en kringen"
    page.save_revision().publish()
    html = client.get(deep_page.url).content.decode()
    assert 'aria-current="page">Werkgroepen en kringen</a>' in html


def test_a_preview_shows_the_draft_title_and_keeps_nothing(rf, deep_page, member, page_cache_on):
    template = engines["django"].from_string("{% load navigation_tags %}{% breadcrumbs %}")

    def render(page, preview):
        request = rf.get(deep_page.url, HTTP_HOST="localhost")
        request.user = member
        request.is_preview = preview
        return template.render({"request": request, "page": page})

    assert ">Werkgroepen</a>" in render(deep_page, preview=False)
    draft = StandardPage.objects.get(pk=deep_page.pk)
    draft.title = "Concepttitel"
    assert ">Concepttitel</a>" in render(draft, preview=True)
    assert ">Werkgroepen</a>" in render(draft, preview=False)  # the published page's, kept


def test_something_else_called_page_keeps_nothing_under_a_pages_id(
    rf, deep_page, member, page_cache_on
):
    template = engines["django"].from_string("{% load navigation_tags %}{% breadcrumbs %}")
    request = rf.get("/elders/", HTTP_HOST="localhost")
    request.user = member
    not_a_page = SimpleNamespace(pk=deep_page.pk, depth=0, title="Lijst")
    assert template.render({"request": request, "page": not_a_page}).strip() == ""
    request = rf.get(deep_page.url, HTTP_HOST="localhost")
    request.user = member
    assert ">Werkgroepen</a>" in template.render({"request": request, "page": deep_page})


def test_menu_and_breadcrumbs_read_only_what_a_link_needs(
    client, deep_page, django_assert_num_queries
):
    """Their pages come with id, title and path only, and render without a query for
    anything left out."""
    from django.test import RequestFactory

    from vakgenoten.templatetags.navigation_tags import breadcrumb_items

    request = RequestFactory().get(deep_page.url)
    items = breadcrumb_items({"request": request, "page": deep_page})
    ancestor = items["ancestors"][-1]
    assert ancestor.title == "Over Vakgenoten"
    assert {"seo_title", "search_description", "owner_id"} <= ancestor.get_deferred_fields()
    template = engines["django"].from_string(
        "{% load wagtailcore_tags %}{% for page in ancestors %}{% pageurl page %} {% endfor %}"
    )
    with django_assert_num_queries(0):
        links = template.render({"ancestors": items["ancestors"], "request": request})
    assert "/over-vakgenoten/" in links
    # The menu's pages too: the whole page renders its menu as before.
    assert 'href="/over-vakgenoten/"' in _nav(client.get(deep_page.url), "main-nav")


def _trail(response):
    import re

    return re.findall(r'class="breadcrumbs__link" href="([^"]+)"[^>]*>([^<]+)</a>', response)


@pytest.mark.parametrize("depth", [3, 4, 5])
def test_the_trail_of_a_routed_page_comes_from_its_route_down_to_the_second_level(
    client, deep_page, depth
):
    """A page below the home page or a section right below it knows its trail from routing
    (its parent, the site's home page); a deeper one asks the tree. The trail is the same."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = {3: deep_page.get_parent(), 4: deep_page}.get(depth)
    if page is None:
        page = deep_page.add_child(instance=StandardPage(title="Kring Oost", slug="kring-oost"))
        page.save_revision().publish()
    with CaptureQueriesContext(connection) as context:
        html = client.get(page.url).content.decode()
    ancestors = [
        q for q in context.captured_queries if "depth" in q["sql"] and '"depth" >' in q["sql"]
    ]
    assert len(ancestors) == (1 if depth == 5 else 0)
    expected = [(a.url, a.title) for a in page.get_ancestors().filter(depth__gt=1)]
    assert _trail(html)[:-1] == expected
    assert _trail(html)[-1] == (page.url, page.title)
