"""Fill an empty site with believable Dutch demo content. Safe to run again."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from home import demo


class Command(BaseCommand):
    help = "Laadt demo-inhoud: pagina's, leden, artikelen, reacties en evenementen."

    def handle(self, *args, **options):
        with transaction.atomic():
            demo.load()
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo-inhoud staat klaar."))
