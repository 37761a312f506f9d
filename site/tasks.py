"""Background tasks of the site layer."""

from django_tasks import default_task_backend, task

from .mail import send_one
from .models import OutgoingEmail


@task()
def deliver_email(message_id):
    """Send one queued e-mail; after a failure, schedule the next attempt when the backend can."""
    if send_one(message_id):
        return
    message = OutgoingEmail.objects.filter(
        pk=message_id, status=OutgoingEmail.Status.PENDING
    ).first()
    if message and message.next_attempt_at and default_task_backend.supports_defer:
        deliver_email.using(run_after=message.next_attempt_at).enqueue(message_id)


@task()
def deliver_emails(message_ids):
    """Send a batch of queued e-mails (``mail.queue_emails``). A message that fails waits for
    its back-off; the e-mail safety net (``jobs.deliver_stuck_email``) sends it then."""
    for message_id in message_ids:
        send_one(message_id)


@task()
def run_scheduled_job(name):
    """One periodic job (``settings.SCHEDULED_JOBS``), enqueued by the scheduler."""
    from .scheduler import run_job

    return run_job(name)
