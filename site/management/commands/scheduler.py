"""Run the periodic jobs: scheduled publishing, e-mail, reminders and clean-up."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vakgenoten.scheduler import Scheduler, all_jobs, get_job, run_job


class Command(BaseCommand):
    help = (
        "Start de planner: hij zet elke periodieke taak op haar tijd in de wachtrij, waarna "
        "`manage.py db_worker` haar uitvoert. Meer planners tegelijk is veilig: één leidt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Voer de taken uit die deze minuut aan de beurt zijn, hier, en stop (voor cron).",
        )
        parser.add_argument(
            "--job",
            action="append",
            default=[],
            metavar="NAAM",
            help="Voer deze taak nu uit, hier, en stop. Mag vaker.",
        )
        parser.add_argument(
            "--list", action="store_true", dest="show_list", help="Toon de taken en hun schema."
        )

    def handle(self, *args, once=False, job=(), show_list=False, **options):
        jobs = all_jobs()
        if show_list:
            for item in jobs.values():
                self.stdout.write(f"{item.schedule:<16} {item.name}")
            return
        try:
            chosen = [get_job(name) for name in job]
        except LookupError as error:
            raise CommandError(str(error)) from error
        if once:
            now = timezone.now()
            chosen += [item for item in jobs.values() if item.is_due(now) and item not in chosen]
        if job or once:
            for item in chosen:
                result = run_job(item.name)
                shown = "al bezig elders, overgeslagen" if result is None else result
                self.stdout.write(f"{item.name}: {shown}")
            return
        self.stdout.write(f"Planner gestart met {len(jobs)} taken (stoppen: Ctrl+C).")
        Scheduler().run()
