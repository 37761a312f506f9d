"""Fill an empty site with believable Dutch demo content. Safe to run again."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from blog import demo as blog_demo
from blog.comments import demo as comments_demo
from events import demo as events_demo
from members import demo as members_demo
from vakgenoten import demo as site_demo


class Command(BaseCommand):
    help = "Laadt demo-inhoud: pagina's, leden, artikelen, reacties en evenementen."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = site_demo.load()
            # The domains add their own demo content here as they land, each idempotent.
            for loader in self.domain_loaders():
                loader(home)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo-inhoud staat klaar."))

    def domain_loaders(self):
        """Each domain's ``demo.load(home_page)``; one line per app, in dependency order."""
        return [
            site_demo.load_taxonomy,
            members_demo.load,
            blog_demo.load,
            events_demo.load,
            comments_demo.load,
        ]
