"""The scheduler: fires the periodic jobs (``settings.SCHEDULED_JOBS``) on their cron schedule.

``manage.py scheduler`` runs APScheduler's blocking scheduler. A tick does no work itself: it
enqueues the background task ``run_scheduled_job`` and the task workers (``manage.py
db_worker``) run it, so a slow clean-up never delays publishing and the work shows up with the
other tasks. Any number of schedulers may run (one per machine, or a spare): only the one that
holds the "scheduler" lease enqueues; it renews the lease while it lives, and when it dies a
spare takes over after ``SCHEDULER_LEASE_SECONDS``. The job itself runs under a lease of its
own and is idempotent (``vakgenoten.jobs``), so a tick enqueued twice still does its work once.

For cron or systemd timers instead of a long-running scheduler: ``manage.py scheduler --once``
every minute runs, in that process, the jobs whose schedule falls in the current minute.
"""

import logging
import signal
from dataclasses import dataclass

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.module_loading import import_string

from . import leases

logger = logging.getLogger(__name__)

LEADER_LEASE = "scheduler"


@dataclass(frozen=True)
class Job:
    name: str
    schedule: str  # a crontab line: minute hour day-of-month month day-of-week
    function_path: str

    @property
    def function(self):
        return import_string(self.function_path)

    def trigger(self):
        from apscheduler.triggers.cron import CronTrigger

        return CronTrigger.from_crontab(self.schedule, timezone=settings.TIME_ZONE)

    def is_due(self, now):
        """True when the schedule has a moment in the minute of ``now`` (for ``--once``)."""
        minute = timezone.localtime(now).replace(second=0, microsecond=0)
        return self.trigger().get_next_fire_time(None, minute) == minute


def all_jobs():
    """The configured jobs by name, in the order of the setting."""
    return {
        name: Job(name, schedule, path)
        for name, (schedule, path) in settings.SCHEDULED_JOBS.items()
    }


def get_job(name):
    jobs = all_jobs()
    if name not in jobs:
        raise LookupError(f"Onbekende taak {name!r}; kies uit: {', '.join(jobs)}.")
    return jobs[name]


def run_job(name):
    """Run one job here and now, unless it is running elsewhere. Returns what the job did,
    or None when another process was running it (it does the work for both)."""
    job = get_job(name)
    holder = leases.new_holder()
    lease = f"job:{name}"
    if not leases.acquire(lease, holder, settings.SCHEDULER_JOB_TIMEOUT_SECONDS):
        logger.info("Job %s is already running elsewhere; skipped.", name)
        return None
    try:
        result = job.function()
    finally:
        leases.release(lease, holder)
    # Most runs find nothing to do; those stay out of the log unless DEBUG is on.
    level = logging.INFO if did_something(result) else logging.DEBUG
    logger.log(level, "Job %s done: %s", name, result)
    return result


def did_something(result):
    if isinstance(result, dict):
        return any(result.values())
    return bool(result)


class Scheduler:
    """One scheduler process. ``tick`` is what a cron moment does; ``run`` loops forever."""

    def __init__(self, holder=None, lease_seconds=None):
        self.holder = holder or leases.new_holder()
        self.lease_seconds = lease_seconds or settings.SCHEDULER_LEASE_SECONDS
        self.jobs = all_jobs()

    def lead(self):
        """Take or renew the leader lease: True while this scheduler is the one that enqueues."""
        if not connection.in_atomic_block:
            close_old_connections()  # a connection broken while we slept is replaced
        try:
            return leases.acquire(LEADER_LEASE, self.holder, self.lease_seconds)
        except Exception:  # the database is away: the next heartbeat tries again
            logger.exception("Scheduler could not reach the database for its lease.")
            return False

    def tick(self, name):
        """A job's moment has come: enqueue it if this scheduler leads. True when enqueued."""
        from .tasks import run_scheduled_job

        if not self.lead():
            return False
        run_scheduled_job.enqueue(name)
        logger.debug("Scheduler enqueued %s.", name)
        return True

    def heartbeat(self):
        self.lead()

    def build(self):
        """An APScheduler that fires every job, and renews the lease a few times per term."""
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.schedulers.blocking import BlockingScheduler
        from apscheduler.triggers.interval import IntervalTrigger

        quiet = logging.getLogger("apscheduler")
        if quiet.level == logging.NOTSET:  # unless LOGGING says otherwise: no line per tick
            quiet.setLevel(logging.WARNING)
        scheduler = BlockingScheduler(
            timezone=settings.TIME_ZONE,
            executors={"default": ThreadPoolExecutor(1)},
            # A moment missed by under half a minute (a busy database) still fires; more that
            # were missed fire once, as the jobs catch up on whatever is due.
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 30},
        )
        scheduler.add_job(
            self.heartbeat,
            IntervalTrigger(seconds=max(1, self.lease_seconds // 3)),
            id="heartbeat",
        )
        for job in self.jobs.values():
            scheduler.add_job(self.tick, job.trigger(), args=[job.name], id=job.name)
        return scheduler

    def run(self):
        """Run until SIGTERM or Ctrl+C; then hand the lease over at once."""
        scheduler = self.build()

        def stop(signum, frame):
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.heartbeat()
        try:
            scheduler.start()
        finally:
            leases.release(LEADER_LEASE, self.holder)
