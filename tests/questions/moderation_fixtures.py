"""Fixtures for moderating, converting and offering questions: the questions index, an asker,
a held and a live question. Imported by name into the test modules that use them."""

import pytest

from comments.models import CommentSettings
from questions.actions import ask_question
from questions.models import QuestionPage
from tests.factories import ThemeFactory, UserFactory
from tests.factories.questions import QuestionIndexPageFactory


@pytest.fixture
def questions_index(home_page):
    return QuestionIndexPageFactory(parent=home_page)


@pytest.fixture
def comment_settings(home_page):
    """The site's rules with a member's first post published at once (a test that wants it
    held sets ``hold_first_comments``)."""
    from wagtail.models import Site

    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    rules.hold_first_comments = 0
    rules.save()
    return rules


@pytest.fixture
def theme(db):
    """A theme of its own (the demo taxonomy, when loaded, has others)."""
    return ThemeFactory(name="Wachtlijsten in het sociaal domein", slug="wachtlijsten-sociaal")


@pytest.fixture
def asker(db):
    return UserFactory(first_name="Anouk", last_name="de Vries", email="anouk@lindenholt.example")


@pytest.fixture
def ask(questions_index, comment_settings, asker):
    """``ask(title, body, held=False, user=asker, themes=())`` through the real action."""

    def ask(title="Hoe regelen jullie de wachtlijst?", body=None, held=False, user=None, themes=()):
        comment_settings.hold_first_comments = 1 if held else 0
        comment_settings.save()
        page = ask_question(
            user or asker,
            title,
            body or "Wij hebben een wachtlijst van drie maanden. Hoe pakken jullie dat aan?",
            themes=themes,
        )
        expected = QuestionPage.Status.PENDING if held else QuestionPage.Status.PUBLISHED
        assert page.status == expected
        return page

    return ask


@pytest.fixture
def held_question(ask, theme):
    return ask("Mag een wijkteam zelf indiceren?", held=True, themes=[theme])


@pytest.fixture
def live_question(ask, theme):
    return ask(themes=[theme])


@pytest.fixture
def moderator(db):
    """A member of the group Moderatoren, with a second factor for the admin."""
    from django.contrib.auth.models import Group

    from tests.factories import EditorFactory

    return EditorFactory(
        first_name="Iris",
        last_name="Mulder",
        email="iris@oosterdijk.example",
        groups=[Group.objects.get(name="Moderatoren")],
    )


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run a block and deliver what it queued after commit (tasks, then e-mail)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


__all__ = [
    "ask",
    "asker",
    "comment_settings",
    "deliver",
    "held_question",
    "live_question",
    "moderator",
    "questions_index",
    "theme",
]
