"""Build a large, realistic dataset for benchmarks: ``manage.py seed_bench --articles 10000``."""

import time

from django.core.management.base import BaseCommand

from vakgenoten import bench_data


class Command(BaseCommand):
    help = (
        "Vult de database in bulk met leden, artikelen, reacties en evenementen voor "
        "benchmarks (bijvoorbeeld 10.000 artikelen in enkele minuten)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100)
        parser.add_argument("--comments-per-article", type=int, default=5)
        parser.add_argument("--members", type=int, default=200)
        parser.add_argument("--events", type=int, default=50)
        parser.add_argument(
            "--busy-article-comments",
            type=int,
            default=50,
            help="Het eerste nieuwe artikel krijgt zoveel reacties (de pagina die de bench meet).",
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Zoekindex niet bijwerken (doe het later met update_index).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        summary = bench_data.seed(
            articles=options["articles"],
            comments_per_article=options["comments_per_article"],
            members=options["members"],
            events=options["events"],
            busy_article_comments=options["busy_article_comments"],
            index=not options["no_index"],
            log=lambda line: self.stdout.write(f"  {line}"),
        )
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar in {seconds:.0f} s: {summary['articles']} artikelen, "
                f"{summary['events']} evenementen in totaal."
            )
        )
        if summary["busy_article_id"]:
            self.stdout.write(f"busy_article_id={summary['busy_article_id']}")
