"""Lists leave out private sections through the restricted pages' paths kept in the shared
cache (``vakgenoten.queries``): a list's statement asks no restrictions of its own, and none
at all on a site without any. A restriction made or removed counts on the very next list."""

import pytest

from wagtail.models import PageViewRestriction

from blog.listing import article_listing_queryset
from tests.blog.factories import make_article
from vakgenoten.models import StandardPage
from vakgenoten.queries import exclude_private, restricted_paths

pytestmark = pytest.mark.django_db


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return sorted(article.title for article in response.context["page_obj"].object_list)


@pytest.mark.parametrize("cache_seconds", [0, 600])
def test_a_restriction_takes_its_section_out_of_every_list_at_once(
    client, blog_index, settings, cache_seconds
):
    settings.PAGE_CACHE_SECONDS = cache_seconds
    make_article(blog_index, title="Openbaar")
    private = make_article(blog_index, title="Alleen leden")
    assert titles(client, blog_index.url) == ["Alleen leden", "Openbaar"]

    restriction = PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert titles(client, blog_index.url) == ["Openbaar"]
    assert not article_listing_queryset().filter(pk=private.pk).exists()

    restriction.delete()
    assert titles(client, blog_index.url) == ["Alleen leden", "Openbaar"]


def test_everything_below_a_private_section_stays_out(home_page, blog_index, page_cache_on):
    members_only = home_page.add_child(instance=StandardPage(title="Voor leden", slug="leden"))
    public = make_article(blog_index, title="Openbaar")
    PageViewRestriction.objects.create(page=members_only, restriction_type="login")
    below = members_only.add_child(instance=StandardPage(title="Verslag", slug="verslag"))

    from wagtail.models import Page

    kept = exclude_private(Page.objects.live())
    assert public.page_ptr in kept and home_page.page_ptr in kept
    assert members_only.page_ptr not in kept and below.page_ptr not in kept
    assert restricted_paths() == [members_only.path]


def test_a_site_without_restrictions_lists_without_asking_for_them(blog_index, page_cache_on):
    make_article(blog_index, title="Openbaar")

    statement = str(article_listing_queryset().query)

    assert restricted_paths() == []
    assert "pageviewrestriction" not in statement.lower()


def test_without_the_page_cache_the_statement_asks_the_restrictions_itself(blog_index):
    assert restricted_paths() is None
    assert "wagtailcore_pageviewrestriction" in str(article_listing_queryset().query)
