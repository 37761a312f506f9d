"""Write a backup: every record (JSON, gzipped) plus the media files (tar.gz)."""

import gzip
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

# Rebuilt from the rest (the search index) or worthless in a copy (sessions, finished tasks).
# Everything else is dumped by primary key, content types included: Wagtail's audit log keeps
# references to deleted pages, which natural keys cannot express.
EXCLUDED = [
    "sessions",
    "wagtailsearch.indexentry",
    "blog.searchentry",  # derived from the pages; restore writes it again
    "django_tasks_database",
]


class Command(BaseCommand):
    help = "Maakt een back-up van de database en de media in een map (zie restore)."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="Doelmap; standaard var/backups/<tijd>")

    def handle(self, *args, **options):
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        target = Path(options["directory"] or settings.BASE_DIR / "var" / "backups" / stamp)
        target.mkdir(parents=True, exist_ok=True)
        data_file = target / "data.json.gz"
        with gzip.open(data_file, "wt", encoding="utf-8") as stream:
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                indent=None,
                stdout=stream,
            )
        media_root = Path(settings.MEDIA_ROOT)
        with tarfile.open(target / "media.tar.gz", "w:gz") as archive:
            if media_root.exists():
                archive.add(media_root, arcname="media")
        self.stdout.write(self.style.SUCCESS(f"Back-up geschreven naar {target}"))
