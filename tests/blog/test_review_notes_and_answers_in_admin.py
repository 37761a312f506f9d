"""In the admin: the author's note on submission reaches the editors, the editors' comments reach
the author, and the editors follow, record and overrule the interviewees' answers."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import PageLogEntry

from blog.approval import LOG_CONFIRMED, LOG_OVERRIDE, LOG_SUBMISSION_NOTE
from blog.editorial import REVIEW_TASK_NAME
from blog.models import NewsPage
from tests.blog.approval_helpers import author, draft_interview, editor, links_for, submit
from tests.blog.test_editorial_workflow import add_url, news_form

pytestmark = pytest.mark.django_db

NOTE = "Graag voor vrijdag: de wethouder citeert het maandag."


@pytest.fixture
def writer(editorial):
    return author()


@pytest.fixture
def redacteur(editorial):
    return editor()


def submit_news_with_note(client, writer, blog_index, note=NOTE):
    client.force_login(writer)
    data = news_form("Bericht met een notitie", "action-submit")
    data["review_note"] = note
    response = client.post(add_url(blog_index), data)
    assert response.status_code == 302
    return NewsPage.objects.get(title="Bericht met een notitie")


def test_the_editors_read_the_note_the_author_submitted_with(client, writer, redacteur, blog_index):
    mail.outbox.clear()
    page = submit_news_with_note(client, writer, blog_index)
    to_editors = [message for message in mail.outbox if redacteur.email in message.to]
    assert to_editors and NOTE in to_editors[0].body
    entry = PageLogEntry.objects.get(page=page, action=LOG_SUBMISSION_NOTE)
    assert entry.user == writer and entry.comment == NOTE

    client.force_login(redacteur)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Notitie van de auteur bij het indienen" in html and NOTE in html
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert NOTE in history
    # The note is never on the site.
    revision = page.get_latest_revision()
    revision.publish(user=redacteur)
    assert NOTE not in client.get(page.url).content.decode()


def test_the_note_field_starts_empty_on_every_edit(client, writer, blog_index):
    page = submit_news_with_note(client, writer, blog_index)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.context["form"]["review_note"].value() == ""


def test_the_author_reads_the_editors_comment(client, writer, redacteur, blog_index):
    page = submit_news_with_note(client, writer, blog_index, note="")
    task_state = page.current_workflow_task_state
    assert task_state.task.name == REVIEW_TASK_NAME
    mail.outbox.clear()
    task_state.task.specific.on_action(
        task_state, redacteur, "reject", comment="De kop mag korter."
    )
    to_author = [message for message in mail.outbox if writer.email in message.to]
    assert to_author and "De kop mag korter." in to_author[0].body
    client.force_login(writer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Opmerkingen bij de beoordeling" in html and "De kop mag korter." in html

    # Approved with a comment: the author's e-mail carries it too.
    state = page.workflow_states.get()
    state.resume(user=writer)
    mail.outbox.clear()
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, redacteur, "approve", comment="Mooi stuk!")
    to_author = [message for message in mail.outbox if writer.email in message.to]
    assert to_author and "Mooi stuk!" in to_author[0].body


@pytest.fixture
def interview(writer, blog_index):
    page = draft_interview(
        blog_index, [("Anouk de Vries", "anouk@lindenholt.example"), ("Fatima El Amrani", "")]
    )
    submit(page, writer)
    page.refresh_from_db()
    return page


def screen_url(page):
    return reverse("blog_admin_interview_approvals", args=[page.current_workflow_task_state.pk])


def test_editor_sees_every_answer_on_the_edit_page_and_the_answers_screen(
    client, interview, redacteur
):
    token = links_for("anouk@lindenholt.example")[0]
    client.post(f"/interview-akkoord/{token}/", {"decision": "akkoord", "note": ""})
    client.force_login(redacteur)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[interview.pk])).content.decode()
    assert "Akkoord van de geïnterviewden" in html
    assert "Anouk de Vries" in html and "Wacht op antwoord" in html
    assert "anouk@lindenholt.example" not in html.split('name="interviewees-0-email"')[0]
    html = client.get(screen_url(interview)).content.decode()
    assert "Akkoord van Fatima El Amrani vastleggen" in html
    assert "Publiceer zonder akkoord" in html


def test_an_author_cannot_open_the_answers_screen(client, interview, writer):
    client.force_login(writer)
    response = client.get(screen_url(interview))
    # The admin turns a refusal into a redirect with "no permission".
    assert response.status_code in (302, 403)
    assert "Publiceer zonder akkoord" not in response.content.decode()


def test_editor_records_an_approval_given_by_telephone(client, interview, redacteur):
    client.force_login(redacteur)
    url = screen_url(interview)
    approval = interview.current_workflow_task_state.interviewee_approvals.get(
        name="Fatima El Amrani"
    )
    prefix = f"confirm-{approval.pk}"
    response = client.post(
        url, {"confirm": approval.pk, f"{prefix}-approval": approval.pk, f"{prefix}-note": ""}
    )
    assert response.status_code == 200
    assert "Schrijf op hoe het akkoord is gegeven." in response.content.decode()

    response = client.post(
        url,
        {
            "confirm": approval.pk,
            f"{prefix}-approval": approval.pk,
            f"{prefix}-note": "Telefonisch, 3 december",
        },
    )
    assert response.status_code == 302
    approval.refresh_from_db()
    assert approval.status == "akkoord" and approval.confirmed_by == redacteur
    entry = PageLogEntry.objects.get(page=interview, action=LOG_CONFIRMED)
    assert entry.user == redacteur and entry.comment == "Telefonisch, 3 december"


def test_editor_publishes_without_approval_from_the_workflow_menu(client, interview, redacteur):
    client.force_login(redacteur)
    task_state = interview.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[interview.pk, "override", task_state.pk]
    )
    response = client.post(url, {"comment": ""})
    interview.refresh_from_db()
    assert not interview.live
    response = client.post(url, {"comment": "Vandaag nog nodig; akkoord volgt."})
    assert response.status_code in (200, 302)
    interview.refresh_from_db()
    assert interview.live
    entry = PageLogEntry.objects.get(page=interview, action=LOG_OVERRIDE)
    assert entry.user == redacteur
    history = client.get(
        reverse("wagtailadmin_pages:history", args=[interview.pk])
    ).content.decode()
    assert "Gepubliceerd zonder akkoord van" in history
    assert "Vandaag nog nodig; akkoord volgt." in history
