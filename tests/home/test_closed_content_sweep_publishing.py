"""A closed network's article shows, on every publishing place, only to the network's members.

The sweep of issue 23 for the publishing side: the knowledge base and its filters, an author's
page, related articles, the home page, search, the feeds, the sitemap and the page cache. Each
place is asked by a visitor, a member of another closed network and an approved member of this
one; an open network's article is the control and shows to all three. Feeds and the sitemap
are public (readers and search engines fetch them signed out): they never show it.

The data is made once for the module (``tests.module_data``); the tests only read it.
"""

from types import SimpleNamespace

import pytest

from django.test import Client

from blog.models import BlogPostPage, RelatedArticle
from members.models import NetworkMembership
from taxonomy.models import Theme
from tests.blog.factories import make_article, make_author
from tests.factories import BlogIndexPageFactory, NetworkFactory, UserFactory
from tests.module_data import kept_for_the_module

pytestmark = pytest.mark.django_db

CLOSED_TITLE = "Kringgeheim over aanbestedingsbeleid"
OPEN_TITLE = "Openbare les over aanbestedingsbeleid"
LINKING_TITLE = "Wegwijzer voor inkopers"
VIEWERS = ("visitor", "outsider", "insider")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Two closed networks and an open one, a member in each closed one, and three articles on
    one theme, tag and author: the closed network's, the open network's, and a public one whose
    editor links both as related reading."""
    with kept_for_the_module(django_db_blocker):
        from home import demo as home_demo
        from vakgenoten import demo

        demo.load()
        home_demo.load_shared()
        index = BlogIndexPageFactory()
        closed = NetworkFactory(name="Kring Sluitend", slug="kring-sluitend", is_closed=True)
        other = NetworkFactory(name="Kring Anders", slug="kring-anders", is_closed=True)
        open_network = NetworkFactory(name="Open Kring", slug="open-kring")
        insider, outsider = UserFactory(), UserFactory()
        for user, network in ((insider, closed), (outsider, other)):
            NetworkMembership.objects.create(
                user=user, network=network, status=NetworkMembership.Status.APPROVED
            )
        theme = Theme.objects.order_by("pk").first()
        author = make_author("Ineke Inkoop", slug="ineke-inkoop")
        shared = {"themes": [theme], "tags": ["kringtag"], "authors": [author]}
        hidden = make_article(
            index,
            BlogPostPage,
            title=CLOSED_TITLE,
            slug="kringgeheim",
            networks=[closed],
            featured=True,
            **shared,
        )
        public = make_article(
            index,
            BlogPostPage,
            title=OPEN_TITLE,
            slug="openbare-les",
            networks=[open_network],
            featured=True,
            **shared,
        )
        linking = make_article(
            index,
            BlogPostPage,
            title=LINKING_TITLE,
            slug="wegwijzer",
            related_article_links=[
                RelatedArticle(article=hidden, sort_order=0),
                RelatedArticle(article=public, sort_order=1),
            ],
            **shared,
        )
        yield SimpleNamespace(
            index=index,
            theme=theme,
            author=author,
            hidden=hidden,
            public=public,
            linking=linking,
            insider=insider,
            outsider=outsider,
        )


def client_for(world, viewer):
    client = Client()
    if viewer != "visitor":
        client.force_login(getattr(world, viewer))
    return client


def shown_to(world, path, **params):
    """For each viewer: whether the closed and the open article's titles are on ``path``."""
    found = {}
    for viewer in VIEWERS:
        response = client_for(world, viewer).get(path, params)
        assert response.status_code == 200, (viewer, path)
        content = response.content.decode()
        found[viewer] = (CLOSED_TITLE in content, OPEN_TITLE in content)
    return found


ONLY_THE_INSIDER = {
    "visitor": (False, True),
    "outsider": (False, True),
    "insider": (True, True),
}
NOBODY = dict.fromkeys(VIEWERS, (False, True))


def test_the_knowledge_base_and_its_filters_show_a_closed_article_to_its_members_only(world):
    url = world.index.url
    assert shown_to(world, url) == ONLY_THE_INSIDER
    assert shown_to(world, url, thema=world.theme.slug) == ONLY_THE_INSIDER
    assert shown_to(world, url, tag="kringtag") == ONLY_THE_INSIDER
    assert shown_to(world, url, type="blog") == ONLY_THE_INSIDER


def test_an_authors_page_shows_a_closed_article_to_its_members_only(world):
    url = world.index.url + world.index.reverse_subpage("author", args=[world.author.slug])
    assert shown_to(world, url) == ONLY_THE_INSIDER


def test_related_articles_of_a_public_article_show_a_closed_one_to_its_members_only(world):
    assert shown_to(world, world.linking.url) == ONLY_THE_INSIDER


def test_the_home_page_shows_a_closed_article_to_its_members_only(world):
    assert shown_to(world, "/") == ONLY_THE_INSIDER


def test_search_and_its_count_show_a_closed_article_to_its_members_only(world):
    assert shown_to(world, "/zoeken/", q="aanbestedingsbeleid") == ONLY_THE_INSIDER
    counts = {
        viewer: client_for(world, viewer)
        .get("/zoeken/", {"q": "aanbestedingsbeleid"})
        .context["result_count"]
        for viewer in VIEWERS
    }
    assert counts == {"visitor": 1, "outsider": 1, "insider": 2}


def test_feeds_are_public_and_never_carry_a_closed_article(world):
    rss, atom = world.index.feed_urls()
    theme_rss, theme_atom = world.index.feed_urls(theme=world.theme)
    for url in (rss, atom, theme_rss, theme_atom):
        assert shown_to(world, url) == NOBODY, url


def test_the_sitemap_never_lists_a_closed_article(world):
    found = {}
    for viewer in VIEWERS:
        content = client_for(world, viewer).get("/sitemap.xml").content.decode()
        found[viewer] = ("/kringgeheim/" in content, "/openbare-les/" in content)
    assert found == NOBODY


@pytest.mark.parametrize("path_of", [lambda w: "/", lambda w: w.index.url, lambda w: w.linking.url])
def test_a_members_visit_never_puts_a_closed_article_in_what_others_get_from_the_cache(
    world, settings, path_of
):
    """The insider comes first, with the page cache on: what they saw (their page, the shared
    parts such as related articles) must not reach a visitor's cached page or another member."""
    settings.PAGE_CACHE_SECONDS = 600
    path = path_of(world)
    insider = client_for(world, "insider").get(path).content.decode()
    assert CLOSED_TITLE in insider
    for viewer in ("visitor", "outsider", "visitor"):  # the second visit is a cache hit
        response = client_for(world, viewer).get(path)
        content = response.content.decode()
        assert CLOSED_TITLE not in content and OPEN_TITLE in content, (viewer, path)
    assert response["X-Page-Cache"] == "hit"
    assert CLOSED_TITLE in client_for(world, "insider").get(path).content.decode()


def test_closing_a_network_or_moving_an_article_into_one_purges_cached_pages(
    world, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    visitor = client_for(world, "visitor")
    assert OPEN_TITLE in visitor.get(world.linking.url).content.decode()
    assert OPEN_TITLE in visitor.get(world.index.url).content.decode()

    from members.models import Network

    open_network = Network.objects.get(slug="open-kring")
    with django_capture_on_commit_callbacks(execute=True):
        open_network.is_closed = True
        open_network.save()
    for path in (world.linking.url, world.index.url, "/"):
        assert OPEN_TITLE not in visitor.get(path).content.decode(), path

    # Back to open; then the article itself moves into the closed network on publish.
    with django_capture_on_commit_callbacks(execute=True):
        open_network.is_closed = False
        open_network.save()
    assert OPEN_TITLE in visitor.get(world.linking.url).content.decode()
    public = BlogPostPage.objects.get(pk=world.public.pk)
    with django_capture_on_commit_callbacks(execute=True):
        public.networks.set([*public.networks.all(), Network.objects.get(slug="kring-sluitend")])
        public.save_revision().publish()
    for path in (world.linking.url, world.index.url, "/"):
        assert OPEN_TITLE not in visitor.get(path).content.decode(), path
