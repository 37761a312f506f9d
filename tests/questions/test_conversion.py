"""An editor turns a question and its answers into a draft article in one step: the answers
in their order (the one that helped, then the most useful, then the oldest), credited by name,
the themes copied, everyone thanked; never published."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from blog.models import BestPracticePage, BlogPostPage
from comments.models import Comment
from questions.actions import accept_answer, mark_useful
from questions.conversion import first_sentence
from tests.factories import CommentFactory, EditorFactory, UserFactory

from .moderation_fixtures import *  # noqa: F403 (the fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(live_question, asker):
    """Three answers: Bram's is the oldest, Fatima's the most useful, Joost's helped."""
    now = timezone.now()
    bram = UserFactory(first_name="Bram", last_name="Jansen")
    fatima = UserFactory(first_name="Fatima", last_name="El Amrani")
    joost = UserFactory(first_name="Joost", last_name="Bakker")

    def answer(user, text, minutes_ago):
        return CommentFactory(
            page=live_question,
            user=user,
            body=text,
            created_at=now - timedelta(minutes=minutes_ago),
        )

    oldest = answer(bram, "Wij werken met een **voorrangslijst**.", 30)
    useful = answer(fatima, "Wij bellen iedereen op de lijst <elke> maand.", 20)
    helped = answer(joost, "Wij hebben een tweede team ingehuurd.", 10)
    CommentFactory(page=live_question, user=UserFactory(), parent=oldest, body="Een reply.")
    CommentFactory(
        page=live_question, user=UserFactory(), body="Verborgen.", status=Comment.Status.PENDING
    )
    mark_useful(useful, UserFactory())
    mark_useful(useful, UserFactory())
    accept_answer(live_question, helped, asker)
    live_question.refresh_from_db()
    return live_question


@pytest.fixture
def editor_client(client, blog_index, editor):
    client.force_login(editor)
    return client


def convert_url(page):
    return f"/admin/vragen/{page.pk}/artikel/"


def test_editor_makes_a_draft_blog_from_a_question(editor_client, answered, theme, blog_index):
    page = editor_client.get(convert_url(answered))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<legend>Soort artikel</legend>" in html and "3 antwoorden" in html

    response = editor_client.post(convert_url(answered), {"soort": "blog"})
    article = BlogPostPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{article.pk}/edit/"
    assert not article.live and article.has_unpublished_changes
    assert article.get_parent().pk == blog_index.pk
    assert article.title == "Hoe regelen jullie de wachtlijst?"
    assert article.intro == "Wij hebben een wachtlijst van drie maanden."
    assert list(article.themes.all()) == [theme]
    blocks = [(block.block_type, block.value) for block in article.body]
    texts = [str(value.source) if hasattr(value, "source") else value for _, value in blocks]
    joined = "\n".join(str(text) for text in texts)
    assert (
        joined.index("Joost Bakker (het antwoord dat hielp)")
        < joined.index("Fatima El Amrani:")
        < joined.index("Bram Jansen:")
    )
    assert "Anouk de Vries vroeg:" in joined
    assert "&lt;elke&gt;" in joined  # a member's text is escaped, never HTML
    assert "voorrangslijst" in joined and "**" not in joined
    assert "Een reply." not in joined and "Verborgen." not in joined
    assert "Met dank aan Anouk de Vries, Joost Bakker, Fatima El Amrani en Bram Jansen." in joined
    # The editor opens the draft in Wagtail's editor, with a message.
    follow = editor_client.get(response["Location"])
    assert follow.status_code == 200
    assert "Er is een concept gemaakt van de vraag" in follow.content.decode()


def test_best_practice_gets_the_question_as_its_problem(editor_client, answered):
    editor_client.post(convert_url(answered), {"soort": "praktijkvoorbeeld"})
    article = BestPracticePage.objects.get()
    assert not article.live
    assert "Wij hebben een wachtlijst van drie maanden." in article.problem
    # The editor can open it, fill in the approach and save it.
    assert editor_client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200


def test_the_draft_is_never_published(editor_client, answered):
    editor_client.post(convert_url(answered), {"soort": "blog"})
    article = BlogPostPage.objects.get()
    assert article.live is False and article.first_published_at is None
    assert editor_client.get(article.url or "/kennisbank/nope/").status_code == 404


def test_a_moderator_without_page_rights_cannot_convert(client, blog_index, answered, moderator):
    client.force_login(moderator)
    assert client.get(convert_url(answered)).status_code in (302, 403)
    assert client.post(convert_url(answered), {"soort": "blog"}).status_code in (302, 403)
    assert not BlogPostPage.objects.exists()


def test_an_author_may_convert(client, blog_index, answered):
    from blog.editorial import ensure_editorial_setup

    ensure_editorial_setup(blog_index)  # the Auteurs' rights on the knowledge base
    author = EditorFactory(groups=[Group.objects.get(name="Auteurs")])
    client.force_login(author)
    client.post(convert_url(answered), {"soort": "blog"})
    assert BlogPostPage.objects.get().owner == author


def test_an_unknown_type_is_refused_with_a_message(editor_client, answered):
    html = editor_client.post(convert_url(answered), {"soort": "interview"}).content.decode()
    assert "Kies een soort artikel." in html
    assert not BlogPostPage.objects.exists()


def test_the_intro_is_the_first_sentence():
    assert first_sentence("Eerste zin. Tweede zin!") == "Eerste zin."
    assert first_sentence("Geen punt\n\nTweede alinea.") == "Geen punt"
    assert len(first_sentence("woord " * 200)) <= 500


def test_the_question_page_in_the_explorer_offers_the_conversion(editor_client, answered):
    html = editor_client.get(f"/admin/pages/{answered.get_parent().pk}/").content.decode()
    assert convert_url(answered) in html
