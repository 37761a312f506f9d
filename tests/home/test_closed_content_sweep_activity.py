"""A closed network's events, questions and comments, swept through every place that shows or
sends them away from their own page (``members.visibility``, the one rule).

Each place is looked at as a visitor, as a member of another closed network and as an approved
member of the network: only the last sees the closed content, while the open controls beside it
stay in view for everyone. Public feeds and calendars are fetched without signing in, so they
carry what a visitor may see: nothing closed, for anyone. POSTs that bypass a page's serve hook
(registering, a guest's request, writing a comment) are refused in Dutch.

One scene for the module (``tests.module_data``): the tests only read it, or change it inside
their own transaction.
"""

from datetime import timedelta

import pytest

from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from comments.actions import follow as follow_conversation
from comments.models import Comment
from comments.notifications import notify_published
from comments.threads import latest_comments
from events.models import EventSeries, GuestRequest, Registration
from home import digest, feed
from home.digest import WEEKLY, period_for, send_digest
from members.follows import follow
from members.models import NetworkMembership, Notification
from questions.jobs import offer_unanswered_questions
from questions.listing import open_questions
from questions.models import UsefulMark
from tests.factories import (
    BlogIndexPageFactory,
    BlogPostPageFactory,
    CommentFactory,
    EventPageFactory,
    NetworkFactory,
    ThemeFactory,
    UserFactory,
)
from tests.factories.events import EventIndexPageFactory
from tests.module_data import kept_for_the_module
from tests.questions.making import make_question, make_question_index
from vakgenoten.models import OutgoingEmail

pytestmark = pytest.mark.django_db

CLOSED = "Alleen voor leden van het netwerk"  # the Dutch refusal (members/closed_content.html)
VISITOR, OUTSIDER, INSIDER = "visitor", "outsider", "insider"


class Scene:
    """Who and what: filled once for the module."""


@pytest.fixture(scope="module")
def scene(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker):
        from vakgenoten import demo

        home = demo.load()
        s = Scene()
        s.closed = NetworkFactory(name="Kring Inkopers", slug="kring-inkopers", is_closed=True)
        s.other = NetworkFactory(name="Kring Juristen", slug="kring-juristen", is_closed=True)
        s.theme = ThemeFactory(name="Inkoop", slug="inkoop")
        s.insider = UserFactory(first_name="Ilse", last_name="Binnen")
        s.outsider = UserFactory(first_name="Otto", last_name="Buiten")
        s.writer = UserFactory(first_name="Wim", last_name="Schrijver")
        for user, network in ((s.insider, s.closed), (s.writer, s.closed), (s.outsider, s.other)):
            NetworkMembership.objects.create(
                user=user, network=network, status=NetworkMembership.Status.APPROVED
            )
        for user in (s.insider, s.outsider):
            follow(user, s.theme)
            follow(user, s.writer)
        agenda = EventIndexPageFactory(parent=home)
        s.agenda = agenda
        s.series = EventSeries.objects.create(
            title="Inkoopcafé",
            slug="inkoopcafe",
            first_date=timezone.localdate() + timedelta(days=10),
            start_time="10:00",
            end_time="12:00",
            count=2,
            frequency="wekelijks",
            weekday=0,
        )
        s.closed_event = EventPageFactory(
            parent=agenda,
            title="Kringdag besloten",
            networks=[s.closed],
            organiser_network=s.closed,
            themes=[s.theme],
            series=s.series,
            guests_may_register=True,
        )
        s.open_event = EventPageFactory(
            parent=agenda,
            title="Open ledendag",
            organiser_network=s.closed,
            themes=[s.theme],
            series=s.series,
            start=timezone.now() + timedelta(days=11),
        )
        s.questions = make_question_index(home)
        s.closed_question = make_question(
            s.questions,
            s.writer,
            "Besloten vraag over inkoop",
            themes=[s.theme],
            networks=[s.closed],
        )
        s.open_question = make_question(
            s.questions, s.writer, "Open vraag over inkoop", themes=[s.theme]
        )
        BlogIndexPageFactory(parent=home)
        s.closed_article = BlogPostPageFactory(title="Besloten artikel", networks=[s.closed])
        s.open_article = BlogPostPageFactory(title="Open artikel")
        s.closed_comment = CommentFactory(
            page=s.closed_article, user=s.writer, body="Besloten reactie over de aanbesteding."
        )
        s.open_comment = CommentFactory(
            page=s.open_article, user=s.writer, body="Open reactie over de aanbesteding."
        )
        yield s


def viewers(scene):
    return {VISITOR: AnonymousUser(), OUTSIDER: scene.outsider, INSIDER: scene.insider}


def client_of(scene, who):
    client = Client()
    if who != VISITOR:
        client.force_login(viewers(scene)[who])
    return client


def body(response):
    return response.content.decode()


@pytest.mark.parametrize("who", [VISITOR, OUTSIDER, INSIDER])
def test_agenda_series_and_question_listings_show_closed_content_to_its_members(scene, who):
    client = client_of(scene, who)
    sees = who == INSIDER
    agenda = body(client.get(scene.agenda.url))
    series = body(client.get(f"/evenementen/reeks/{scene.series.slug}/"))
    questions = body(client.get(scene.questions.url))
    assert "Open ledendag" in agenda
    assert ("Kringdag besloten" in agenda) is sees
    # The series page lists its dates by day, linking to each date's page.
    assert scene.open_event.url in series
    assert (scene.closed_event.url in series) is sees
    assert "Open vraag over inkoop" in questions
    assert ("Besloten vraag over inkoop" in questions) is sees
    by_network = body(client.get(scene.questions.url, {"netwerk": scene.closed.slug}))
    assert ("Besloten vraag over inkoop" in by_network) is sees


@pytest.mark.parametrize("who", [VISITOR, OUTSIDER, INSIDER])
def test_public_feeds_and_calendars_carry_only_what_a_visitor_may_see(scene, who):
    client = client_of(scene, who)
    for url in (
        "/evenementen/agenda.ics",
        f"/evenementen/netwerk/{scene.closed.slug}/agenda.ics",
        f"/evenementen/reeks/{scene.series.slug}/agenda.ics",
    ):
        calendar = body(client.get(url))
        assert "Open ledendag" in calendar, url
        assert "Kringdag besloten" not in calendar, url
    for url in ("/vragen/feed/rss/", "/vragen/feed/atom/", "/vragen/thema/inkoop/feed/rss/"):
        questions = body(client.get(url))
        assert "Open vraag over inkoop" in questions, url
        assert "Besloten vraag over inkoop" not in questions, url


@pytest.mark.parametrize("who", [VISITOR, OUTSIDER, INSIDER])
def test_an_events_own_calendar_file_is_for_who_may_see_it(scene, who):
    response = client_of(scene, who).get(f"/evenementen/{scene.closed_event.pk}/agenda.ics")
    if who == VISITOR:
        assert response.status_code == 302 and "/account" in response["Location"]
    elif who == OUTSIDER:
        assert response.status_code == 403 and CLOSED in body(response)
        assert "Kringdag besloten" not in body(response)
    else:
        assert response.status_code == 200 and "Kringdag besloten" in body(response)
        assert "private" in response["Cache-Control"]


def test_home_lists_are_what_a_visitor_may_see(scene):
    comments = [comment.body for comment in latest_comments(limit=20)]
    assert scene.open_comment.body in comments and scene.closed_comment.body not in comments
    questions = [question.title for question in open_questions(limit=20)]
    assert "Open vraag over inkoop" in questions
    assert "Besloten vraag over inkoop" not in questions
    from events.listing import upcoming_events

    events = [event.title for event in upcoming_events(viewer=AnonymousUser())]
    assert "Open ledendag" in events and "Kringdag besloten" not in events


@pytest.mark.parametrize("who", [VISITOR, OUTSIDER, INSIDER])
def test_a_comment_permalink_leads_only_members_to_a_closed_page(scene, who):
    response = client_of(scene, who).get(f"/reacties/{scene.closed_comment.pk}/")
    if who == VISITOR:
        assert response.status_code == 302 and "/account" in response["Location"]
    elif who == OUTSIDER:
        assert response.status_code == 404
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(scene.closed_article.url)


@pytest.mark.parametrize("who", [OUTSIDER, INSIDER])
def test_voor_jou_shows_closed_content_to_its_members(scene, who):
    user = viewers(scene)[who]
    rows = {(kind, pk) for kind, pk, _at in feed.feed_rows(user)}
    closed = {
        (feed.EVENT, scene.closed_event.pk),
        (feed.QUESTION, scene.closed_question.pk),
        (feed.COMMENT, scene.closed_comment.pk),
    }
    opened = {
        (feed.EVENT, scene.open_event.pk),
        (feed.QUESTION, scene.open_question.pk),
        (feed.COMMENT, scene.open_comment.pk),
    }
    assert opened <= rows
    assert (closed <= rows) if who == INSIDER else not (closed & rows)


def test_the_digest_lists_closed_content_only_for_its_members(
    scene, django_capture_on_commit_callbacks
):
    today = timezone.localtime().replace(hour=6, minute=30)
    run_at = today + timedelta(days=7 - today.weekday())
    with django_capture_on_commit_callbacks(execute=True):
        send_digest(period_for(WEEKLY, run_at), run_at)
    closed_titles = ("Kringdag besloten", "Besloten vraag over inkoop", "Besloten reactie")
    open_titles = ("Open ledendag", "Open vraag over inkoop", "Open reactie")
    for user, sees in ((scene.insider, True), (scene.outsider, False)):
        message = OutgoingEmail.objects.get(key__startswith="digest:", to=user.email)
        for title in open_titles:
            assert title in message.body and title in message.html_body, title
        for title in closed_titles:
            assert (title in message.body) is sees, (user, title)
            assert (title in message.html_body) is sees, (user, title)
    assert digest.WEEKLY == WEEKLY


def test_followers_of_a_conversation_hear_of_closed_comments_only_as_members(scene):
    for user in (scene.insider, scene.outsider):
        follow_conversation(user, scene.closed_article)
    comment = CommentFactory(
        page=scene.closed_article, user=scene.writer, body="Nog een besloten reactie."
    )
    notify_published(comment)
    sent_to = set(
        OutgoingEmail.objects.filter(key__startswith=f"comment-{comment.pk}-").values_list(
            "to", flat=True
        )
    )
    assert scene.insider.email in sent_to
    assert scene.outsider.email not in sent_to


def test_unanswered_closed_questions_are_offered_to_no_outsider(scene):
    offer_unanswered_questions(now=timezone.now() + timedelta(days=30))
    offered = set(
        Notification.objects.filter(kind=Notification.Kind.QUESTION_OFFER).values_list(
            "recipient_id", "subject"
        )
    )
    assert (scene.outsider.pk, "Open vraag over inkoop") in offered
    assert (scene.outsider.pk, "Besloten vraag over inkoop") not in offered


@pytest.mark.parametrize("who", [VISITOR, OUTSIDER, INSIDER])
def test_registering_for_a_closed_event_is_for_its_members(scene, who):
    response = client_of(scene, who).post(
        f"/evenementen/{scene.closed_event.pk}/aanmelden/", {"remark": ""}
    )
    registered = Registration.objects.filter(event=scene.closed_event).exists()
    if who == VISITOR:
        assert response.status_code == 302 and "/account" in response["Location"]
    elif who == OUTSIDER:
        assert response.status_code == 403 and CLOSED in body(response)
        assert "Kringdag besloten" not in body(response)
    else:
        assert response.status_code == 302
    assert registered is (who == INSIDER)


def test_a_guest_cannot_ask_for_a_seat_at_a_closed_event(scene):
    response = Client().post(
        f"/evenementen/{scene.closed_event.pk}/aanmelden-als-gast/",
        {"name": "Gerrit Gast", "email": "gerrit@gast.example", "organisation": ""},
    )
    assert response.status_code == 403 and CLOSED in body(response)
    assert not OutgoingEmail.objects.filter(to="gerrit@gast.example").exists()


@pytest.mark.parametrize("who", [VISITOR, OUTSIDER, INSIDER])
def test_writing_a_comment_on_a_closed_page_is_for_its_members(scene, who):
    text = "Mijn reactie op het besloten artikel."
    response = client_of(scene, who).post(
        f"/reacties/pagina/{scene.closed_article.pk}/", {"body": text, "post": "1"}
    )
    written = Comment.objects.filter(body=text).exists()
    if who == VISITOR:
        assert response.status_code == 302 and "/account" in response["Location"]
    elif who == OUTSIDER:
        assert response.status_code == 403 and CLOSED in body(response)
        assert "Besloten artikel" not in body(response)
    else:
        assert response.status_code == 302
    assert written is (who == INSIDER)


@pytest.mark.parametrize("who", [OUTSIDER, INSIDER])
def test_marking_an_answer_to_a_closed_question_useful_is_for_its_members(scene, who):
    answer = CommentFactory(page=scene.closed_question, user=scene.writer, body="Zo doen wij het.")
    response = client_of(scene, who).post(f"/vragen/antwoord/{answer.pk}/nuttig/")
    if who == OUTSIDER:
        assert response.status_code == 403 and CLOSED in body(response)
    else:
        assert response.status_code == 302
    assert UsefulMark.objects.filter(answer=answer).exists() is (who == INSIDER)


def test_a_guests_link_no_longer_registers_once_the_event_is_closed(scene):
    asked = GuestRequest.objects.create(
        event=scene.closed_event, name="Gerrit Gast", email="gerrit@gast.example"
    )
    response = Client().post(f"/evenementen/gast/bevestigen/{asked.token}/")
    assert response.status_code == 409
    assert "Aanmelden als gast kan niet." in body(response)
    assert not Registration.objects.filter(event=scene.closed_event).exists()
