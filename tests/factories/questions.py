"""Questions: the index at /vragen/ and live questions under it (answers are CommentFactory
comments on a question page)."""

import factory

from django.utils import timezone

from questions.models import QuestionIndexPage, QuestionPage
from tests.factories.blog import _home_page
from tests.factories.members import UserFactory
from tests.factories.pages import PublishedPageFactory


class QuestionIndexPageFactory(PublishedPageFactory):
    """``/vragen/``, under the home page."""

    class Meta:
        model = QuestionIndexPage

    parent = factory.LazyFunction(_home_page)
    title = "Vragen"
    slug = "vragen"
    show_in_menus = True


def _question_index():
    return QuestionIndexPage.objects.first() or QuestionIndexPageFactory()


class QuestionPageFactory(PublishedPageFactory):
    """A live question asked by a member: ``QuestionPageFactory(themes=[theme])``."""

    class Meta:
        model = QuestionPage

    parent = factory.LazyFunction(_question_index)
    title = factory.Sequence(lambda n: f"Hoe pakken jullie vraag {n} aan?")
    slug = factory.Sequence(lambda n: f"vraag-{n}")
    body = "Wij zoeken ervaringen van andere gemeenten. Wat werkte bij jullie?"
    asker = factory.SubFactory(UserFactory)
    owner = factory.SelfAttribute("asker")
    asked_at = factory.LazyFunction(timezone.now)
    status = QuestionPage.Status.PUBLISHED
