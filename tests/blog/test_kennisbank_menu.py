"""The "Kennisbank" menu opens with the articles; the log of searches without results is read
only: no "toevoegen", no "Kopiëren", and their URLs are refused."""

import pytest

from django.urls import reverse

from blog.models import BlogPostPage, ZeroResultSearch
from tests.blog.factories import make_article

pytestmark = pytest.mark.django_db


def menu_labels(rf, user):
    """The labels of the Kennisbank submenu a user sees, in order."""
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = user
    for item in admin_menu.menu_items_for_request(request):
        if item.name == "kennisbank":
            return [str(child.label) for child in item.menu.menu_items_for_request(request)]
    return []


@pytest.fixture
def blog_index(blog_index):
    """The knowledge base with the editorial groups' rights, as the demo sets them up."""
    from blog.editorial import ensure_editorial_setup

    ensure_editorial_setup(blog_index)
    return blog_index


def test_the_kennisbank_menu_starts_with_the_articles(rf, client, editor, blog_index):
    assert menu_labels(rf, editor) == [
        "Artikelen",
        "Thema's",
        "Auteurs",
        "Overnames",
        "Niet gevonden",
    ]


def test_the_article_list_shows_every_type_of_article(
    client, editor, blog_index, django_assert_max_num_queries
):
    make_article(blog_index, model=BlogPostPage, title="Samen inkopen met de buren")
    client.force_login(editor)
    response = client.get(reverse("artikelen:index"))
    assert response.status_code == 200
    assert "Samen inkopen met de buren" in response.content.decode()
    for number in range(5):
        make_article(blog_index, model=BlogPostPage, title=f"Nog een artikel {number}")
    with django_assert_max_num_queries(60):
        response = client.get(reverse("artikelen:index"))
    assert "Nog een artikel 4" in response.content.decode()


def test_an_author_sees_the_articles_but_not_the_search_log(rf, client, blog_index):
    from django.contrib.auth.models import Group

    from tests.factories import EditorFactory

    author = EditorFactory(is_staff=False, groups=[Group.objects.get(name="Auteurs")])
    client.force_login(author)
    labels = menu_labels(rf, author)
    assert labels[0] == "Artikelen"
    assert "Niet gevonden" not in labels
    assert client.get(reverse("artikelen:index")).status_code == 200


def test_the_zero_result_log_offers_no_add_and_no_copy(client, editor, blog_index):
    ZeroResultSearch.record("parkeervergunning buitenland")
    row = ZeroResultSearch.objects.get()
    client.force_login(editor)
    listing = client.get(reverse("wagtailsnippets_blog_zeroresultsearch:list"))
    html = listing.content.decode()
    assert "parkeervergunning buitenland" in html
    add_url = reverse("wagtailsnippets_blog_zeroresultsearch:add")
    copy_url = reverse("wagtailsnippets_blog_zeroresultsearch:copy", args=[row.pk])
    assert add_url not in html and copy_url not in html
    assert "toevoegen" not in html.lower().split("<main", 1)[-1]
    assert "/copy/" not in html  # the "Kopiëren" item of a row's menu
    for url in (add_url, copy_url):
        response = client.get(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
    response = client.post(add_url, {"query": "iets", "hits": 1})
    assert ZeroResultSearch.objects.count() == 1
    inspect = client.get(reverse("wagtailsnippets_blog_zeroresultsearch:inspect", args=[row.pk]))
    assert inspect.status_code == 200
    assert "parkeervergunning buitenland" in inspect.content.decode()
