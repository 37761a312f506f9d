"""Interviewees approve their interview before it is published, through a private link."""

import datetime

import pytest

from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageLogEntry, TaskState, WorkflowState

from blog.approval import (
    LOG_APPROVED,
    LOG_CHANGES,
    LOG_OVERRIDE,
    hash_token,
    record_answer,
    restart_if_outdated,
)
from blog.editorial import REVIEW_TASK_NAME
from blog.models import IntervieweeApproval, IntervieweeApprovalTask, InterviewPage, NewsPage
from tests.blog.approval_helpers import (
    approval_url,
    author,
    draft_interview,
    editor,
    links_for,
    submit,
)
from tests.blog.factories import make_article

pytestmark = pytest.mark.django_db

ANOUK = ("Anouk de Vries", "anouk@lindenholt.example")
JOOST = ("Joost Bakker", "joost@hoogeland.example")
FATIMA = ("Fatima El Amrani", "")


@pytest.fixture
def interview(editorial, blog_index):
    return draft_interview(blog_index, [ANOUK, JOOST, FATIMA])


@pytest.fixture
def submitted(interview):
    writer = author()
    submit(interview, writer)
    interview.refresh_from_db()
    return interview


def current_task(page):
    page.refresh_from_db()
    return page.current_workflow_task_state


def answer(client, token, decision, note=""):
    return client.post(approval_url(token), {"decision": decision, "note": note})


def test_submission_mails_a_private_link_to_each_interviewee_with_an_address(submitted):
    task_state = current_task(submitted)
    assert isinstance(task_state.task.specific, IntervieweeApprovalTask)
    approvals = list(task_state.interviewee_approvals.all())
    assert [(a.name, a.by_email) for a in approvals] == [
        ("Anouk de Vries", True),
        ("Joost Bakker", True),
        ("Fatima El Amrani", False),
    ]
    token = links_for(ANOUK[1])[0]
    assert len(links_for(JOOST[1])) == 1
    # Stored only hashed, never as the token itself; the one without an address has none.
    assert approvals[0].token_hash == hash_token(token)
    assert not IntervieweeApproval.objects.filter(token_hash=token).exists()
    assert approvals[2].token_hash is None
    assert approvals[0].expires_at > timezone.now() + datetime.timedelta(days=13)


def test_other_articles_pass_the_interviewees_step_at_once(editorial, blog_index):
    news = make_article(blog_index, NewsPage, publish=False)
    submit(news, author())
    task_state = current_task(news)
    assert task_state.task.name == REVIEW_TASK_NAME
    assert TaskState.objects.filter(
        workflow_state=task_state.workflow_state, status=TaskState.STATUS_SKIPPED
    ).exists()


def test_interviewee_sees_the_submitted_version_privately(client, submitted):
    token = links_for(ANOUK[1])[0]
    response = client.get(approval_url(token))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zo deden wij het" in html
    assert "Voorbeeld voor Anouk de Vries" in html
    assert 'name="decision"' in html and "csrfmiddlewaretoken" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "strict-origin"
    assert "noindex" in response["X-Robots-Tag"]
    assert "X-Page-Cache" not in response
    # Nobody's address is on the page, not even the reader's own.
    for _name, email in (ANOUK, JOOST):
        assert email not in html


def test_preview_asks_the_same_number_of_queries_for_more_interviewees(
    client, editorial, blog_index
):
    few = [("Een", "een@example.org")]
    many = [(f"Persoon {n}", f"p{n}@example.org") for n in range(8)]
    for people, title in ((few, "Een interview"), (many, "Nog een interview")):
        submit(draft_interview(blog_index, people, title=title), author())

    def queries_for(people):
        token = links_for(people[0][1])[-1]
        client.get(approval_url(token))  # the site's own parts, once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(approval_url(token)).status_code == 200
        return [query["sql"] for query in queries]

    assert len(queries_for(many)) == len(queries_for(few))


def test_everyone_approves_and_the_editors_review_follows(client, submitted):
    for email in (ANOUK[1], JOOST[1]):
        response = answer(client, links_for(email)[0], "akkoord")
        assert response.status_code == 302
    task_state = current_task(submitted)
    assert isinstance(task_state.task.specific, IntervieweeApprovalTask)  # Fatima: by hand

    redacteur = editor()
    fatima = task_state.interviewee_approvals.get(name=FATIMA[0])
    record_answer(fatima.pk, approved=True, note="Telefonisch, 3 december", user=redacteur)
    task_state = current_task(submitted)
    assert task_state.task.name == REVIEW_TASK_NAME
    assert PageLogEntry.objects.filter(page=submitted, action=LOG_APPROVED).count() == 2
    fatima.refresh_from_db()
    assert fatima.confirmed_by == redacteur and fatima.status == "akkoord"

    # The link now thanks instead of asking again.
    response = client.get(approval_url(links_for(ANOUK[1])[0]))
    assert response.status_code == 200
    assert "Bedankt voor je antwoord" in response.content.decode()


def test_asking_for_changes_without_a_note_keeps_the_form_and_says_why(client, submitted):
    token = links_for(ANOUK[1])[0]
    response = answer(client, token, "wijzigingen", "")
    assert response.status_code == 200
    assert "Schrijf op wat er anders moet." in response.content.decode()
    # A bad choice keeps what was typed.
    response = answer(client, token, "misschien", "Mijn functie klopt niet.")
    html = response.content.decode()
    assert "Mijn functie klopt niet." in html
    assert current_task(submitted).status == TaskState.STATUS_IN_PROGRESS


def test_interviewee_asks_for_changes_and_the_author_reads_the_note(client, submitted):
    mail.outbox.clear()
    token = links_for(ANOUK[1])[0]
    response = answer(client, token, "wijzigingen", "Ik ben beleidsadviseur, geen secretaris.")
    assert response.status_code == 302
    submitted.refresh_from_db()
    state = submitted.workflow_states.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = state.current_task_state
    assert "Ik ben beleidsadviseur, geen secretaris." in rejected.comment
    assert PageLogEntry.objects.filter(page=submitted, action=LOG_CHANGES).exists()
    to_author = [message for message in mail.outbox if state.requested_by.email in message.to]
    assert to_author and "Ik ben beleidsadviseur, geen secretaris." in to_author[0].body
    # Joost's link is for a version that is being changed now.
    response = client.get(approval_url(links_for(JOOST[1])[0]))
    assert response.status_code == 410
    assert "oudere versie" in response.content.decode()


def test_a_new_version_sends_new_links_and_the_old_ones_stop(client, submitted):
    old_token = links_for(ANOUK[1])[0]
    answer(client, old_token, "wijzigingen", "Graag mijn functie aanpassen.")
    submitted.refresh_from_db()
    draft = submitted.get_latest_revision_as_object()
    draft.intro = "Een nieuwe versie van de inleiding."
    draft.save_revision(user=submitted.workflow_states.get().requested_by)
    submitted.workflow_states.get().resume(user=None)

    new_token = links_for(ANOUK[1])[-1]
    assert new_token != old_token
    response = client.get(approval_url(old_token))
    assert response.status_code == 410
    assert "Deze link hoort bij een oudere versie" in response.content.decode()
    response = client.get(approval_url(new_token))
    assert response.status_code == 200
    assert "Een nieuwe versie van de inleiding." in response.content.decode()


def test_an_edit_during_the_review_asks_the_interviewees_again(client, submitted):
    old_token = links_for(ANOUK[1])[0]
    redacteur = editor()
    draft = submitted.get_latest_revision_as_object()
    draft.intro = "Door de redactie ingekort."
    draft.save_revision(user=redacteur)
    assert restart_if_outdated(InterviewPage.objects.get(pk=submitted.pk), redacteur)
    assert client.get(approval_url(old_token)).status_code == 410
    assert (
        "Door de redactie ingekort."
        in client.get(approval_url(links_for(ANOUK[1])[-1])).content.decode()
    )


def test_an_expired_link_says_so(client, submitted):
    token = links_for(ANOUK[1])[0]
    IntervieweeApproval.objects.filter(token_hash=hash_token(token)).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get(approval_url(token))
    assert response.status_code == 410
    assert "Deze link is verlopen" in response.content.decode()
    response = answer(client, token, "akkoord")
    assert response.status_code == 410
    assert current_task(submitted).status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.parametrize(
    "token",
    [
        "x",
        "a" * 43,
        "a" * 500,
        "%00" * 40,
        "ééééééééééééééééééééééééééééééééééééééééééé",
        "..%2F..%2F",
    ],
)
def test_odd_tokens_get_a_dutch_page_not_an_error(client, submitted, token):
    response = client.get(f"/interview-akkoord/{token}/")
    assert response.status_code in (400, 404)
    if response.status_code == 404 and "/" not in token.replace("%2F", "/"):
        assert "Deze link werkt niet" in response.content.decode()
    assert answer(client, token, "akkoord").status_code in (400, 403, 404)


def test_opening_links_is_rate_limited(client, submitted, settings):
    settings.SITE_RATE_LIMITS = {**settings.SITE_RATE_LIMITS, "interview_approval": (3, 900)}
    token = links_for(ANOUK[1])[0]
    for _attempt in range(3):
        assert client.get(approval_url(token)).status_code == 200
    response = client.get(approval_url(token))
    assert response.status_code == 429
    assert "te vaak geopend" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_answering_needs_the_form_token(submitted):
    client = Client(enforce_csrf_checks=True)
    token = links_for(ANOUK[1])[0]
    assert answer(client, token, "akkoord").status_code == 403
    assert current_task(submitted).status == TaskState.STATUS_IN_PROGRESS


def test_editor_publishes_without_approval_and_it_is_logged(submitted):
    redacteur = editor()
    task_state = current_task(submitted)
    task = task_state.task.specific
    assert "override" in [name for name, _label, _modal in task.get_actions(submitted, redacteur)]
    task.on_action(task_state, redacteur, "override", comment="Anouk is op vakantie.")
    submitted.refresh_from_db()
    assert submitted.live
    entry = PageLogEntry.objects.get(page=submitted, action=LOG_OVERRIDE)
    assert entry.user == redacteur
    assert entry.data["comment"] == "Anouk is op vakantie."
    assert entry.data["waiting"] == ["Anouk de Vries", "Joost Bakker", "Fatima El Amrani"]
    assert "Anouk is op vakantie." in entry.comment


def test_an_author_cannot_publish_without_approval(submitted):
    task_state = current_task(submitted)
    writer = submitted.workflow_states.get().requested_by
    assert task_state.task.specific.get_actions(submitted, writer) == []


def test_the_address_is_never_shown_on_the_site(client, editorial, blog_index):
    page = make_article(
        blog_index,
        InterviewPage,
        title="Gepubliceerd interview",
        interviewees=[],
    )
    page.interviewees.model.objects.create(
        page=page, name="Bram Jansen", email="bram.geheim@example.org", sort_order=0
    )
    page.save_revision().publish()
    urls = [page.url, blog_index.url, blog_index.url + "feed/rss/", blog_index.url + "feed/atom/"]
    urls.append("/zoeken/?q=Bram")
    for url in urls:
        response = client.get(url)
        assert "bram.geheim" not in response.content.decode(), url
    assert "Bram Jansen" in client.get(page.url).content.decode()


def test_an_edit_after_everyone_approved_asks_them_again(client, submitted):
    for email in (ANOUK[1], JOOST[1]):
        answer(client, links_for(email)[0], "akkoord")
    redacteur = editor()
    fatima = current_task(submitted).interviewee_approvals.get(name=FATIMA[0])
    record_answer(fatima.pk, approved=True, note="Per telefoon", user=redacteur)
    assert current_task(submitted).task.name == REVIEW_TASK_NAME

    draft = submitted.get_latest_revision_as_object()
    draft.intro = "Na het akkoord nog veranderd."
    draft.save_revision(user=redacteur)
    assert restart_if_outdated(InterviewPage.objects.get(pk=submitted.pk), redacteur)
    task_state = current_task(submitted)
    assert isinstance(task_state.task.specific, IntervieweeApprovalTask)
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert client.get(approval_url(links_for(ANOUK[1])[0])).status_code == 410
    assert (
        "Na het akkoord nog veranderd."
        in client.get(approval_url(links_for(ANOUK[1])[-1])).content.decode()
    )
