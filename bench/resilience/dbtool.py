"""The resilience run's database side: prepare test data, then count what was kept.

    python bench/resilience/dbtool.py prepare --plan PLAN.json --members 360 --events 4
    python bench/resilience/dbtool.py verify --acks ACKS.jsonl --mail MAIL.jsonl --since ISO

Runs with the same environment as the web server (DJANGO_SETTINGS_MODULE, DATABASE_URL, ...),
so it reads and writes the database under test. ``prepare`` is safe to repeat.
"""

import argparse
import json
import os
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vakgenoten.settings.production")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import Page, Site  # noqa: E402

from blog.models import ArticlePage  # noqa: E402
from comments.models import Comment, CommentSettings  # noqa: E402
from events.models import EventIndexPage, EventPage, Registration  # noqa: E402
from members.models import Network  # noqa: E402
from vakgenoten.mail import stable_message_id  # noqa: E402
from vakgenoten.models import OutgoingEmail  # noqa: E402

PASSWORD = "veerkracht-proef-2026"  # noqa: S105 (test accounts in a throw-away database)
EMAIL_DOMAIN = "veerkracht.example"
EVENT_SLUG = "veerkrachtproef-{n}"
SEARCH_TERMS = ["inkoop", "wonen", "participatie", "energie", "jeugd", "afval", "data", "zorg"]


def prepare(args):
    site = Site.objects.get(is_default_site=True)
    with transaction.atomic():
        # Writers post many comments within minutes; the per-member limit would refuse most of
        # them, and a refusal is not what this run measures. Comments are published at once
        # (no first-comment hold), so every one notifies the members following the
        # conversation and the e-mail guarantees are tried on comment notices too.
        settings = CommentSettings.for_site(site)
        settings.rate_limit_count = 0
        settings.hold_first_comments = 0
        settings.save()

        hashed = make_password(PASSWORD)  # one hash: hashing 360 passwords costs minutes of CPU
        user_model = get_user_model()
        accounts = []
        for number in range(1, args.members + 1):
            email = f"lid{number:04d}@{EMAIL_DOMAIN}"
            user = user_model.objects.filter(email=email).first()
            if user is None:
                user = user_model(
                    email=email, first_name="Proef", last_name=f"Lid {number:04d}", password=hashed
                )
                user.save()
                EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            accounts.append(email)

        index = EventIndexPage.objects.live().first()
        network = Network.objects.order_by("pk").first()
        start = timezone.now() + timedelta(days=30)
        for number in range(1, args.events + 1):
            slug = EVENT_SLUG.format(n=number)
            if EventPage.objects.filter(slug=slug).exists():
                continue
            event = EventPage(
                title=f"Veerkrachtproef ledendag {number}",
                slug=slug,
                intro="Een ledendag om de aanmelding onder belasting te beproeven.",
                start=start + timedelta(days=number),
                end=start + timedelta(days=number, hours=6),
                venue_name="Stadskantoor Lindenholt",
                capacity=args.capacity,
                organiser_network=network,
            )
            index.add_child(instance=event)
            event.save_revision().publish()

    articles = [
        {"id": page.pk, "url": page.url}
        for page in Page.objects.live().public().type(ArticlePage).order_by("pk")
    ]
    events = [
        {"id": page.pk, "url": page.url}
        for page in EventPage.objects.live().filter(slug__startswith="veerkrachtproef-")
    ]
    listings = [page.url for page in Page.objects.live().public().filter(depth=3).order_by("pk")]
    other_events = [
        page.url for page in EventPage.objects.live().exclude(slug__startswith="veerkrachtproef-")
    ]
    plan = {
        "password": PASSWORD,
        "accounts": accounts,
        "articles": articles,
        "events": events,
        "read_urls": {
            "listings": [url for url in listings if url],
            "articles": [article["url"] for article in articles],
            "events": other_events + [event["url"] for event in events],
            "search_terms": SEARCH_TERMS,
        },
    }
    Path(args.plan).write_text(json.dumps(plan, indent=1))
    print(
        f"prepared: {len(accounts)} members, {len(events)} test events "
        f"(capacity {args.capacity}), {len(articles)} articles, {len(listings)} listings"
    )


def read_jsonl(path):
    if not path or not Path(path).exists():
        return []
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def verify(args):
    """Compare what the load acknowledged and the sink received with the database."""
    since = datetime.fromisoformat(args.since)
    acks = read_jsonl(args.acks)
    result = {"phases": {}}
    for phase in sorted({ack["phase"] for ack in acks}):
        phase_acks = [ack for ack in acks if ack["phase"] == phase]
        comment_markers = {a["marker"] for a in phase_acks if a["kind"] == "comment"}
        registration_markers = {a["marker"] for a in phase_acks if a["kind"] == "registration"}
        prefix = f"VKP-{args.run}-{phase}-"
        stored_comments = {
            body.split(" ", 1)[0]
            for body in Comment.objects.filter(body__startswith=prefix).values_list(
                "body", flat=True
            )
        }
        stored_registrations = set(
            Registration.objects.filter(remark__startswith=prefix).values_list("remark", flat=True)
        )
        result["phases"][phase] = {
            "comments_acknowledged": len(comment_markers),
            "comments_stored": len(stored_comments),
            "comments_lost": sorted(comment_markers - stored_comments),
            "registrations_acknowledged": len(registration_markers),
            "registrations_stored": len(stored_registrations),
            "registrations_lost": sorted(registration_markers - stored_registrations),
            "registration_statuses": dict(
                Counter(
                    Registration.objects.filter(remark__startswith=prefix).values_list(
                        "status", flat=True
                    )
                )
            ),
        }

    outbox = OutgoingEmail.objects.filter(created_at__gte=since)
    delivered = read_jsonl(args.mail)
    received = Counter(record["message_id"] for record in delivered)
    expected_ids = {stable_message_id(message): message.key for message in outbox}
    sent = outbox.filter(status=OutgoingEmail.Status.SENT)
    result["mail"] = {
        "queued": outbox.count(),
        "statuses": dict(Counter(outbox.values_list("status", flat=True))),
        "kinds": dict(
            Counter(key.split("-")[0].split(":")[0] for key in outbox.values_list("key", flat=True))
        ),
        "retried": outbox.filter(attempts__gt=0, status=OutgoingEmail.Status.SENT).count(),
        "max_attempts": max(list(outbox.values_list("attempts", flat=True)) or [0]),
        "received": len(delivered),
        "received_unique": len(received),
        "duplicates": sorted(mid for mid, count in received.items() if count > 1),
        "sent_not_received": sorted(
            message.key for message in sent if received[stable_message_id(message)] == 0
        ),
        "received_unknown": sorted(mid for mid in received if mid not in expected_ids),
    }
    if args.mail_phase_since:
        window = datetime.fromisoformat(args.mail_phase_since)
        result["mail"]["queued_during_mail_phase"] = outbox.filter(created_at__gte=window).count()
        result["mail"]["pending_from_mail_phase"] = (
            outbox.filter(created_at__gte=window).exclude(status=OutgoingEmail.Status.SENT).count()
        )
    tasks = DBTaskResult.objects.filter(enqueued_at__gte=since)
    result["tasks"] = {
        "statuses": dict(Counter(tasks.values_list("status", flat=True))),
        "unfinished": [
            {"task": task.task_path, "status": task.status, "args": task.args_kwargs}
            for task in tasks.exclude(status__in=["SUCCESSFUL"]).order_by("enqueued_at")[:20]
        ],
    }
    if args.mail_phase_since:
        result["tasks"]["unfinished_from_mail_phase"] = (
            tasks.filter(enqueued_at__gte=datetime.fromisoformat(args.mail_phase_since))
            .exclude(status="SUCCESSFUL")
            .count()
        )
    print(json.dumps(result, indent=1, default=str))


def pending(args):
    """How much e-mail still waits (for the bounded drain after the mail server is back)."""
    since = datetime.fromisoformat(args.since)
    outbox = OutgoingEmail.objects.filter(created_at__gte=since)
    waiting_tasks = DBTaskResult.objects.filter(
        enqueued_at__gte=since, status__in=["READY", "RUNNING"]
    )
    print(
        json.dumps(
            {
                "pending": outbox.filter(status=OutgoingEmail.Status.PENDING).count(),
                "tasks_waiting": waiting_tasks.exclude(task_path__endswith="deliver_email").count(),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prep = commands.add_parser("prepare")
    prep.add_argument("--plan", required=True)
    prep.add_argument("--members", type=int, default=360)
    prep.add_argument("--events", type=int, default=4)
    prep.add_argument("--capacity", type=int, default=40)
    check = commands.add_parser("verify")
    check.add_argument("--run", required=True)
    check.add_argument("--acks", required=True)
    check.add_argument("--mail", required=True)
    check.add_argument("--since", required=True)
    check.add_argument("--mail-phase-since", default="")
    wait = commands.add_parser("pending")
    wait.add_argument("--since", required=True)
    args = parser.parse_args()
    {"prepare": prepare, "verify": verify, "pending": pending}[args.command](args)


if __name__ == "__main__":
    main()
