"""Restore a backup made by `manage.py backup` into a migrated, empty database."""

import gzip
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction


class Command(BaseCommand):
    help = "Zet een back-up terug (database en media). Wist eerst alle bestaande gegevens."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Map met data.json.gz en media.tar.gz")
        parser.add_argument(
            "--yes", action="store_true", help="Niet vragen; bestaande gegevens worden gewist."
        )

    def handle(self, *args, **options):
        source = Path(options["directory"])
        data_file = source / "data.json.gz"
        if not data_file.exists():
            raise CommandError(f"Geen data.json.gz in {source}")
        if not options["yes"]:
            answer = input("Alle huidige gegevens worden gewist. Doorgaan? [ja/nee] ")
            if answer.strip().lower() not in {"ja", "j", "yes", "y"}:
                raise CommandError("Afgebroken; er is niets veranderd.")

        with tempfile.TemporaryDirectory() as work:
            fixture = Path(work) / "data.json"
            with gzip.open(data_file, "rb") as packed, fixture.open("wb") as plain:
                shutil.copyfileobj(packed, plain)
            with transaction.atomic():
                # Empty every table, also what migrations created (Wagtail's tree root, content
                # types): the backup holds all of it, with the same primary keys.
                call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
                call_command("loaddata", str(fixture), verbosity=0)
            ContentType.objects.clear_cache()
        self.restore_media(source / "media.tar.gz")
        self.rebuild_search_index()
        self.stdout.write(self.style.SUCCESS(f"Back-up uit {source} teruggezet."))

    def rebuild_search_index(self):
        """The indexes are not in the backup; on SQLite the full-text side table survives a
        flush. Wagtail's index and, on PostgreSQL, the search table are written again."""
        from wagtail.search.models import IndexEntry

        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM wagtailsearch_indexentry_fts")
        IndexEntry.objects.all().delete()
        call_command("update_index", verbosity=0)
        call_command("rebuild_search_entries", verbosity=0)

    def restore_media(self, archive_path):
        if not archive_path.exists():
            return
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive_path, "r:gz") as archive:
            members = [m for m in archive.getmembers() if m.name.startswith("media")]
            with tempfile.TemporaryDirectory() as work:
                archive.extractall(work, members=members, filter="data")
                shutil.copytree(Path(work) / "media", media_root, dirs_exist_ok=True)
