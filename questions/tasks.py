"""Background tasks: tell moderators and askers about questions.

Enqueued after the change commits (``moderation.py``). Each e-mail is stored under a unique key,
so a task that runs twice (a retry, a second worker) mails nobody twice.
"""

from django_tasks import task

from . import notifications
from .models import QuestionPage, QuestionReport


def _question(page_id):
    return QuestionPage.objects.select_related("asker").filter(pk=page_id).first()


@task()
def question_held(page_id):
    page = _question(page_id)
    if page is not None and page.status == QuestionPage.Status.PENDING:
        notifications.notify_held(page)


@task()
def question_decided(page_id, decision, stamp):
    page = _question(page_id)
    if page is not None:
        notifications.notify_decision(page, decision, stamp)


@task()
def question_reported(report_id):
    report = (
        QuestionReport.objects.select_related("question__asker", "reporter")
        .filter(pk=report_id, handled_at__isnull=True)
        .first()
    )
    if report is not None:
        notifications.notify_reported(report)
