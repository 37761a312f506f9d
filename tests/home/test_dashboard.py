"""The editor's dashboard on the admin's home page: each role sees what needs their attention,
and only what they may see."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query

from blog.models import ArticleDayViews, ArticleViewCount, ZeroResultSearch
from comments.groups import MODERATOR_PERMISSIONS
from comments.models import Comment
from events.groups import ORGANISERS, setup_organiser_group
from events.registration import register
from members.models import NetworkMembership
from tests.factories import (
    BlogPostPageFactory,
    CommentFactory,
    EventPageFactory,
    NetworkFactory,
    NewsPageFactory,
    UserFactory,
)
from tests.factories.members import with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def networks(db):
    return (
        NetworkFactory(name="Netwerk Bedrijfsvoering", slug="netwerk-bedrijfsvoering"),
        NetworkFactory(name="Netwerk Sociaal Domein", slug="netwerk-sociaal-domein"),
    )


@pytest.fixture
def organiser(agenda, networks):
    setup_organiser_group()
    user = UserFactory(first_name="Olga", last_name="Organisator", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANISERS))
    NetworkMembership.objects.create(
        user=user,
        network=networks[0],
        status=NetworkMembership.Status.APPROVED,
        role=NetworkMembership.Role.MANAGER,
    )
    return with_second_factor(user)


@pytest.fixture
def superuser(db):
    return with_second_factor(UserFactory(is_superuser=True, is_staff=True))


def make_event(agenda, network, number, capacity=4, registered=2, waiting=0):
    event = EventPageFactory(
        parent=agenda,
        title=f"Bijeenkomst {network.name} {number}",
        slug=f"bijeenkomst-{network.slug}-{number}",
        organiser_network=network,
        capacity=capacity,
        start=timezone.now() + timedelta(days=10 + number),
        end=timezone.now() + timedelta(days=10 + number, hours=3),
    )
    for person in range(registered + waiting):
        register(event, guest_name=f"Gast {person}", notify=False)
    return event


def schedule(article, days=2):
    article = article.get_latest_revision_as_object()
    article.go_live_at = timezone.now() + timedelta(days=days)
    article.save_revision().publish()
    return article


def fill(blog_index, agenda, networks, number, start=0):
    """``number`` of everything each panel lists."""
    for index in range(start, start + number):
        article = BlogPostPageFactory(
            parent=blog_index, title=f"Gelezen artikel {index}", slug=f"gelezen-{index}"
        )
        ArticleViewCount.objects.create(page=article, views=10 + index)
        ArticleDayViews.objects.create(page=article, day=timezone.localdate(), views=10 + index)
        CommentFactory(page=article, status=Comment.Status.PENDING)
        schedule(
            NewsPageFactory(
                parent=blog_index,
                title=f"Ingepland nieuws {index}",
                slug=f"ingepland-{index}",
                live=False,
            ),
            days=index + 1,
        )
        for network in networks:
            make_event(agenda, network, index)
        Query.get(f"zoekterm {index}").add_hit()
        ZeroResultSearch.record(f"niet gevonden {index}")


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_editor_sees_every_panel_with_its_figures(client, superuser, blog_index, agenda, networks):
    article = BlogPostPageFactory(parent=blog_index, title="Wmo-loket in de wijk")
    ArticleDayViews.objects.create(page=article, day=timezone.localdate(), views=200)
    ArticleDayViews.objects.create(
        page=article, day=timezone.localdate() - timedelta(days=3), views=48
    )
    CommentFactory(page=article, status=Comment.Status.PENDING, body="Mooi voorbeeld, hoe lang?")
    CommentFactory(page=article, status=Comment.Status.PUBLISHED, body="Al geplaatst")
    schedule(NewsPageFactory(parent=blog_index, title="Nieuwe subsidieregeling", live=False))
    event = make_event(agenda, networks[0], 1, capacity=4, registered=4, waiting=1)
    Query.get("Wmo").add_hit()
    ZeroResultSearch.record("parkeervergunning buitenland")

    html = dashboard(client, superuser)
    assert "Reacties die wachten" in html
    assert "1 reactie wacht op moderatie." in html
    assert "Mooi voorbeeld, hoe lang?" in html
    assert "Al geplaatst" not in html
    assert "Ingeplande artikelen" in html
    assert "Nieuwe subsidieregeling" in html
    assert "Komende evenementen" in html
    assert event.title in html
    assert "4 van 4" in html
    assert "100%" in html
    assert "Meest gelezen van de afgelopen maand" in html
    assert "Wmo-loket in de wijk" in html
    assert "<td>248</td>" in html
    assert "Meest gezocht" in html
    assert "wmo" in html
    assert "parkeervergunning buitenland" in html
    for caption in (
        "De nieuwste reacties die op moderatie wachten",
        "Artikelen die op een later moment verschijnen, de eerstvolgende eerst",
        "Komende evenementen die je beheert, met hoe vol ze zitten",
    ):
        assert f'<caption class="w-sr-only">{caption}</caption>' in html


def test_the_month_figures_count_this_months_reading_not_old_totals(client, superuser, blog_index):
    """An article read a lot last year is not "most read" now; an old article read this month
    is, with this month's views only."""
    famous = BlogPostPageFactory(parent=blog_index, title="Veel gelezen, vorig jaar")
    ArticleViewCount.objects.create(page=famous, views=9000)
    ArticleDayViews.objects.create(
        page=famous, day=timezone.localdate() - timedelta(days=40), views=9000
    )
    evergreen = BlogPostPageFactory(parent=blog_index, title="Oud artikel, nu weer actueel")
    type(evergreen).objects.filter(pk=evergreen.pk).update(
        first_published_at=timezone.now() - timedelta(days=400)
    )
    ArticleViewCount.objects.create(page=evergreen, views=500)
    ArticleDayViews.objects.create(page=evergreen, day=timezone.localdate(), views=17)
    Query.get("oude zoekterm").add_hit(date=timezone.localdate() - timedelta(days=60))
    html = dashboard(client, superuser)
    assert "Veel gelezen, vorig jaar" not in html
    assert "Oud artikel, nu weer actueel" in html
    assert "<td>17</td>" in html
    assert "oude zoekterm" not in html


def test_a_view_counts_in_the_total_and_on_todays_row(blog_index):
    article = BlogPostPageFactory(parent=blog_index)
    assert ArticleViewCount.record_view(article.pk) == 1
    assert ArticleViewCount.record_view(article.pk) == 2
    today = ArticleDayViews.objects.get(page=article)
    assert (today.day, today.views) == (timezone.localdate(), 2)


def test_organiser_sees_only_their_own_events_and_no_editorial_figures(
    client, organiser, blog_index, agenda, networks
):
    fill(blog_index, agenda, networks, 1)
    html = dashboard(client, organiser)
    assert "Bijeenkomst Netwerk Bedrijfsvoering 0" in html
    assert "Bijeenkomst Netwerk Sociaal Domein 0" not in html
    for other_panel in (
        "Reacties die wachten",
        "Ingeplande artikelen",
        "Meest gelezen",
        "Zoeken op de site",
    ):
        assert other_panel not in html


def test_organiser_without_upcoming_events_is_told_so(client, organiser):
    html = dashboard(client, organiser)
    assert "Er zijn geen komende evenementen die je beheert." in html


def test_moderator_sees_the_comments_waiting_but_not_the_rest(client, blog_index, agenda, networks):
    fill(blog_index, agenda, networks, 1)
    moderators = Group.objects.create(name="Alleen moderatie")
    for app_label, codename in MODERATOR_PERMISSIONS:
        moderators.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    moderator = with_second_factor(UserFactory(is_staff=True))
    moderator.groups.add(moderators)
    html = dashboard(client, moderator)
    assert "1 reactie wacht op moderatie." in html
    assert 'href="/admin/reacties/"' in html
    for other_panel in ("Ingeplande artikelen", "Komende evenementen", "Meest gelezen"):
        assert other_panel not in html


def test_editor_sees_articles_figures_and_the_events_of_every_network(
    client, editor, blog_index, agenda, networks
):
    """The Redactie publishes everywhere (vakgenoten 0009 gave it the site-wide page rights of
    Wagtail's moderators), so it follows every network's events, not only an organiser's."""
    from blog.editorial import ensure_editorial_setup

    ensure_editorial_setup(blog_index)  # the Redactie's rights on the knowledge base
    fill(blog_index, agenda, networks, 1)
    html = dashboard(client, editor)
    assert "Ingepland nieuws 0" in html
    assert "Gelezen artikel 0" in html
    assert "niet gevonden 0" in html
    assert "Bijeenkomst Netwerk Bedrijfsvoering 0" in html
    assert "Bijeenkomst Netwerk Sociaal Domein 0" in html


def test_dashboard_queries_do_not_grow_with_the_data(
    superuser, organiser, blog_index, agenda, networks, django_assert_max_num_queries
):
    fill(blog_index, agenda, networks, 1)
    counted = {}
    for user in (superuser, organiser):
        client = Client()
        client.force_login(user)
        client.get("/admin/")
        with django_assert_max_num_queries(80) as queries:
            assert client.get("/admin/").status_code == 200
        counted[user.pk] = len(queries.captured_queries)

    fill(blog_index, agenda, networks, 8, start=1)
    for user in (superuser, organiser):
        client = Client()
        client.force_login(user)
        client.get("/admin/")
        with django_assert_max_num_queries(counted[user.pk]):
            client.get("/admin/")


def test_a_search_that_finds_something_counts_once_per_visitor(client, blog_index):
    BlogPostPageFactory(parent=blog_index, title="Schuldhulpverlening in de wijk")
    for _ in range(3):
        assert client.get("/zoeken/", {"q": "Schuldhulpverlening"}).status_code == 200
    Client(REMOTE_ADDR="192.0.2.7").get("/zoeken/", {"q": "schuldhulpverlening"})
    assert [(q.query_string, q._hits) for q in Query.get_most_popular()] == [
        ("schuldhulpverlening", 2)
    ]


def test_searches_that_look_like_personal_data_are_never_counted(client, blog_index):
    BlogPostPageFactory(parent=blog_index, title="Bereikbaarheid 0612345678")
    client.get("/zoeken/", {"q": "0612345678"})
    assert not Query.objects.exists()
