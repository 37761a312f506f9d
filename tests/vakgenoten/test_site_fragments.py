"""The footer is the same on every page of a site: with the page cache on it is rendered once
per site and language and kept, while its address-bound links stay each page's own."""

import pickle

import pytest

from wagtail.models import Site

from tests.factories import UserFactory
from vakgenoten.cache import page_cache
from vakgenoten.models import SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client):
    client.force_login(UserFactory())
    return client


def footer_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<footer class="site-footer"')
    return html[start : html.index("</footer>", start)]


def test_a_signed_in_page_reads_the_footer_from_the_cache(member_client, home_page, page_cache_on):
    footer = footer_of(member_client, "/over-vakgenoten/")  # the first page renders and keeps it
    for slug in ["privacyverklaring", "toegankelijkheidsverklaring", "gebruiksvoorwaarden"]:
        assert f'href="/{slug}/"' in footer
    cache = page_cache()
    kept = [key for key in cache._cache if "fragment-footer-pages-site-" in key]
    assert len(kept) == 1
    # Another page of the site shows what was kept, whatever is kept there.
    cache._cache[kept[0]] = pickle.dumps("<li>Uit de cache</li>")
    assert "<li>Uit de cache</li>" in footer_of(member_client, "/privacyverklaring/")


def test_the_report_link_and_language_switch_are_each_pages_own(
    member_client, home_page, page_cache_on
):
    footer_of(member_client, "/over-vakgenoten/")
    footer = footer_of(member_client, "/privacyverklaring/?bron=nieuwsbrief")
    assert "?pagina=/privacyverklaring/%3Fbron%3Dnieuwsbrief" in footer
    assert "pagina=/over-vakgenoten/" not in footer


def test_new_footer_text_and_contact_details_show_at_once(member_client, home_page, page_cache_on):
    footer_of(member_client, "/over-vakgenoten/")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.footer_text = "Een nieuwe voettekst van de redactie."
    site_settings.contact_email = "redactie@vakgenoten.example"
    site_settings.save()
    footer = footer_of(member_client, "/over-vakgenoten/")
    assert "Een nieuwe voettekst van de redactie." in footer
    assert "mailto:redactie@vakgenoten.example" in footer


def test_a_statutory_page_moved_elsewhere_is_linked_at_its_new_address(
    member_client, home_page, page_cache_on
):
    footer_of(member_client, "/over-vakgenoten/")
    privacy = StandardPage.objects.get(slug="privacyverklaring")
    privacy.slug = "privacy"
    privacy.save_revision().publish()
    footer = footer_of(member_client, "/over-vakgenoten/")
    assert 'href="/privacy/"' in footer
    assert 'href="/privacyverklaring/"' not in footer


def test_each_language_keeps_its_own_footer(member_client, home_page, page_cache_on):
    assert "Over deze website" in footer_of(member_client, "/over-vakgenoten/")
    member_client.cookies["django_language"] = "en"
    english = footer_of(member_client, "/over-vakgenoten/")
    assert "About this website" in english
    assert "Over deze website" not in english
    member_client.cookies["django_language"] = "nl"
    assert "Over deze website" in footer_of(member_client, "/over-vakgenoten/")


def test_the_settings_read_their_linked_pages_in_one_query_with_only_a_links_columns(
    home_page, django_assert_num_queries
):
    """The footer's four statutory pages: the settings row alone, then the pages in one query
    when a template asks, only what a link needs (``SiteSettings.linked_pages``), and no
    query for a title or address; kept in the cache with the settings."""
    site = Site.objects.get(is_default_site=True)
    with django_assert_num_queries(1):
        site_settings = SiteSettings.for_site(site)
    with django_assert_num_queries(1):
        pages = site_settings.linked_pages
        titles = [page.title for page in pages.values()]
        paths = [pages["privacy_page"].url_path, pages["terms_page"].url_path]
    assert set(pages) == set(SiteSettings.LINKED_PAGES)
    assert "Privacyverklaring" in titles
    assert paths[0].endswith("/privacyverklaring/")
    assert "seo_title" in pages["privacy_page"].get_deferred_fields()
    kept = pickle.loads(pickle.dumps(site_settings))  # noqa: S301
    with django_assert_num_queries(0):
        assert kept.linked_pages["terms_page"].url_path == paths[1]


def test_a_linked_page_left_empty_or_deleted_is_left_out_of_the_footer(home_page):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.terms_page = None
    site_settings.save()
    StandardPage.objects.get(pk=site_settings.privacy_page_id).delete()
    pages = SiteSettings.for_site(Site.objects.get(is_default_site=True)).linked_pages
    assert set(pages) == {"about_page", "accessibility_page"}


def test_an_administrator_edits_the_settings_and_keeps_the_linked_pages(client, home_page):
    """The admin reads the settings through for_site too: its form shows the linked pages and
    saving it keeps them."""
    from django.urls import reverse

    from tests.factories import UserFactory
    from tests.factories.members import with_second_factor

    admin = with_second_factor(UserFactory(is_superuser=True, is_staff=True))
    client.force_login(admin)
    site = Site.objects.get(is_default_site=True)
    before = SiteSettings.objects.get(site=site)
    url = reverse("wagtailsettings:edit", args=["vakgenoten", "sitesettings", site.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "Privacyverklaring" in form.content.decode()
    response = client.post(
        url,
        {
            "footer_text": "Nieuwe voettekst",
            "contact_email": "",
            "contact_phone": "",
            "postal_address": "",
            "about_page": before.about_page_id or "",
            "privacy_page": before.privacy_page_id or "",
            "accessibility_page": before.accessibility_page_id or "",
            "terms_page": before.terms_page_id or "",
        },
    )
    assert response.status_code == 302
    after = SiteSettings.objects.get(site=site)
    assert after.footer_text == "Nieuwe voettekst"
    assert after.privacy_page_id == before.privacy_page_id is not None
    assert after.terms_page_id == before.terms_page_id
