"""Build a large, realistic dataset for benchmarks: ``python bench/seed.py --articles 10000``.

Runs against whatever database DATABASE_URL names (settings from DJANGO_SETTINGS_MODULE, the
development settings when unset). Kept out of the site's own commands: production never needs it.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vakgenoten.settings.dev")

import django  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--comments-per-article", type=int, default=5)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument(
        "--busy-article-comments",
        type=int,
        default=50,
        help="the first new article gets this many comments (the page the bench measures)",
    )
    parser.add_argument(
        "--no-index", action="store_true", help="leave the search index (run update_index later)"
    )
    options = parser.parse_args(argv)
    django.setup()
    from bench import data

    started = time.monotonic()
    summary = data.seed(
        articles=options.articles,
        comments_per_article=options.comments_per_article,
        members=options.members,
        events=options.events,
        busy_article_comments=options.busy_article_comments,
        index=not options.no_index,
        log=lambda line: print(f"  {line}", flush=True),
    )
    seconds = time.monotonic() - started
    phases = "  ".join(f"{name} {took:.1f}" for name, took in summary["seconds"].items())
    print(f"Seconden per fase: {phases}  totaal {seconds:.1f}")
    print(
        f"Klaar in {seconds:.0f} s: {summary['articles']} artikelen, "
        f"{summary['events']} evenementen in totaal."
    )
    if summary["busy_article_id"]:
        print(f"busy_article_id={summary['busy_article_id']}")


if __name__ == "__main__":
    main()
