"""Send every queued e-mail whose turn it is (for cron, or after a mail server outage)."""

from django.core.management.base import BaseCommand

from vakgenoten.mail import deliver_due_email


class Command(BaseCommand):
    help = "Verstuurt wachtende e-mails uit de uitgaande wachtrij; opnieuw proberen is veilig."

    def handle(self, *args, **options):
        sent, failed = deliver_due_email()
        self.stdout.write(f"Verzonden: {sent}, mislukt (volgt later opnieuw): {failed}")
