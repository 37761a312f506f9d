"""A page's view restrictions come from the shared cache when it is served, and a change to
them, or to where the page sits, counts on the very next request."""

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

from vakgenoten.models import StandardPage

pytestmark = pytest.mark.django_db

URL = "/over-vakgenoten/werkgroepen/"


def restriction_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    asked = [
        q["sql"] for q in context.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]
    ]
    return response, asked


def test_a_signed_in_view_asks_the_database_for_restrictions_once(
    client, deep_page, page_cache_on, member
):
    client.force_login(member)
    first, asked_first = restriction_queries(client, URL)
    again, asked_again = restriction_queries(client, URL)
    assert first.status_code == again.status_code == 200
    assert asked_first
    assert asked_again == []


def test_on_a_site_without_restrictions_a_first_render_asks_only_the_kept_paths(
    client, deep_page, page_cache_on, member
):
    """No restriction anywhere: the serve hook reads the restricted pages' paths (one query,
    shared with every list on the page), not the page's ancestors and their restrictions."""
    client.force_login(member)
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL).status_code == 200
    sql = [q["sql"] for q in context.captured_queries]
    assert len([q for q in sql if "wagtailcore_pageviewrestriction" in q]) == 1
    ancestors = 'SELECT "wagtailcore_page"."id", "wagtailcore_page"."alias_of_id" FROM'
    assert not [q for q in sql if q.startswith(ancestors)]


def test_a_parent_made_private_keeps_members_of_other_groups_out_at_once(
    client, deep_page, page_cache_on, member
):
    client.force_login(member)
    assert client.get(URL).status_code == 200
    board = Group.objects.create(name="Bestuur")
    restriction = PageViewRestriction.objects.create(
        page=StandardPage.objects.get(slug="over-vakgenoten"),
        restriction_type=PageViewRestriction.GROUPS,
    )
    restriction.groups.add(board)

    assert client.get(URL).status_code == 302  # to the login page: not in the group

    member.groups.add(board)
    assert client.get(URL).status_code == 200

    restriction.delete()
    member.groups.remove(board)
    assert client.get(URL).status_code == 200


def test_a_page_moved_under_a_private_section_is_private_at_once(client, deep_page, page_cache_on):
    private = StandardPage.objects.get(slug="privacyverklaring")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(URL).status_code == 200

    deep_page.move(private, pos="last-child")
    moved = Page.objects.get(pk=deep_page.pk).url
    assert client.get(moved).status_code == 302


def test_the_kept_restrictions_are_a_queryset_the_admin_can_order(deep_page, page_cache_on):
    """The admin's privacy dialog orders them: that asks the database, not the kept rows."""
    about = StandardPage.objects.get(slug="over-vakgenoten")
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    kept = StandardPage.objects.get(pk=deep_page.pk).get_view_restrictions()
    assert [r.page_id for r in kept] == [about.pk]
    with CaptureQueriesContext(connection) as context:
        ordered = list(kept.order_by("-page__depth"))
    assert [r.page_id for r in ordered] == [about.pk]
    assert len(context.captured_queries) == 1


def test_converting_an_alias_purges_what_its_source_restricted(client, deep_page, page_cache_on):
    alias = deep_page.create_alias(parent=StandardPage.objects.get(slug="privacyverklaring"))
    PageViewRestriction.objects.create(page=deep_page, restriction_type=PageViewRestriction.LOGIN)
    alias_url = Page.objects.get(pk=alias.pk).url
    assert client.get(alias_url).status_code == 302  # the source's restriction counts
    assert client.get(alias_url).status_code == 302  # and again, from the cache

    from wagtail.actions.convert_alias import ConvertAliasPageAction

    ConvertAliasPageAction(Page.objects.get(pk=alias.pk).specific).execute(
        skip_permission_checks=True
    )
    assert client.get(alias_url).status_code == 200
