"""Background tasks of the members app."""

from django_tasks import task

from .network_messages import deliver


@task()
def deliver_network_message(message_id):
    """Queue the e-mails of a manager's message "at once" (never inside the request)."""
    return deliver(message_id)
