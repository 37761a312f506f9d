"""The rule of "Voor jou" and the digest (home.feed): what a member gets from what they follow."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

from blog.models import ArticlePage, BestPracticePage, BlogPostPage, NewsPage
from comments.models import Comment
from events.models import EventPage
from home.feed import (
    ARTICLE,
    COMMENT,
    EVENT,
    QUESTION,
    feed_rows,
    load_items,
    matching_articles,
    matching_comments,
    matching_events,
    matching_questions,
)
from members.follows import Interests, follow
from members.models import NetworkMembership
from tests.blog.factories import make_article, make_author, make_theme
from tests.comments.factories import make_comment
from tests.factories import (
    EventPageFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.questions.making import make_question, make_question_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    """A member with an empty profile: whatever they get comes from what they follow."""
    return UserFactory(first_name="Lotte", last_name="Lezer")


def article_titles(reader):
    return set(matching_articles(reader).values_list("title", flat=True))


def event_titles(reader):
    return set(matching_events(reader).values_list("title", flat=True))


def published_at(page, moment):
    """Date a page's first publication, as if it went live at ``moment``."""
    Page.objects.filter(pk=page.pk).update(first_published_at=moment)


# --- Articles ----------------------------------------------------------------------------------


def test_an_article_on_a_followed_theme_is_in_the_feed(blog_index, reader):
    wonen, zorg = make_theme("Wonen"), make_theme("Zorg")
    make_article(blog_index, title="Tiny houses in de wijk", themes=[wonen])
    make_article(blog_index, title="Mantelzorg in de praktijk", themes=[zorg])
    follow(reader, wonen)
    assert article_titles(reader) == {"Tiny houses in de wijk"}


def test_an_article_by_a_followed_member_is_in_the_feed(blog_index, reader):
    writer = UserFactory()
    make_article(blog_index, title="Mijn column", authors=[make_author(user=writer)])
    make_article(blog_index, title="Een ander stuk", authors=[make_author()])
    follow(reader, writer)
    assert article_titles(reader) == {"Mijn column"}


def test_an_article_by_someone_from_a_followed_organisation_is_in_the_feed(blog_index, reader):
    lindenholt, elders = OrganisationFactory(), OrganisationFactory()
    make_article(
        blog_index,
        BlogPostPage,
        title="Blog uit Lindenholt",
        authors=[make_author(organisation=lindenholt)],
    )
    make_article(blog_index, title="Blog van elders", authors=[make_author(organisation=elders)])
    follow(reader, lindenholt)
    assert article_titles(reader) == {"Blog uit Lindenholt"}


def test_a_best_practice_of_a_followed_organisation_is_in_the_feed(blog_index, reader):
    lindenholt, elders = OrganisationFactory(), OrganisationFactory()
    make_article(
        blog_index, BestPracticePage, title="Eén loket", organisations=[lindenholt, elders]
    )
    make_article(blog_index, BestPracticePage, title="Ander voorbeeld", organisations=[elders])
    follow(reader, lindenholt)
    assert article_titles(reader) == {"Eén loket"}


def test_an_article_that_matches_twice_is_in_the_feed_once(blog_index, reader):
    theme, writer, organisation = make_theme(), UserFactory(), OrganisationFactory()
    page = make_article(
        blog_index,
        BestPracticePage,
        title="Past overal bij",
        themes=[theme],
        authors=[make_author(user=writer, organisation=organisation)],
        organisations=[organisation],
    )
    for target in (theme, writer, organisation):
        follow(reader, target)
    assert [(kind, pk) for kind, pk, _at in feed_rows(reader)] == [(ARTICLE, page.pk)]


def test_without_a_theme_an_article_by_a_colleague_and_of_an_organisation_is_in_once(
    blog_index, reader
):
    """Followed members and organisations alone take the other shape of the rule
    (``article_matches``: ids from the link tables first); it finds the same, once."""
    writer, organisation, elders = UserFactory(), OrganisationFactory(), OrganisationFactory()
    both = make_article(
        blog_index,
        BestPracticePage,
        title="Samen opgezet",
        authors=[make_author(user=writer, organisation=elders)],
        organisations=[organisation],
    )
    by_colleague = make_article(
        blog_index, title="Van de collega", authors=[make_author(user=writer)]
    )
    practice = make_article(
        blog_index, BestPracticePage, title="Van de organisatie", organisations=[organisation]
    )
    make_article(blog_index, BestPracticePage, title="Van elders", organisations=[elders])
    follow(reader, writer)
    follow(reader, organisation)

    rows = [(kind, pk) for kind, pk, _at in feed_rows(reader)]

    assert sorted(rows) == sorted((ARTICLE, page.pk) for page in (both, by_colleague, practice))


def test_following_only_an_organisation_whose_staff_never_wrote_finds_nothing(blog_index, reader):
    organisation = OrganisationFactory()
    make_article(blog_index, title="Van iemand anders", authors=[make_author()])
    follow(reader, organisation)
    assert article_titles(reader) == set()


def test_the_members_own_articles_are_never_in_their_feed(blog_index, reader):
    theme = make_theme()
    make_article(
        blog_index, title="Van mijzelf", themes=[theme], authors=[make_author(user=reader)]
    )
    make_article(
        blog_index,
        title="Samen geschreven",
        themes=[theme],
        authors=[make_author(), make_author(user=reader)],
    )
    make_article(blog_index, title="Van een ander", themes=[theme])
    follow(reader, theme)
    assert article_titles(reader) == {"Van een ander"}


def test_drafts_and_unpublished_articles_are_not_in_the_feed(blog_index, reader):
    theme = make_theme()
    make_article(blog_index, title="Nog een concept", themes=[theme], publish=False)
    withdrawn = make_article(blog_index, title="Teruggetrokken", themes=[theme])
    withdrawn.unpublish()
    follow(reader, theme)
    assert article_titles(reader) == set()


def test_a_members_only_article_is_in_a_members_feed_but_a_closed_one_is_not(blog_index, reader):
    theme = make_theme()
    members_only = make_article(blog_index, title="Alleen voor leden", themes=[theme])
    for_a_group = make_article(blog_index, title="Alleen voor de redactie", themes=[theme])
    with_password = make_article(blog_index, title="Met wachtwoord", themes=[theme])
    PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.LOGIN
    )
    group_only = PageViewRestriction.objects.create(
        page=for_a_group, restriction_type=PageViewRestriction.GROUPS
    )
    group_only.groups.add(Group.objects.get(name="Redactie"))
    PageViewRestriction.objects.create(
        page=with_password, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    follow(reader, theme)
    assert article_titles(reader) == {"Alleen voor leden"}
    # Its card is fetched too, though the public listings leave it out.
    assert [item.object.title for item in load_items(feed_rows(reader))] == ["Alleen voor leden"]

    reader.groups.add(Group.objects.get(name="Redactie"))
    assert article_titles(reader) == {"Alleen voor leden", "Alleen voor de redactie"}


# --- Events ------------------------------------------------------------------------------------


def test_an_event_matches_on_theme_organising_network_and_organisation(agenda, reader):
    theme, network, organisation = make_theme(), NetworkFactory(), OrganisationFactory()
    EventPageFactory(parent=agenda, title="Over het thema", themes=[theme])
    EventPageFactory(parent=agenda, title="Van het netwerk", organiser_network=network)
    EventPageFactory(parent=agenda, title="Van de organisatie", organiser_organisation=organisation)
    EventPageFactory(parent=agenda, title="Van een ander netwerk")
    follow(reader, theme)
    assert event_titles(reader) == {"Over het thema"}
    follow(reader, network)
    follow(reader, organisation)
    assert event_titles(reader) == {"Over het thema", "Van het netwerk", "Van de organisatie"}


def test_a_draft_event_is_not_in_the_feed(agenda, reader):
    network = NetworkFactory()
    EventPageFactory(
        parent=agenda, title="Nog niet aangekondigd", organiser_network=network, draft=True
    )
    follow(reader, network)
    assert event_titles(reader) == set()


# --- Comments ----------------------------------------------------------------------------------


def test_a_published_comment_by_a_followed_member_is_in_the_feed(blog_index, reader):
    colleague, stranger = UserFactory(), UserFactory()
    article = make_article(blog_index)
    shown = make_comment(article, colleague, "Zo doen wij het ook.")
    make_comment(article, stranger, "Van iemand die ik niet volg.")
    make_comment(article, colleague, "Wacht nog op de redactie.", status=Comment.Status.PENDING)
    make_comment(article, colleague, "Weggehaald.", deleted_at=timezone.now())
    follow(reader, colleague)
    assert list(matching_comments(reader)) == [shown]


def test_a_comment_is_in_the_feed_only_where_the_reader_may_read_its_page(blog_index, reader):
    colleague = UserFactory()
    members_only = make_article(blog_index, title="Voor leden")
    closed = make_article(blog_index, title="Voor de redactie")
    gone = make_article(blog_index, title="Niet meer online")
    PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.LOGIN
    )
    restriction = PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Redactie"))
    readable = make_comment(members_only, colleague, "Hier mag ik komen.")
    make_comment(closed, colleague, "Hier niet.")
    make_comment(gone, colleague, "Deze pagina is offline.")
    gone.unpublish()
    follow(reader, colleague)
    assert list(matching_comments(reader)) == [readable]


def test_a_comment_on_an_event_counts_too_and_a_removed_account_does_not(agenda, reader):
    colleague, leaving = UserFactory(), UserFactory()
    event = EventPageFactory(parent=agenda)
    on_event = make_comment(event, colleague, "Ik ben er ook bij.")
    make_comment(event, leaving, "Tot dan.")
    follow(reader, colleague)
    follow(reader, leaving)
    leaving.is_active = False
    leaving.save()
    assert list(matching_comments(reader)) == [on_event]


def test_the_members_own_comments_are_never_in_their_feed(blog_index, reader):
    """Nobody can follow themselves, but interests handed in by a caller (the digest) could
    hold the reader's own id: their comments still stay out."""
    article = make_article(blog_index)
    make_comment(article, reader, "Mijn eigen reactie.")
    interests = Interests(member_ids=frozenset({reader.pk}))
    assert list(matching_comments(reader, interests)) == []


# --- Questions ---------------------------------------------------------------------------------


@pytest.fixture
def question_index(home_page):
    return make_question_index(home_page)


def question_titles(reader):
    return set(matching_questions(reader).values_list("title", flat=True))


def test_a_question_matches_on_theme_network_organisation_and_asker(question_index, reader):
    theme, network, organisation = make_theme(), NetworkFactory(), OrganisationFactory()
    colleague, stranger = UserFactory(), UserFactory()
    make_question(question_index, stranger, "Over het thema", themes=[theme])
    make_question(question_index, stranger, "In het netwerk", networks=[network])
    make_question(question_index, stranger, "Uit de organisatie", organisation=organisation)
    make_question(question_index, colleague, "Van de collega")
    make_question(question_index, stranger, "Over iets anders", themes=[make_theme()])
    follow(reader, theme)
    assert question_titles(reader) == {"Over het thema"}
    for target in (network, organisation, colleague):
        follow(reader, target)
    assert question_titles(reader) == {
        "Over het thema",
        "In het netwerk",
        "Uit de organisatie",
        "Van de collega",
    }


def test_held_closed_and_own_questions_are_not_in_the_feed(question_index, reader):
    theme = make_theme()
    make_question(
        question_index, UserFactory(), "Wacht op de moderator", themes=[theme], publish=False
    )
    closed = make_question(question_index, UserFactory(), "Voor de redactie", themes=[theme])
    restriction = PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Redactie"))
    make_question(question_index, reader, "Mijn eigen vraag", themes=[theme])
    make_question(question_index, UserFactory(), "Wel te zien", themes=[theme])
    follow(reader, theme)
    assert question_titles(reader) == {"Wel te zien"}


def test_a_question_is_dated_by_when_it_went_live(question_index, reader):
    """A question a moderator let through on Wednesday is new on Wednesday, not on the
    Monday it was asked: the reader could not see it before."""
    theme = make_theme()
    now = timezone.now()
    question = make_question(
        question_index,
        UserFactory(),
        "Lang vastgehouden",
        themes=[theme],
        asked_at=now - timedelta(days=2),
    )
    follow(reader, theme)
    [(kind, pk, moment)] = list(feed_rows(reader))
    assert (kind, pk) == (QUESTION, question.pk)
    assert moment == question.first_published_at > now - timedelta(hours=1)
    assert list(feed_rows(reader, since=now - timedelta(days=1)))
    assert not list(feed_rows(reader, since=now + timedelta(minutes=1)))


def test_a_question_card_has_its_asker_themes_and_answers(question_index, reader):
    theme, colleague = make_theme("Wmo"), UserFactory()
    question = make_question(question_index, UserFactory(), "Hoe doen jullie dat?", themes=[theme])
    answer = make_comment(question, colleague, "Zo doen wij het.")
    make_comment(question, UserFactory(), "En een reactie op het antwoord.", parent=answer)
    make_comment(question, UserFactory(), "Nog niet geplaatst.", status=Comment.Status.PENDING)
    follow(reader, theme)
    follow(reader, colleague)
    items = load_items(feed_rows(reader))
    assert [item.kind for item in items] in ([COMMENT, QUESTION], [QUESTION, COMMENT])
    card = next(item.object for item in items if item.kind == QUESTION)
    assert card.answer_count == 1
    assert [t.name for t in card.themes.all()] == ["Wmo"]
    assert next(item for item in items if item.kind == COMMENT).is_answer


# --- Together, newest first ----------------------------------------------------------------------


def test_all_kinds_come_together_newest_first(blog_index, agenda, reader):
    theme, colleague = make_theme(), UserFactory()
    now = timezone.now()
    article = make_article(blog_index, title="Artikel", themes=[theme])
    # An event published yesterday that takes place next month: dated by its publication.
    event = EventPageFactory(
        parent=agenda, title="Evenement", themes=[theme], start=now + timedelta(days=30)
    )
    older = make_article(blog_index, NewsPage, title="Ouder nieuws", themes=[theme])
    comment = make_comment(article, colleague, "Een reactie", created_at=now - timedelta(hours=2))
    published_at(article, now - timedelta(hours=1))
    published_at(event, now - timedelta(days=1))
    published_at(older, now - timedelta(days=3))
    follow(reader, theme)
    follow(reader, colleague)

    rows = list(feed_rows(reader))
    assert [(kind, pk) for kind, pk, _at in rows] == [
        (ARTICLE, article.pk),
        (COMMENT, comment.pk),
        (EVENT, event.pk),
        (ARTICLE, older.pk),
    ]
    items = load_items(rows)
    assert [item.object.title if item.kind != COMMENT else item.object.body for item in items] == [
        "Artikel",
        "Een reactie",
        "Evenement",
        "Ouder nieuws",
    ]
    assert isinstance(items[2].object, EventPage)


def test_since_keeps_only_what_is_newer(blog_index, reader):
    """For the digest: only what appeared after the last one."""
    theme, colleague = make_theme(), UserFactory()
    now = timezone.now()
    old = make_article(blog_index, title="Vorige week", themes=[theme])
    new = make_article(blog_index, title="Vandaag", themes=[theme])
    published_at(old, now - timedelta(days=7))
    make_comment(old, colleague, "Oude reactie", created_at=now - timedelta(days=6))
    fresh = make_comment(new, colleague, "Nieuwe reactie")
    follow(reader, theme)
    follow(reader, colleague)
    since = now - timedelta(days=1)
    assert [pk for _kind, pk, _at in feed_rows(reader, since=since)] in (
        [fresh.pk, new.pk],
        [new.pk, fresh.pk],
    )
    assert set(matching_articles(reader, since=since)) == {ArticlePage.objects.get(pk=new.pk)}


def test_a_member_who_follows_nothing_starts_from_their_profile(blog_index, agenda, reader):
    organisation, network, theme = OrganisationFactory(), NetworkFactory(), make_theme()
    reader.profile.organisation = organisation
    reader.profile.save()
    reader.profile.themes.add(theme)
    NetworkMembership.objects.create(
        user=reader, network=network, status=NetworkMembership.Status.APPROVED
    )
    make_article(
        blog_index, BestPracticePage, title="Van mijn gemeente", organisations=[organisation]
    )
    make_article(blog_index, title="Over mijn thema", themes=[theme])
    make_article(blog_index, title="Over iets anders", themes=[make_theme()])
    EventPageFactory(parent=agenda, title="Van mijn netwerk", organiser_network=network)
    assert Interests.for_user(reader).from_profile
    assert article_titles(reader) == {"Van mijn gemeente", "Over mijn thema"}
    assert event_titles(reader) == {"Van mijn netwerk"}

    # Once they follow something themselves, that is what counts.
    follow(reader, theme)
    assert article_titles(reader) == {"Over mijn thema"}
    assert event_titles(reader) == set()


def test_nothing_to_match_gives_no_rows(reader):
    assert feed_rows(reader) is None
