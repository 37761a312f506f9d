"""Questions for arranging a scene, stored the way ``questions.actions.ask_question`` stores
them (a page under the index, its themes, a revision that is published) but without the rules,
so a test decides whether a question is live and when it was asked."""

from django.utils import timezone

from wagtail.search import index as search_index

from questions.actions import free_slug
from questions.models import QuestionIndexPage, QuestionPage


def make_question_index(home_page, title="Vragen", slug="vragen"):
    index = QuestionIndexPage(title=title, slug=slug)
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_question(
    index,
    asker,
    title="Hoe regelen jullie de Wmo-indicatie?",
    body="Wij zoeken een gemeente die het al zo doet.",
    themes=(),
    organisation=None,
    networks=(),
    publish=True,
    asked_at=None,
):
    """A question by ``asker``: live when ``publish``, else held (a draft page)."""
    status = QuestionPage.Status.PUBLISHED if publish else QuestionPage.Status.PENDING
    page = QuestionPage(
        title=title,
        slug=free_slug(index, title),
        body=body,
        asker=asker,
        owner=asker,
        organisation=organisation,
        status=status,
        asked_at=asked_at or timezone.now(),
        live=False,
    )
    index.add_child(instance=page)
    page.themes.set(list(themes))
    page.networks.set(list(networks))
    revision = page.save_revision(user=asker)
    if publish:
        revision.publish(user=asker, skip_permission_checks=True)
        page.refresh_from_db()
        # Wagtail's search index as the task worker writes it after the commit, with the
        # themes (the tests' immediate tasks run before a page's themes are stored).
        search_index.insert_or_update_object(page)
    return page
