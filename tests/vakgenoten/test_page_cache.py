"""Anonymous readers get pages from the cache; changes refresh exactly the pages they touch."""

import pytest

from wagtail.models import Site

from vakgenoten.models import SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response


def test_second_anonymous_visit_is_served_without_queries(
    client, home_page, page_cache_on, django_assert_num_queries
):
    assert get(client, "/over-vakgenoten/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = get(client, "/over-vakgenoten/")
    assert response["X-Page-Cache"] == "hit"
    assert "Over Vakgenoten" in response.content.decode()
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_publishing_refreshes_the_page_and_its_listings_but_not_its_siblings(
    client, home_page, page_cache_on
):
    about = StandardPage.objects.get(slug="over-vakgenoten")
    child = about.add_child(instance=StandardPage(title="Werkgroepen", slug="werkgroepen"))
    child.save_revision().publish()
    for url in ["/", "/over-vakgenoten/", "/over-vakgenoten/werkgroepen/", "/privacyverklaring/"]:
        get(client, url)

    child.title = "Werkgroepen en kringen"
    child.save_revision().publish()

    response = get(client, "/over-vakgenoten/werkgroepen/")
    assert response["X-Page-Cache"] == "miss"
    assert "Werkgroepen en kringen" in response.content.decode()
    assert get(client, "/over-vakgenoten/")["X-Page-Cache"] == "miss"  # its listing
    assert get(client, "/privacyverklaring/")["X-Page-Cache"] == "hit"  # unrelated


def test_unpublished_page_is_gone_at_once(client, home_page, page_cache_on):
    terms = StandardPage.objects.get(slug="gebruiksvoorwaarden")
    get(client, "/gebruiksvoorwaarden/")
    terms.unpublish()
    assert client.get("/gebruiksvoorwaarden/").status_code == 404


def test_signed_in_member_never_gets_or_leaves_a_cached_page(
    client, home_page, page_cache_on, member
):
    client.force_login(member)
    response = get(client, "/over-vakgenoten/")
    assert "X-Page-Cache" not in response
    assert member.get_full_name() in response.content.decode()

    client.logout()
    client.cookies.clear()
    anonymous = get(client, "/over-vakgenoten/")
    assert anonymous["X-Page-Cache"] == "miss"
    assert member.get_full_name() not in anonymous.content.decode()


def test_visitor_with_a_pending_message_is_not_served_from_cache(client, home_page, page_cache_on):
    get(client, "/over-vakgenoten/")
    client.cookies["messages"] = "something"
    assert "X-Page-Cache" not in get(client, "/over-vakgenoten/")


def test_changing_site_settings_refreshes_every_page(client, home_page, page_cache_on):
    get(client, "/privacyverklaring/")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.footer_text = "Nieuwe voettekst van de redactie."
    site_settings.save()
    response = get(client, "/privacyverklaring/")
    assert response["X-Page-Cache"] == "miss"
    assert "Nieuwe voettekst van de redactie." in response.content.decode()


def test_each_language_has_its_own_cached_copy(client, home_page, page_cache_on):
    get(client, "/over-vakgenoten/")
    client.cookies["django_language"] = "en"
    english = get(client, "/over-vakgenoten/")
    assert english["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()
    assert get(client, "/over-vakgenoten/")["X-Page-Cache"] == "hit"
    del client.cookies["django_language"]
    dutch = get(client, "/over-vakgenoten/")
    assert dutch["X-Page-Cache"] == "hit"
    assert '<html lang="nl">' in dutch.content.decode()


def test_the_browser_language_shares_the_dutch_cached_copy(client, home_page, page_cache_on):
    """The browser's language chooses nothing, so it splits neither the cache nor a proxy's."""
    get(client, "/over-vakgenoten/")
    response = get(client, "/over-vakgenoten/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["X-Page-Cache"] == "hit"
    assert '<html lang="nl">' in response.content.decode()
    vary = {value.strip().lower() for value in response["Vary"].split(",")}
    assert "cookie" in vary
    assert "accept-language" not in vary


def test_cached_pages_carry_no_csrf_token_or_cookie(client, home_page, page_cache_on):
    first = get(client, "/")
    assert not first.cookies
    assert "csrfmiddlewaretoken" not in first.content.decode()


def test_language_switch_works_without_a_token_and_refuses_off_site_next(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["django_language"].value == "en"


def test_members_get_the_site_from_the_cache_until_a_site_changes(
    client, home_page, page_cache_on, member
):
    """Wagtail's site lookup and the home page's row come from the cache (``cached_site``), on
    pages and on views outside Wagtail (the member directory); saving a site (here: another
    root page) refreshes them at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member)
    for url in ("/over-vakgenoten/", "/zoeken/?q=vakgenoten", "/leden/"):
        get(client, url)
        with CaptureQueriesContext(connection) as context:
            get(client, url)
        assert not [q for q in context.captured_queries if "wagtailcore_site" in q["sql"]]

    site = Site.objects.get(is_default_site=True)
    site.root_page = StandardPage.objects.get(slug="over-vakgenoten")
    site.save()
    assert "Over Vakgenoten" in get(client, "/").content.decode()
    assert client.get("/over-vakgenoten/").status_code == 404  # now the root, not a child


def test_a_page_below_the_home_page_reads_none_of_the_home_pages_own_fields(
    client, home_page, page_cache_on, member
):
    """The kept site carries its home page with the home page's own fields deferred: a first
    render of another page does not read them, and the home page itself still shows them,
    also to a member from the cache, and fresh after a publish."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert home_page.intro
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as context:
        get(client, "/over-vakgenoten/")
    assert not [q for q in context.captured_queries if "vakgenoten_homepage" in q["sql"]]

    client.force_login(member)
    assert home_page.intro in get(client, "/").content.decode()
    with CaptureQueriesContext(connection) as context:
        assert home_page.intro in get(client, "/").content.decode()
    assert not [q for q in context.captured_queries if "vakgenoten_homepage" in q["sql"]]

    home_page.intro = "Een nieuwe introductie voor de startpagina."
    home_page.save_revision().publish()
    assert "Een nieuwe introductie voor de startpagina." in get(client, "/").content.decode()


def test_making_a_page_private_takes_it_out_of_the_cache_at_once(client, home_page, page_cache_on):
    """Editors set privacy in the admin (a view restriction); the cached public copy of the
    page and of the pages below it must not be served to visitors after that."""
    from wagtail.models import PageViewRestriction

    about = StandardPage.objects.get(slug="over-vakgenoten")
    get(client, "/over-vakgenoten/")
    assert get(client, "/over-vakgenoten/")["X-Page-Cache"] == "hit"

    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get("/over-vakgenoten/").status_code == 302  # to the login page

    restriction.delete()
    assert get(client, "/over-vakgenoten/")["X-Page-Cache"] == "miss"


def test_members_get_a_deep_page_routed_from_the_cache(client, deep_page, page_cache_on, member):
    """The path's page and the page itself come from the cache (HomePage.route); publishing a
    change to the page refreshes it at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member)
    get(client, "/over-vakgenoten/werkgroepen/")
    with CaptureQueriesContext(connection) as context:
        get(client, "/over-vakgenoten/werkgroepen/")
    statements = [q["sql"] for q in context.captured_queries]
    assert not [sql for sql in statements if '"wagtailcore_page"."url_path" IN' in sql]
    assert not [sql for sql in statements if "vakgenoten_standardpage" in sql]

    deep_page.title = "Werkgroepen en commissies"
    deep_page.save_revision().publish()
    assert (
        "Werkgroepen en commissies" in get(client, "/over-vakgenoten/werkgroepen/").content.decode()
    )


def test_a_routed_page_that_is_unpublished_moved_or_deleted_is_gone_at_once(
    client, deep_page, page_cache_on, member
):
    client.force_login(member)
    url = "/over-vakgenoten/werkgroepen/"
    get(client, url)

    deep_page.unpublish()
    assert client.get(url).status_code == 404

    deep_page.save_revision().publish()
    get(client, url)
    deep_page.slug = "commissies"
    deep_page.save_revision().publish()
    assert client.get(url).status_code in (301, 302, 404)  # no longer served at the old path
    get(client, "/over-vakgenoten/commissies/")

    StandardPage.objects.get(pk=deep_page.pk).delete()
    assert client.get("/over-vakgenoten/commissies/").status_code == 404


def test_a_renamed_parent_shows_in_its_childrens_breadcrumbs_at_once(
    client, deep_page, page_cache_on, member
):
    """A page deeper than the menu: its title is in the breadcrumbs of the pages below it,
    for visitors (whole cached pages) and members (cached breadcrumbs and route)."""
    child = deep_page.add_child(instance=StandardPage(title="Commissie wonen", slug="wonen"))
    child.save_revision().publish()
    url = "/over-vakgenoten/werkgroepen/wonen/"
    get(client, url)
    client.force_login(member)
    get(client, url)

    deep_page = StandardPage.objects.get(pk=deep_page.pk)
    deep_page.title = "Werkgroepen en commissies"
    deep_page.save_revision().publish()
    assert "Werkgroepen en commissies" in get(client, url).content.decode()
    client.logout()
    assert "Werkgroepen en commissies" in get(client, url).content.decode()


def test_a_deploy_refreshes_everything_cached(client, home_page, page_cache_on):
    """Every deploy runs migrate; what the previous release cached is not served after it."""
    from django.core.management.sql import emit_post_migrate_signal

    get(client, "/over-vakgenoten/")
    assert get(client, "/over-vakgenoten/")["X-Page-Cache"] == "hit"
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert get(client, "/over-vakgenoten/")["X-Page-Cache"] == "miss"


def test_migrate_goes_on_when_the_cache_server_is_away(home_page, monkeypatch, caplog):
    """A migrate run without a reachable Redis (a build step) must not fail on the purge."""
    from django.core.management.sql import emit_post_migrate_signal

    from vakgenoten import signals

    def unreachable():
        raise ConnectionError("Connection refused")

    monkeypatch.setattr(signals, "purge_all", unreachable)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert "the cache could not be purged" in caplog.text


def test_a_hit_is_served_before_sessions_and_sign_in_with_the_headers_it_was_stored_with(
    client, home_page, page_cache_on
):
    """The page cache sits near the top of the stack: a hit skips the layers below it and
    carries the headers they gave the page when it was stored (docs/caching.md)."""
    miss = get(client, "/over-vakgenoten/", HTTP_ACCEPT_ENCODING="gzip")
    hit = get(client, "/over-vakgenoten/", HTTP_ACCEPT_ENCODING="gzip")
    assert hit["X-Page-Cache"] == "hit"
    assert not hasattr(hit.wsgi_request, "session")
    assert not hasattr(hit.wsgi_request, "user")
    different = {"X-Page-Cache", "X-Request-ID"}
    assert {k: v for k, v in hit.items() if k not in different} == {
        k: v for k, v in miss.items() if k not in different
    }
    for header in ("Content-Encoding", "ETag", "Vary", "Content-Language", "X-Frame-Options"):
        assert hit.has_header(header)


def test_a_hit_answers_a_current_browser_copy_with_304(client, home_page, page_cache_on):
    etag = get(client, "/over-vakgenoten/", HTTP_ACCEPT_ENCODING="gzip")["ETag"]
    response = client.get("/over-vakgenoten/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response.content == b""
    # A HEAD is answered in full, as Django's ConditionalGetMiddleware does on a miss.
    head = client.head("/over-vakgenoten/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
    assert head.status_code == 200


def test_a_hit_answers_every_conditional_request_as_a_miss_would(client, home_page, page_cache_on):
    etag = get(client, "/over-vakgenoten/", HTTP_ACCEPT_ENCODING="gzip")["ETag"]
    asked = {
        "HTTP_IF_NONE_MATCH": (etag, 304),
        "HTTP_IF_MATCH": ('"een-andere-versie"', 412),
        "HTTP_IF_MODIFIED_SINCE": ("Sat, 05 Dec 2099 10:00:00 GMT", 200),
        # Pages carry no Last-Modified, so Django cannot tell: it refuses, on a miss as well.
        "HTTP_IF_UNMODIFIED_SINCE": ("Sat, 05 Dec 2099 10:00:00 GMT", 412),
    }
    for header, (value, status) in asked.items():
        response = client.get("/over-vakgenoten/", HTTP_ACCEPT_ENCODING="gzip", **{header: value})
        assert response.status_code == status, header
        if status == 200:
            assert response["X-Page-Cache"] == "hit"
    plain = client.get("/over-vakgenoten/", HTTP_ACCEPT_ENCODING="gzip")
    assert plain.status_code == 200
    assert plain["ETag"] == etag
