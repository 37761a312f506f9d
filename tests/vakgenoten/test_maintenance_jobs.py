"""The periodic clean-up jobs: each does its work, keeps what must stay, and twice is once."""

from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.contrib.sessions.models import Session
from django.utils import timezone

from wagtail.models import GroupApprovalTask, Revision, Workflow, WorkflowTask

from members.privacy import export_personal_data
from tests.concurrency import at_once
from tests.factories import UserFactory
from vakgenoten.jobs import (
    clear_sessions,
    deliver_stuck_email,
    forget_sent_email,
    prune_revisions,
    prune_task_results,
)
from vakgenoten.mail import queue_email
from vakgenoten.models import OutgoingEmail, StandardPage

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


# --- E-mail safety net -------------------------------------------------------------------------


def stuck_message(key, minutes_old):
    """A message whose delivery task never ran (queued without one, as if the task was lost)."""
    message = queue_email(key, "anouk@gemeente.example", "Welkom", "Hallo", deliver=False)
    OutgoingEmail.objects.filter(pk=message.pk).update(
        created_at=days_ago(0) - timedelta(minutes=minutes_old)
    )
    return message


def test_safety_net_sends_stuck_email_and_leaves_fresh_email_to_its_task(mailoutbox):
    stuck = stuck_message("stuck", minutes_old=30)
    fresh = stuck_message("fresh", minutes_old=1)

    assert deliver_stuck_email() == {"sent": 1, "failed": 0}
    assert deliver_stuck_email() == {"sent": 0, "failed": 0}

    assert len(mailoutbox) == 1
    assert OutgoingEmail.objects.get(pk=stuck.pk).status == OutgoingEmail.Status.SENT
    assert OutgoingEmail.objects.get(pk=fresh.pk).status == OutgoingEmail.Status.PENDING


@pytest.mark.django_db(transaction=True)
def test_safety_net_on_two_workers_at_once_sends_each_message_once(mailoutbox, tmp_path):
    for number in range(5):
        stuck_message(f"stuck-{number}", minutes_old=30)
    results = at_once([deliver_stuck_email, deliver_stuck_email], tmp_path)
    assert sum(result["sent"] for result in results) == 5
    assert len(mailoutbox) == 5
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}


# --- Outbox retention --------------------------------------------------------------------------


def sent_message(key, to, sent_days_ago, status=OutgoingEmail.Status.SENT):
    message = OutgoingEmail.objects.create(
        key=key,
        to=to,
        subject="Nieuwe reactie op je artikel",
        body="Anouk de Vries reageerde: ...",
        html_body="<p>Anouk de Vries reageerde</p>",
        headers={"List-Unsubscribe": "<https://vakgenoten.example/afmelden/abc/>"},
        attachments=[["uitnodiging.ics", "BEGIN:VCALENDAR", "text/calendar"]],
        status=status,
        sent_at=days_ago(sent_days_ago) if status == OutgoingEmail.Status.SENT else None,
        last_error="550 mailbox of anouk@gemeente.example full"
        if status == OutgoingEmail.Status.FAILED
        else "",
    )
    OutgoingEmail.objects.filter(pk=message.pk).update(created_at=days_ago(sent_days_ago))
    return message


def test_outbox_retention_empties_old_messages_only(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    member = UserFactory(email="anouk@gemeente.example")
    old = sent_message("comment-1-notify-1", member.email, sent_days_ago=31)
    given_up = sent_message(
        "comment-2-notify-1", member.email, 40, status=OutgoingEmail.Status.FAILED
    )
    recent = sent_message("comment-3-notify-1", member.email, sent_days_ago=29)
    pending = sent_message("comment-4-notify-1", member.email, 90, OutgoingEmail.Status.PENDING)

    assert forget_sent_email() == 2
    assert forget_sent_email() == 0  # a second run finds nothing left to empty

    for message in (old, given_up):
        message.refresh_from_db()
        assert (message.to, message.subject, message.body, message.html_body) == ("", "", "", "")
        assert (message.headers, message.attachments, message.last_error) == ({}, [], "")
        assert message.key  # kept: the same notification is still never sent twice
    for message in (recent, pending):
        message.refresh_from_db()
        assert message.to == member.email and message.body and message.attachments

    # The member's data export lists exactly the messages that still hold their address.
    exported = export_personal_data(member)["e-mails"]
    assert len(exported) == 2
    assert queue_email("comment-1-notify-1", member.email, "Opnieuw", "Tekst") is None


def test_outbox_retention_period_is_a_setting(settings):
    sent_message("a", "b@gemeente.example", sent_days_ago=8)
    settings.OUTBOX_RETENTION_DAYS = 10
    assert forget_sent_email() == 0
    settings.OUTBOX_RETENTION_DAYS = 7
    assert forget_sent_email() == 1


# --- Sessions and task results -----------------------------------------------------------------


def test_expired_sessions_are_cleared():
    Session.objects.create(session_key="a" * 32, session_data="x", expire_date=days_ago(1))
    Session.objects.create(session_key="b" * 32, session_data="x", expire_date=days_ago(-1))
    clear_sessions()
    clear_sessions()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]


def task_result(status, finished_days_ago):
    finished = days_ago(finished_days_ago) if finished_days_ago is not None else None
    return DBTaskResult.objects.create(
        status=status,
        task_path="vakgenoten.tasks.run_scheduled_job",
        args_kwargs={"args": ["clear_sessions"], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        run_after=None,
        finished_at=finished,
    )


def test_finished_task_results_are_pruned_after_the_retention_period(settings):
    settings.TASK_RESULT_RETENTION_DAYS = 14
    old_done = task_result("SUCCESSFUL", 15)
    old_failed = task_result("FAILED", 20)
    recent = task_result("SUCCESSFUL", 2)
    waiting = task_result("READY", None)

    assert prune_task_results() == 2
    assert prune_task_results() == 0
    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, waiting.pk}
    assert old_done.pk not in remaining and old_failed.pk not in remaining


# --- Revisions ---------------------------------------------------------------------------------


def revise(page, times, days_old):
    """Save ``times`` revisions of ``page`` dated ``days_old`` days ago."""
    revisions = []
    for number in range(times):
        page.title = f"Over Vakgenoten, versie {number}"
        revision = page.save_revision()
        Revision.objects.filter(pk=revision.pk).update(created_at=days_ago(days_old))
        revisions.append(revision)
    return revisions


def test_old_revisions_are_pruned_keeping_the_newest_live_and_scheduled(home_page, settings):
    settings.REVISION_RETENTION_DAYS = 180
    settings.REVISIONS_KEPT_PER_OBJECT = 3
    page = StandardPage.objects.get(slug="over-vakgenoten")
    first = Revision.objects.filter(object_id=str(page.pk))
    initial = first.count()
    first.update(created_at=days_ago(500))  # the demo's own revision, older still
    old = revise(page, 6, days_old=400)
    old[1].publish()  # the live version is an old one
    page.refresh_from_db()
    scheduled = old[2]
    Revision.objects.filter(pk=scheduled.pk).update(approved_go_live_at=days_ago(-3))
    newer = revise(page, 2, days_old=10)  # within the retention period
    other_page = StandardPage.objects.get(slug="privacyverklaring")
    other_old = revise(other_page, 2, days_old=400)

    deleted = prune_revisions()

    kept = set(Revision.objects.filter(object_id=str(page.pk)).values_list("pk", flat=True))
    # The newest three (two recent, the last old one), the live and the scheduled one stay.
    assert kept == {newer[0].pk, newer[1].pk, old[5].pk, old[1].pk, scheduled.pk}
    assert deleted == 3 + initial  # old[0], old[3], old[4] and the demo's first
    page.refresh_from_db()
    assert page.live_revision_id == old[1].pk
    assert Revision.objects.filter(pk__in=[r.pk for r in other_old]).count() == 2
    assert prune_revisions() == 0


def test_revisions_in_a_workflow_are_kept(home_page, settings):
    settings.REVISION_RETENTION_DAYS = 1
    settings.REVISIONS_KEPT_PER_OBJECT = 1
    workflow = Workflow.objects.create(name="Redactie")
    review = GroupApprovalTask.objects.create(name="Eindredactie")
    WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
    page = StandardPage.objects.get(slug="over-vakgenoten")
    page.title = "Over Vakgenoten, ter beoordeling"
    reviewed = page.save_revision()
    workflow.start(page, UserFactory(is_superuser=True))
    assert reviewed.task_states.exists()
    revise(page, 2, days_old=10)
    Revision.objects.filter(pk=reviewed.pk).update(created_at=days_ago(10))

    prune_revisions()

    assert Revision.objects.filter(pk=reviewed.pk).exists()
