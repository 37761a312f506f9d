"""Authors write and submit; the editorial group reviews and publishes."""

import datetime

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import GroupPagePermission, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from blog.editorial import (
    AUTHORS_GROUP,
    EDITORS_GROUP,
    INTERVIEWEE_TASK_NAME,
    REVIEW_TASK_NAME,
    WORKFLOW_NAME,
    ensure_editorial_setup,
)
from blog.models import NewsPage
from tests.blog.factories import make_article, with_second_factor
from tests.factories import UserFactory
from vakgenoten.models import StandardPage

pytestmark = pytest.mark.django_db


def member_of(group_name):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return with_second_factor(user)


def news_form(title, action):
    data = nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "intro": "Een kort bericht van een auteur.",
            "hero_image_alt": "",
            "hero_caption": "",
            "publication_date": timezone.localdate().isoformat(),
            "tags": "",
            "article_authors": inline_formset([]),
            "related_article_links": inline_formset([]),
            "body": streamfield([]),
        }
    )
    data[action] = action
    return data


def add_url(blog_index):
    return reverse("wagtailadmin_pages:add", args=("blog", "newspage", blog_index.pk))


def test_editorial_setup_is_idempotent(blog_index):
    ensure_editorial_setup(blog_index)
    counts = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        Group.objects.get(name=EDITORS_GROUP).permissions.count(),
    )
    ensure_editorial_setup(blog_index)
    assert counts == (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        Group.objects.get(name=EDITORS_GROUP).permissions.count(),
    )
    workflow = blog_index.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    assert [task.name for task in workflow.tasks] == [INTERVIEWEE_TASK_NAME, REVIEW_TASK_NAME]


def test_author_can_write_in_the_knowledge_base_but_not_publish(client, editorial, blog_index):
    author = member_of(AUTHORS_GROUP)
    article = make_article(blog_index, NewsPage, publish=False)
    permissions = article.permissions_for_user(author)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert blog_index.permissions_for_user(author).can_add_subpage()
    about = StandardPage.objects.get(slug="over-vakgenoten")
    assert not about.permissions_for_user(author).can_edit()

    client.force_login(author)
    data = news_form("Poging tot publiceren", "action-publish")
    response = client.post(add_url(blog_index), data)
    page = NewsPage.objects.get(title="Poging tot publiceren")
    assert response.status_code in (200, 302)
    assert not page.live


def test_author_submits_and_the_article_enters_the_editorial_review(client, editorial, blog_index):
    author = member_of(AUTHORS_GROUP)
    client.force_login(author)
    response = client.post(add_url(blog_index), news_form("Nieuw van de auteur", "action-submit"))
    assert response.status_code == 302
    page = NewsPage.objects.get(title="Nieuw van de auteur")
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    review = state.current_task_state.task.specific
    assert list(review.groups.values_list("name", flat=True)) == [EDITORS_GROUP]

    editor = member_of(EDITORS_GROUP)
    assert review.user_can_access_editor(page, editor)
    review.on_action(state.current_task_state, editor, "approve")
    page.refresh_from_db()
    assert page.live


def test_editor_schedules_publication(editorial, blog_index):
    editor = member_of(EDITORS_GROUP)
    article = make_article(blog_index, NewsPage, publish=False)
    assert article.permissions_for_user(editor).can_publish()
    article.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = article.save_revision(user=editor)
    revision.publish(user=editor)
    article.refresh_from_db()
    assert not article.live  # waiting for its moment
    assert article.scheduled_revision == revision

    # An hour later (moved back in the stored revision instead of waiting):
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)
    article.refresh_from_db()
    assert article.live
