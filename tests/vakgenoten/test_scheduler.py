"""The scheduler: of several schedulers one enqueues each job, a dead one is replaced, and a
job enqueued twice does its work once."""

import io
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.concurrency import at_once
from vakgenoten import leases
from vakgenoten.models import Lease
from vakgenoten.scheduler import LEADER_LEASE, Scheduler, all_jobs, get_job, run_job

pytestmark = pytest.mark.django_db

EXPECTED_JOBS = {
    "publish_scheduled",
    "email_safety_net",
    "event_reminders",
    "clear_sessions",
    "prune_task_results",
    "prune_revisions",
    "outbox_retention",
    "digest",
    "member_message_retention",
    "notification_retention",
    "question_offers",
    "guest_request_retention",
    "network_invite_retention",
}


@pytest.fixture
def database_tasks(settings):
    """Tasks stored in the database as in production (the tests otherwise run them at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def enqueued(name):
    results = DBTaskResult.objects.filter(task_path="vakgenoten.tasks.run_scheduled_job")
    return sum(1 for result in results if result.args_kwargs["args"] == [name])


def test_every_periodic_job_is_scheduled_and_each_one_runs():
    jobs = all_jobs()
    assert set(jobs) == EXPECTED_JOBS
    assert jobs["publish_scheduled"].schedule == "* * * * *"
    for job in jobs.values():
        job.trigger()  # a valid crontab line
        assert callable(job.function)
        run_job(job.name)  # and each runs on an empty site
    assert not Lease.objects.exists()  # each job gave its lease back


def test_only_the_leading_scheduler_enqueues_a_tick(database_tasks):
    first, second = Scheduler(holder="machine-a"), Scheduler(holder="machine-b")

    assert first.tick("publish_scheduled") is True
    assert second.tick("publish_scheduled") is False
    assert second.tick("outbox_retention") is False
    assert first.tick("publish_scheduled") is True  # the leader renews as it goes

    assert enqueued("publish_scheduled") == 2
    assert enqueued("outbox_retention") == 0
    assert Lease.objects.get(name=LEADER_LEASE).holder == "machine-a"


def test_a_dead_leader_is_replaced_when_its_lease_runs_out(database_tasks):
    leader, spare = Scheduler(holder="dies"), Scheduler(holder="spare", lease_seconds=60)
    assert leader.tick("publish_scheduled")
    assert not spare.tick("publish_scheduled")

    # The leader stops renewing; a minute later its lease has run out.
    Lease.objects.filter(name=LEADER_LEASE).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert spare.tick("publish_scheduled")
    assert not leader.tick("publish_scheduled")  # back from the dead, it stands by
    assert enqueued("publish_scheduled") == 2


def test_a_scheduler_that_stops_hands_over_at_once(database_tasks):
    leader, spare = Scheduler(holder="a"), Scheduler(holder="b")
    assert leader.lead()
    leases.release(LEADER_LEASE, leader.holder)
    assert spare.tick("clear_sessions")


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_ticking_at_the_same_moment_enqueue_once(database_tasks, tmp_path):
    schedulers = [Scheduler(holder=f"machine-{number}") for number in range(4)]
    results = at_once([lambda s=s: s.tick("publish_scheduled") for s in schedulers], tmp_path)
    assert sorted(results) == [False, False, False, True]
    assert enqueued("publish_scheduled") == 1


@pytest.mark.django_db(transaction=True)
def test_a_job_running_on_two_workers_at_once_runs_on_one(tmp_path, settings):
    settings.SCHEDULED_JOBS = {
        **settings.SCHEDULED_JOBS,
        "slow": ("* * * * *", "tests.vakgenoten.test_scheduler.slow_job"),
    }
    results = at_once([lambda: run_job("slow"), lambda: run_job("slow")], tmp_path)
    assert sorted(results, key=str) == [None, "done"]
    assert run_job("slow") == "done"  # the lease was given back


def slow_job():
    import time

    time.sleep(0.5)
    return "done"


def test_once_runs_only_the_jobs_due_this_minute():
    at_three = timezone.localtime().replace(hour=3, minute=0, second=20)
    due = {name for name, job in all_jobs().items() if job.is_due(at_three)}
    assert due == {"publish_scheduled", "email_safety_net", "clear_sessions"}
    at_nine_past = at_three.replace(hour=9, minute=7)
    assert {name for name, job in all_jobs().items() if job.is_due(at_nine_past)} == {
        "publish_scheduled"
    }


def test_command_runs_a_named_job_and_lists_the_schedule():
    out = io.StringIO()
    call_command("scheduler", "--job", "prune_task_results", stdout=out)
    assert out.getvalue() == "prune_task_results: 0\n"

    out = io.StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert "publish_scheduled: {'unpublished': 0, 'published': 0}" in out.getvalue()

    out = io.StringIO()
    call_command("scheduler", "--list", stdout=out)
    assert "* * * * *        publish_scheduled" in out.getvalue()
    assert "30 3 * * *       outbox_retention" in out.getvalue()


def test_command_refuses_an_unknown_job_in_dutch():
    with pytest.raises(CommandError, match="Onbekende taak 'publiceer'"):
        call_command("scheduler", "--job", "publiceer")
    with pytest.raises(LookupError):
        get_job("publiceer")


def test_apscheduler_fires_the_ticks_on_the_configured_schedule():
    scheduler = Scheduler(holder="here").build()
    ids = {job.id for job in scheduler.get_jobs()}
    assert ids == EXPECTED_JOBS | {"heartbeat"}
