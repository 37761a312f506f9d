"""Unanswered questions are offered, once, to the members who follow their themes (the daily
job ``question_offers``), and editors see them on their dashboard."""

from datetime import timedelta

import pytest

from django.conf import settings
from django.utils import timezone

from members.follows import follow
from members.models import MemberBlock, Notification
from questions.jobs import offer_unanswered_questions
from questions.models import QuestionPage
from tests.deploy.environment import example_variables
from tests.factories import CommentFactory, ThemeFactory, UserFactory

from .moderation_fixtures import *  # noqa: F403 (the fixtures)

pytestmark = pytest.mark.django_db


def asked_days_ago(page, days):
    QuestionPage.objects.filter(pk=page.pk).update(asked_at=timezone.now() - timedelta(days=days))
    page.refresh_from_db()
    return page


@pytest.fixture
def followers(theme):
    members = [UserFactory(first_name=name, last_name="Volger") for name in ("Bram", "Sanne")]
    for member in members:
        follow(member, theme)
    return members


def offers():
    return Notification.objects.filter(kind=Notification.Kind.QUESTION_OFFER)


def test_an_old_unanswered_question_reaches_the_followers_of_its_themes(
    live_question, followers, asker, theme
):
    follow(asker, theme)
    outsider = UserFactory()
    follow(outsider, ThemeFactory())
    asked_days_ago(live_question, 4)

    result = offer_unanswered_questions()

    assert result["questions"] == 1
    assert sorted(offers().values_list("recipient_id", flat=True)) == sorted(
        member.pk for member in followers
    )
    notification = offers().first()
    assert notification.actor == asker
    assert notification.subject == live_question.title
    assert notification.url == "/vragen/hoe-regelen-jullie-de-wachtlijst/"
    live_question.refresh_from_db()
    assert live_question.offered_at is not None


def test_a_question_is_offered_never_twice(live_question, followers):
    asked_days_ago(live_question, 4)
    offer_unanswered_questions()
    offer_unanswered_questions()
    assert offers().count() == 2
    # Even when it is due again by every rule but offered_at (another run claimed it first).
    QuestionPage.objects.filter(pk=live_question.pk).update(offered_at=timezone.now())
    assert offer_unanswered_questions()["questions"] == 0
    assert offers().count() == 2


def test_a_second_run_inside_the_same_moment_finds_nothing_to_claim(live_question, followers):
    """Two workers read the same due question; the one whose claim comes second stores
    nothing (the conditional update finds ``offered_at`` set)."""
    from questions import jobs

    asked_days_ago(live_question, 4)
    index_url = "/vragen/"
    first = jobs._offer_batch([live_question.pk], index_url, timezone.now())
    second = jobs._offer_batch([live_question.pk], index_url, timezone.now())
    assert first == (1, 2) and second == (0, 0)
    assert offers().count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_offer_each_question_once(ask, theme, followers, tmp_path):
    from tests.concurrency import at_once

    for number in range(3):
        asked_days_ago(ask(f"Vraag {number}", themes=[theme], user=UserFactory()), 4)

    results = at_once([offer_unanswered_questions, offer_unanswered_questions], tmp_path)

    assert sum(result["questions"] for result in results) == 3
    assert offers().count() == 3 * len(followers)
    assert not QuestionPage.objects.filter(offered_at__isnull=True).exists()


def test_young_answered_and_held_questions_are_not_offered(ask, theme, followers):
    young = asked_days_ago(ask("Een verse vraag", themes=[theme], user=UserFactory()), 1)
    answered = asked_days_ago(ask("Al beantwoord", themes=[theme], user=UserFactory()), 5)
    CommentFactory(page=answered, user=UserFactory())
    held = asked_days_ago(ask("Nog vastgehouden", held=True, themes=[theme], user=UserFactory()), 5)
    assert offer_unanswered_questions()["questions"] == 0
    assert not offers().exists()
    for page in (young, answered, held):
        page.refresh_from_db()
        assert page.offered_at is None


def test_the_days_come_from_the_setting(live_question, followers, settings):
    settings.QUESTION_OFFER_AFTER_DAYS = 10
    asked_days_ago(live_question, 4)
    assert offer_unanswered_questions()["questions"] == 0
    settings.QUESTION_OFFER_AFTER_DAYS = 3
    assert offer_unanswered_questions()["questions"] == 1


def test_a_member_who_blocked_the_asker_is_not_told(live_question, followers, asker):
    MemberBlock.objects.create(blocker=followers[0], blocked=asker)
    asked_days_ago(live_question, 4)
    offer_unanswered_questions()
    assert list(offers().values_list("recipient_id", flat=True)) == [followers[1].pk]


def test_queries_do_not_grow_with_the_followers(ask, theme, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    follow(UserFactory(), theme)
    asked_days_ago(ask("Eerste vraag", themes=[theme], user=UserFactory()), 4)
    with CaptureQueriesContext(connection) as few:
        offer_unanswered_questions()
    for _ in range(15):
        follow(UserFactory(), theme)
    for number in range(3):
        asked_days_ago(ask(f"Vraag {number}", themes=[theme], user=UserFactory()), 4)
    with django_assert_max_num_queries(len(few)):
        result = offer_unanswered_questions()
    assert result == {"questions": 3, "notifications": 3 * 16}
    assert offers().count() == 1 + 3 * 16


def test_the_notification_page_says_it_in_dutch(client, live_question, followers):
    asked_days_ago(live_question, 4)
    offer_unanswered_questions()
    client.force_login(followers[0])
    html = client.get("/meldingen/").content.decode()
    assert (
        "Anouk de Vries stelde een vraag over een thema dat je volgt, en niemand antwoordde "
        "nog: ‘Hoe regelen jullie de wachtlijst?’"
    ) in html


def test_the_job_is_scheduled_daily_and_configurable():
    schedule, path = settings.SCHEDULED_JOBS["question_offers"]
    assert path == "questions.jobs.offer_unanswered_questions"
    assert schedule.split()[2:] == ["*", "*", "*"]
    assert settings.QUESTION_OFFER_AFTER_DAYS == 3
    _required, optional = example_variables()
    assert "QUESTION_OFFER_AFTER_DAYS" in optional


# --- The dashboard ------------------------------------------------------------------------


def test_editors_see_the_oldest_unanswered_questions_and_the_held_count(client, editor, ask, theme):
    old = asked_days_ago(ask("De oudste vraag", themes=[theme], user=UserFactory()), 6)
    asked_days_ago(ask("Een jongere vraag", themes=[theme], user=UserFactory()), 2)
    answered = ask("Beantwoorde vraag", user=UserFactory())
    CommentFactory(page=answered, user=UserFactory())
    ask("Vastgehouden vraag", held=True, user=UserFactory())
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Vragen zonder antwoord" in html
    assert html.index("De oudste vraag") < html.index("Een jongere vraag")
    assert "6 dagen geleden" in html and f'href="/vragen/{old.slug}/"' in html
    assert "Beantwoorde vraag" not in html
    assert "2 vragen op de site hebben nog geen antwoord." in html
    assert "1 vraag wacht op moderatie." in html and 'href="/admin/vragen/"' in html


def test_members_of_the_admin_without_moderation_do_not_see_the_panel(client, live_question):
    from django.contrib.auth.models import Group

    from tests.factories import EditorFactory

    author = EditorFactory(groups=[Group.objects.get(name="Auteurs")])
    client.force_login(author)
    assert "Vragen zonder antwoord" not in client.get("/admin/").content.decode()


def test_the_panel_shows_at_most_ten_in_constant_queries(
    client, editor, ask, theme, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ask("Vraag 0", themes=[theme], user=UserFactory())
    client.force_login(editor)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for number in range(1, 13):
        ask(f"Vraag {number}", themes=[theme], user=UserFactory())
    with django_assert_max_num_queries(len(few)):
        html = client.get("/admin/").content.decode()
    assert "13 vragen op de site hebben nog geen antwoord." in html
    assert html.count('href="/vragen/vraag-') == 10
