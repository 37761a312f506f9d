"""Write the search table again from the pages, for when it was changed behind the site's back."""

from django.core.management.base import BaseCommand

from blog import search_index


class Command(BaseCommand):
    help = "Schrijft de zoektabel opnieuw voor alle gepubliceerde, openbare pagina's."

    def handle(self, *args, **options):
        talk = options["verbosity"] > 0
        if not search_index.enabled():
            if talk:
                self.stdout.write(
                    "Niets te doen: de zoektabel hoort bij PostgreSQL met de databasezoekfunctie."
                )
            return
        rows = search_index.rebuild()
        if talk:
            self.stdout.write(f"Zoektabel opnieuw geschreven: {rows} pagina's.")
