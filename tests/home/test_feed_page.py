"""The page "Voor jou": a member's own feed, for members only, never from a shared cache."""

import re
from collections import Counter
from datetime import timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from wagtail.models import Page

from home.feed import ITEMS_PER_PAGE
from members.follows import follow
from members.models import NetworkMembership
from tests.blog.factories import make_article, make_author, make_image, make_theme
from tests.comments.factories import make_comment
from tests.factories import (
    BestPracticePageFactory,
    EventPageFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.questions.making import make_question, make_question_index

pytestmark = pytest.mark.django_db

FEED = "/voor-jou/"
# One of them reads the followed authors' records (home.feed.article_matches).
MAX_QUERIES = 21


def main_of(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def following_url():
    """Where the page sends a member to choose what they follow: "Wat ik volg" once the
    members app has it, their profile (where their themes are) until then."""
    try:
        return reverse("members:following")
    except NoReverseMatch:
        return reverse("members:profile_edit")


def test_visitors_are_sent_to_log_in_and_come_back(client, home_page):
    response = client.get(FEED)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/voor-jou/"


def test_the_header_links_members_to_their_feed(client, home_page, member):
    assert 'href="/voor-jou/"' not in client.get("/").content.decode()
    client.force_login(member)
    assert 'href="/voor-jou/"' in client.get("/").content.decode()


def test_member_sees_articles_events_and_comments_from_what_they_follow(
    member_client, member, blog_index, agenda
):
    theme, colleague = make_theme("Wonen"), UserFactory(first_name="Joost", last_name="Bakker")
    article = make_article(blog_index, title="Tiny houses in de wijk", themes=[theme])
    make_article(blog_index, title="Iets heel anders")
    event = EventPageFactory(
        parent=agenda,
        title="Woondag",
        themes=[theme],
        start=timezone.now() + timedelta(days=40),
    )
    make_comment(article, colleague, "Bij ons staan er nu twaalf.")
    follow(member, theme)
    follow(member, colleague)

    response = member_client.get(FEED)
    assert response.status_code == 200
    main = main_of(response)
    assert "<h1" in main and "Voor jou" in main
    assert "Tiny houses in de wijk" in main
    assert "Iets heel anders" not in main
    assert "Woondag" in main
    # The event shows when it takes place, though it is listed by when it was published.
    assert f'datetime="{timezone.localtime(event.start):%Y-%m-%dT%H:%M}' in main
    assert "Reactie van Joost Bakker" in main
    assert "Bij ons staan er nu twaalf." in main
    assert reverse("comments:permalink", args=[article.member_comments.get().pk]) in main
    assert "Je volgt nog niets" not in main
    # Cards use the site's components, with their headings under the page's one.
    assert main.count('class="card article-card') == 1
    assert main.count('class="event-card"') == 1
    assert re.search(r'<article class="card">\s*<div class="card__body">\s*<h3', main)


def test_member_sees_questions_and_answers_from_what_they_follow(member_client, member, home_page):
    index = make_question_index(home_page)
    theme = make_theme("Omgevingswet")
    asker = UserFactory(first_name="Sanne", last_name="Hendriks")
    colleague = UserFactory(first_name="Joost", last_name="Bakker")
    open_question = make_question(
        index, asker, "Wie heeft een omgevingsplan met een digitaal loket?", themes=[theme]
    )
    answered = make_question(index, asker, "Hoe lang duurt jullie vergunning?", themes=[theme])
    answer = make_comment(answered, colleague, "Bij ons acht weken.")
    type(answered).objects.filter(pk=answered.pk).update(accepted_answer=answer)
    make_question(index, member, "Mijn eigen vraag", themes=[theme])
    follow(member, theme)
    follow(member, colleague)

    main = main_of(member_client.get(FEED))
    assert f'href="{open_question.url}"' in main
    assert "Wie heeft een omgevingsplan met een digitaal loket?" in main
    assert "Mijn eigen vraag" not in main
    assert main.count("Gevraagd door") == 2 and "Sanne Hendriks" in main
    assert "Nog geen antwoord" in main
    assert "Beantwoord" in main and "1 antwoord" in main
    assert "Omgevingswet</li>" in main
    # The answer comes as a comment of the followed colleague, and says what it is.
    assert "Joost Bakker antwoordde op de vraag" in main
    assert "Bij ons acht weken." in main


def test_a_newcomer_is_told_the_feed_starts_from_their_profile(member_client, member, blog_index):
    organisation = OrganisationFactory(name="Gemeente Zandhoven")
    network = NetworkFactory(name="Netwerk Wmo Zandhoven")
    theme = make_theme("Armoede en schulden")
    member.profile.organisation = organisation
    member.profile.save()
    member.profile.themes.add(theme)
    NetworkMembership.objects.create(
        user=member, network=network, status=NetworkMembership.Status.APPROVED
    )
    BestPracticePageFactory(
        parent=blog_index, title="Eén loket in Zandhoven", organisations=[organisation]
    )

    main = main_of(member_client.get(FEED))
    assert "Je volgt nog niets" in main
    assert "Gemeente Zandhoven" in main
    assert "Netwerk Wmo Zandhoven" in main
    assert "Armoede en schulden" in main
    assert f'href="{following_url()}"' in main
    assert "Eén loket in Zandhoven" in main

    follow(member, make_theme("Iets anders"))
    main = main_of(member_client.get(FEED))
    assert "Je volgt nog niets" not in main
    assert "Eén loket in Zandhoven" not in main
    assert "Er is nog niets nieuws uit wat je volgt" in main


def test_a_newcomer_with_an_empty_profile_is_told_how_to_start(member_client, home_page):
    main = main_of(member_client.get(FEED))
    assert "Je volgt nog niets" in main
    assert "in je profiel staan nog geen organisatie, netwerk of thema's" in main
    assert f'href="{following_url()}"' in main


def test_the_feed_is_paginated_newest_first(member_client, member, blog_index):
    theme = make_theme()
    now = timezone.now()
    for number in range(ITEMS_PER_PAGE + 3):
        article = make_article(blog_index, title=f"Bericht {number:02d}", themes=[theme])
        Page.objects.filter(pk=article.pk).update(first_published_at=now - timedelta(hours=number))
    follow(member, theme)

    first = main_of(member_client.get(FEED))
    titles = re.findall(r">Bericht (\d+)<", first)
    assert titles == [f"{number:02d}" for number in range(ITEMS_PER_PAGE)]
    assert 'rel="next"' in first
    second = main_of(member_client.get(FEED, {"page": 2}))
    assert re.findall(r">Bericht (\d+)<", second) == ["20", "21", "22"]
    assert main_of(member_client.get(FEED, {"page": "tja"})) == first


def test_the_page_is_personal_and_never_cached(client, settings, member, blog_index):
    settings.PAGE_CACHE_SECONDS = 600
    theme = make_theme()
    make_article(blog_index, title="Eerste", themes=[theme])
    follow(member, theme)
    client.force_login(member)
    response = client.get(FEED)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    make_article(blog_index, title="Tweede", themes=[theme])
    assert "Tweede" in main_of(client.get(FEED))


def test_the_list_is_kept_for_the_member_until_something_changes(
    client, settings, member, blog_index
):
    """With the page cache on, the list comes from the cache on a second visit; a new item,
    a new follow and a comment of a followed colleague show at once all the same."""
    settings.PAGE_CACHE_SECONDS = 600
    theme, other = make_theme("Wonen"), make_theme("Werk")
    make_article(blog_index, title="Eerste", themes=[theme])
    make_article(blog_index, title="Over werk", themes=[other])
    follow(member, theme)
    client.force_login(member)

    def visit():
        with CaptureQueriesContext(connection) as context:
            html = main_of(client.get(FEED))
        return html, len(context.captured_queries)

    first, cold = visit()
    again, warm = visit()
    assert again == first and warm < cold
    make_article(blog_index, title="Tweede", themes=[theme])
    assert "Tweede" in visit()[0]
    follow(member, other)
    assert "Over werk" in visit()[0]
    colleague = UserFactory()
    follow(member, colleague)
    article = make_article(blog_index, title="Zonder thema")
    make_comment(article, colleague, "Een reactie van mijn collega")
    assert "Een reactie van mijn collega" in visit()[0]


def fill(blog_index, agenda, member, start, count):
    """``count`` articles, events, questions and comments that all match ``member``'s follows,
    with what makes a card cost queries: authors with organisations, images, themes, replies,
    answers."""
    from questions.models import QuestionIndexPage

    index = QuestionIndexPage.objects.first() or make_question_index(blog_index.get_parent())
    theme = make_theme(f"Thema {start}")
    organisation = OrganisationFactory()
    colleague = UserFactory()
    image = make_image()
    for number in range(start, start + count):
        article = make_article(
            blog_index,
            title=f"Artikel {number}",
            themes=[theme],
            authors=[make_author(organisation=organisation), make_author(user=colleague)],
            hero_image=image,
            hero_image_alt="Een vlak",
        )
        EventPageFactory(
            parent=agenda,
            title=f"Evenement {number}",
            themes=[theme],
            organiser_organisation=organisation,
            image=image,
            image_alt="Een vlak",
        )
        make_comment(article, colleague, f"Reactie {number}")
        question = make_question(
            index,
            UserFactory(),
            f"Vraag {number}",
            themes=[theme],
            organisation=organisation,
        )
        make_comment(question, colleague, f"Antwoord {number}")
    for target in (theme, organisation, colleague):
        follow(member, target)


def repeated(statements):
    return [sql for sql, times in Counter(statements).items() if times > 1]


def test_queries_do_not_grow_with_the_feed(
    client, member, blog_index, agenda, django_assert_max_num_queries
):
    client.force_login(member)
    fill(blog_index, agenda, member, 0, 3)
    client.get(FEED)  # renditions are made on the first view, as in production

    def measure(query):
        with CaptureQueriesContext(connection) as context:
            response = client.get(FEED, query)
        assert response.status_code == 200
        statements = [q["sql"] for q in context.captured_queries]
        assert repeated(statements) == []
        return len(statements)

    small = measure({})
    fill(blog_index, agenda, member, 3, 30)
    client.get(FEED)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert measure({}) == small
    with django_assert_max_num_queries(MAX_QUERIES):
        assert measure({"page": 3}) == small
