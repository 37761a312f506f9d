"""The demo loader builds a believable site and changes nothing when run again."""

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, Revision, Site

from comments.models import Comment
from members.models import Follow, Notification
from vakgenoten.models import HomePage, SiteSettings

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
        "settings": list(SiteSettings.objects.values()),
        "follows": list(
            Follow.objects.values_list("user_id", "theme_id", "member_id", "network_id")
        ),
        "notifications": list(
            Notification.objects.order_by("key").values_list("key", "created_at")
        ),
    }


def test_load_demo_builds_the_site(loaded_demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert Page.objects.filter(title="Welcome to your new Wagtail site!").count() == 0
    settings = SiteSettings.for_site(site)
    assert settings.privacy_page.slug == "privacyverklaring"

    # The demo member follows things and has heard of the replies to her comments (issue 18).
    from members.follows import Interests
    from members.models import Notification, User

    anouk = User.objects.get(email="anouk.devries@lindenholt.example")
    interests = Interests.for_user(anouk)
    assert not interests.from_profile
    assert interests.theme_ids and interests.member_ids and interests.network_ids
    replies = Notification.objects.filter(recipient=anouk, kind=Notification.Kind.REPLY)
    assert {n.actor.get_full_name() for n in replies} >= {"Joost Bakker", "Fatima El Amrani"}
    assert all(n.read_at is None and n.created_at < timezone.now() for n in replies)


def test_load_demo_twice_changes_nothing(loaded_demo):
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first


def test_load_demo_asks_questions_and_answers_them_once(loaded_demo):
    """Issue 19: /vragen/ with the demo members' questions, answered, open and held."""
    from questions.demo import QUESTIONS
    from questions.models import QuestionIndexPage, QuestionPage, UsefulMark

    index = QuestionIndexPage.objects.get()
    assert index.url == "/vragen/" and index.live
    questions = QuestionPage.objects.child_of(index).with_answer_state()
    assert questions.count() == len(QUESTIONS) >= 6
    live = questions.filter(live=True, status=QuestionPage.Status.PUBLISHED)
    held = questions.get(status=QuestionPage.Status.PENDING)
    assert not held.live and held.hold_reasons
    assert live.count() == len(QUESTIONS) - 1
    assert live.filter(accepted_answer__isnull=False).count() >= 2
    assert 1 <= live.filter(has_answers=False).count() <= 2
    assert UsefulMark.objects.filter(answer__page__in=live).exists()
    for question in live.filter(accepted_answer__isnull=False):
        answer = question.accepted_answer
        assert answer.page_id == question.pk and answer.parent_id is None
        assert question.accepted_by_id == question.asker_id
    for question in questions:
        assert question.asker.get_full_name() and question.themes.exists()
        assert question.body_html.startswith("<p>")
        assert question.revisions.exists()
    # Anouk, the demo member, finds questions among what she follows.
    from home.feed import QUESTION, feed_rows
    from members.models import User

    anouk = User.objects.get(email="anouk.devries@lindenholt.example")
    assert any(kind == QUESTION for kind, _pk, _at in feed_rows(anouk))
    # Issue 23: a question asked in the demo's closed network belongs to it.
    from members.demo import BEDRIJFSVOERING

    in_network = live.get(slug="samen-inkopen-met-buurgemeenten")
    assert [network.slug for network in in_network.networks.all()] == [BEDRIJFSVOERING]

    call_command("load_demo")
    assert QuestionIndexPage.objects.count() == 1
    assert QuestionPage.objects.count() == len(QUESTIONS)
    answers = Comment.objects.filter(page__in=questions.values("pk")).count()
    call_command("load_demo")
    assert Comment.objects.filter(page__in=questions.values("pk")).count() == answers
