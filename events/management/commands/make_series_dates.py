"""Make the missing dates of event series (all of them, or those named by their slug).

The same as "Data aanmaken" in the admin: idempotent, so safe to run as often as you like,
for instance after extending a series' rule.
"""

from django.core.management.base import BaseCommand, CommandError

from events.models import EventSeries
from events.series import SeriesProblem, generate_occurrences


class Command(BaseCommand):
    help = "Maakt de ontbrekende data van reeksen aan (alle reeksen, of de genoemde)."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Adressen (slugs) van reeksen")

    def handle(self, *args, slugs=(), **options):
        series_list = EventSeries.objects.order_by("slug")
        if slugs:
            series_list = series_list.filter(slug__in=slugs)
            missing = set(slugs) - set(series_list.values_list("slug", flat=True))
            if missing:
                raise CommandError("Onbekende reeks: " + ", ".join(sorted(missing)))
        for series in series_list:
            try:
                result = generate_occurrences(series)
            except SeriesProblem as problem:
                self.stderr.write(f"{series.slug}: {problem.message}")
                continue
            self.stdout.write(
                f"{series.slug}: {len(result.created)} aangemaakt, {result.existing} bestonden al"
            )
