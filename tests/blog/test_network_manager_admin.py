"""Network managers publish their network's articles in the admin, and nothing else.

A manager of network A (an approved NetworkMembership with role manager) is put in the
"Netwerkbeheerders" group automatically; its rights on the knowledge base count only on
articles of A (``blog.permissions``, ``members.content_rights``). They approve join requests
of A in the admin queue too (``members.network_admin``).
"""

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from blog.models import ArticlePage, NewsPage
from members.content_rights import NETWORK_MANAGERS
from members.models import NetworkMembership
from tests.factories import (
    NetworkFactory,
    NewsPageFactory,
    network_manager,
    with_second_factor,
)

pytestmark = pytest.mark.django_db

REFUSED = (302, 403, 404)


@pytest.fixture
def network(db):
    return NetworkFactory(name="Netwerk Bedrijfsvoering", slug="netwerk-bedrijfsvoering")


@pytest.fixture
def other_network(db):
    return NetworkFactory(name="Netwerk Sociaal Domein", slug="netwerk-sociaal-domein")


@pytest.fixture
def manager(editorial, network):
    return with_second_factor(network_manager(network))


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def own_article(blog_index, network):
    return NewsPageFactory(parent=blog_index, title="Nieuws uit de kring", networks=[network])


@pytest.fixture
def foreign_article(blog_index, other_network):
    return NewsPageFactory(parent=blog_index, title="Nieuws van elders", networks=[other_network])


@pytest.fixture
def site_article(blog_index):
    return NewsPageFactory(parent=blog_index, title="Nieuws voor iedereen")


def news_form(title, action, networks=()):
    data = nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "intro": "Een kort bericht uit het netwerk.",
            "hero_image_alt": "",
            "hero_caption": "",
            "publication_date": timezone.localdate().isoformat(),
            "tags": "",
            "article_authors": inline_formset([]),
            "related_article_links": inline_formset([]),
            "body": streamfield([]),
        }
    )
    data["networks"] = [network.pk for network in networks]
    data[action] = action
    return data


def add_url(blog_index):
    return f"/admin/pages/add/blog/newspage/{blog_index.pk}/"


def test_an_approved_manager_is_in_the_managers_group_until_the_role_ends(manager, network):
    assert manager.groups.filter(name=NETWORK_MANAGERS).exists()
    membership = NetworkMembership.objects.get(user=manager, network=network)
    membership.role = NetworkMembership.Role.MEMBER
    membership.save()
    assert not manager.groups.filter(name=NETWORK_MANAGERS).exists()
    assert Group.objects.filter(name=NETWORK_MANAGERS).exists()


def test_manager_creates_edits_and_publishes_an_article_of_their_network(
    manager_client, blog_index, network
):
    form = manager_client.get(add_url(blog_index)).content.decode()
    assert network.name in form

    response = manager_client.post(
        add_url(blog_index), news_form("Kringdag gemeenten", "action-publish", [network])
    )
    assert response.status_code == 302
    article = NewsPage.objects.get(slug="kringdag-gemeenten")
    assert article.live
    assert list(article.networks.all()) == [network]

    edit = f"/admin/pages/{article.pk}/edit/"
    assert manager_client.get(edit).status_code == 200
    response = manager_client.post(
        edit, news_form("Kringdag gemeenten 2031", "action-publish", [network])
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Kringdag gemeenten 2031"
    assert article.live


def test_manager_cannot_pick_another_network_nor_leave_out_their_own(
    manager_client, blog_index, network, other_network
):
    form = manager_client.get(add_url(blog_index)).content.decode()
    assert other_network.name not in form

    refused = manager_client.post(
        add_url(blog_index), news_form("Kringdag elders", "action-publish", [other_network])
    )
    assert refused.status_code == 200
    assert "Je kunt alleen een netwerk kiezen waarvan je beheerder bent." in (
        refused.content.decode()
    )

    nothing = manager_client.post(
        add_url(blog_index), news_form("Kringdag zonder netwerk", "action-publish")
    )
    html = nothing.content.decode()
    assert nothing.status_code == 200
    assert "Kies minstens één netwerk waarvan je beheerder bent" in html
    assert "Kringdag zonder netwerk" in html  # nothing typed is lost
    assert not ArticlePage.objects.filter(title__startswith="Kringdag").exists()


def test_manager_cannot_touch_another_networks_article_or_a_site_article(
    manager, manager_client, foreign_article, site_article
):
    for article in (foreign_article, site_article):
        permissions = article.permissions_for_user(manager)
        assert not permissions.can_edit()
        assert not permissions.can_publish()
        assert not permissions.can_unpublish()
        assert not permissions.can_delete()
        assert not permissions.can_move()
        edit = f"/admin/pages/{article.pk}/edit/"
        assert manager_client.get(edit).status_code in REFUSED
        manager_client.post(edit, news_form("Overgenomen", "action-publish"))
        unpublish = f"/admin/pages/{article.pk}/unpublish/"
        assert manager_client.post(unpublish).status_code in REFUSED
        article.refresh_from_db()
        assert article.title != "Overgenomen"
        assert article.live


def test_manager_does_not_edit_the_knowledge_base_itself(manager, manager_client, blog_index):
    assert blog_index.permissions_for_user(manager).can_add_subpage()
    assert not blog_index.permissions_for_user(manager).can_edit()
    assert manager_client.get(f"/admin/pages/{blog_index.pk}/edit/").status_code in REFUSED


def test_networks_the_manager_does_not_manage_stay_on_the_article(
    manager_client, blog_index, network, other_network
):
    shared = NewsPageFactory(
        parent=blog_index, title="Samen georganiseerd", networks=[network, other_network]
    )
    response = manager_client.post(
        f"/admin/pages/{shared.pk}/edit/",
        news_form("Samen georganiseerd", "action-publish", [network]),
    )
    assert response.status_code == 302
    assert set(shared.networks.values_list("pk", flat=True)) == {network.pk, other_network.pk}


def test_explorer_shows_only_their_articles_in_a_constant_number_of_queries(
    manager_client, blog_index, network, own_article, foreign_article, site_article
):
    explorer = f"/admin/pages/{blog_index.pk}/"
    with CaptureQueriesContext(connection) as few:
        html = manager_client.get(explorer).content.decode()
    assert own_article.title in html
    assert foreign_article.title not in html
    assert site_article.title not in html

    for number in range(4):
        NewsPageFactory(parent=blog_index, title=f"Kringnieuws {number}", networks=[network])
        NewsPageFactory(parent=blog_index, title=f"Ander nieuws {number}")
    with CaptureQueriesContext(connection) as many:
        html = manager_client.get(explorer).content.decode()
    assert "Kringnieuws 3" in html
    assert "Ander nieuws 3" not in html
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_admin_search_and_menu_api_leave_out_others_articles(
    manager_client, blog_index, own_article, foreign_article
):
    response = manager_client.get("/admin/api/main/pages/", {"child_of": blog_index.pk})
    titles = {item["title"] for item in response.json()["items"]}
    assert titles == {own_article.title}
    listing = manager_client.get(reverse("artikelen:index")).content.decode()
    assert own_article.title in listing
    assert foreign_article.title not in listing


def test_the_role_ending_takes_the_rights_away(manager, client, network, own_article):
    NetworkMembership.objects.filter(user=manager, network=network).update(
        role=NetworkMembership.Role.MEMBER
    )
    NetworkMembership.objects.get(user=manager, network=network).save()  # the admin's way
    client.force_login(manager)
    assert client.get(f"/admin/pages/{own_article.pk}/edit/").status_code in REFUSED


def test_page_chooser_offers_what_they_may_see_and_for_moves_only_their_own(
    manager_client, blog_index, own_article, site_article
):
    closed = NetworkFactory(name="Kring Inkoop", slug="kring-inkoop", is_closed=True)
    hidden = NewsPageFactory(parent=blog_index, title="Alleen voor de kring", networks=[closed])
    chooser = f"/admin/choose-page/{blog_index.pk}/"
    html = manager_client.get(chooser).content.decode()
    assert own_article.title in html
    assert site_article.title in html  # a public page to link to
    assert hidden.title not in html

    moving = manager_client.get(chooser, {"user_perms": "move_to"}).content.decode()
    assert own_article.title in moving
    assert site_article.title not in moving
