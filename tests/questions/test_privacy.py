"""A member's questions in "Mijn gegevens" and when they delete their account."""

import pytest

from members.privacy import erase_personal_data, export_personal_data
from questions.models import QuestionPage, UsefulMark
from tests.factories import CommentFactory, UserFactory
from tests.factories.questions import QuestionIndexPageFactory, QuestionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return QuestionIndexPageFactory(parent=home_page)


def test_questions_and_marks_are_in_the_export(index):
    asker = UserFactory()
    question = QuestionPageFactory(asker=asker, title="Wie heeft ervaring met de Woo?")
    answer = CommentFactory(page=question)
    UsefulMark.objects.create(answer=answer, user=asker)
    data = export_personal_data(asker)["vragen"]
    assert data["vragen"][0]["titel"] == "Wie heeft ervaring met de Woo?"
    assert data["vragen"][0]["toelichting"] == question.body
    assert data["nuttige_antwoorden"][0]["antwoord"] == answer.pk


def test_deleting_removes_unanswered_questions_and_keeps_answered_ones_without_text(index):
    asker = UserFactory()
    lonely = QuestionPageFactory(asker=asker)
    answered = QuestionPageFactory(asker=asker, title="Beantwoord")
    CommentFactory(page=answered)
    erase_personal_data(asker, keep_comments=False)
    assert not QuestionPage.objects.filter(pk=lonely.pk).exists()
    answered.refresh_from_db()
    assert answered.asker is None and answered.body == "" and answered.title == "Beantwoord"


def test_keeping_posts_keeps_questions_without_a_name(index):
    asker = UserFactory()
    question = QuestionPageFactory(asker=asker)
    erase_personal_data(asker, keep_comments=True)
    question.refresh_from_db()
    assert question.asker is None and question.body
