"""What the stack test's editor and administrator do on the site's own database.

The stack test drives visitors and members through nginx in Chromium and over HTTP; the few
editorial steps it needs (trust a new commenter, schedule an article, restrict a page) run here,
in a separate process with the production settings, through the same Wagtail and app functions
the admin calls. That process is a third "node": whatever it changes must reach the two app
servers through the shared database and cache, exactly as a change made in the admin would.

    python bench/stack/editor.py <action> [arguments]   (prints one JSON object)
"""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vakgenoten.settings.production")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from wagtail.models import Page, PageLogEntry, PageViewRestriction, Revision  # noqa: E402

from blog.models import (  # noqa: E402
    Adoption,
    ArticlePage,
    BestPracticePage,
    BlogIndexPage,
    IntervieweeApproval,
    InterviewPage,
    NewsPage,
)
from comments import actions as comment_actions  # noqa: E402
from comments.models import CommentBan, TrustedCommenter  # noqa: E402
from events.models import EventIndexPage, EventKind, EventPage  # noqa: E402
from members.follows import follow  # noqa: E402
from members.models import Organisation, User  # noqa: E402
from taxonomy.models import Theme  # noqa: E402


def editor():
    """The stack's editor account (no password: it never logs in, it only signs revisions)."""
    user, _created = User.objects.update_or_create(
        email="redactie@stack.vakgenoten.test",
        defaults={
            "first_name": "Stack",
            "last_name": "Redactie",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    return user


def public_articles():
    """Live articles any visitor may read, oldest first (the demo's): not restricted, and not
    of a closed network."""
    from django.contrib.auth.models import AnonymousUser

    from members.visibility import visible

    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    articles = visible(ArticlePage.objects.live().public(), AnonymousUser())
    articles = articles.specific().order_by("pk")
    return [a for a in articles if not any(a.path.startswith(p) for p in restricted)]


def trust(email):
    """Publish this member's comments at once (the editors know them)."""
    member = User.objects.get(email=email)
    TrustedCommenter.objects.get_or_create(user=member, defaults={"note": "stack test"})
    return {"trusted": email}


def schedule(seconds):
    """Copy the first demo article into a new draft and schedule it ``seconds`` from now."""
    source = public_articles()[0]
    parent = source.get_parent()
    moment = timezone.now() + timedelta(seconds=int(seconds))
    local = timezone.localtime(moment)
    slug = f"gepland-{local:%H%M%S}"
    begun = timezone.now() - timedelta(days=10)
    page = source.copy(
        to=parent,
        update_attrs={
            "title": f"Gepland artikel {local:%H:%M:%S}",
            "slug": slug,
            "live": False,
            "first_published_at": None,
            "last_published_at": None,
            # The date field's default on the day the draft was begun, ten days ago.
            "publication_date": timezone.localdate(begun),
        },
        keep_live=False,
        user=editor(),
        log_action=None,
    )
    page = Page.objects.get(pk=page.pk).specific
    # The draft was begun ten days ago: once live, the article must carry the day it went live.
    page.save_revision(user=editor())
    Revision.objects.for_instance(page).update(created_at=begun)
    page.go_live_at = moment
    revision = page.save_revision(user=editor(), approved_go_live_at=moment)
    revision.publish(user=editor())  # with a go-live moment in the future: scheduled only
    page.refresh_from_db()
    return {
        "page_id": page.pk,
        "path": parent.url + slug + "/",
        "title": page.title,
        "go_live_at": moment.timestamp(),
        "live": page.live,
    }


def scheduled_titles():
    """The titles of the pages waiting to go live by themselves (the demo's scheduled news item
    and the stack's own article): they may turn up at the top of a list at any moment."""
    waiting = Revision.objects.filter(approved_go_live_at__isnull=False)
    return {"titles": sorted(set(waiting.values_list("object_str", flat=True)))}


def published(page_id):
    page = Page.objects.get(pk=int(page_id)).specific
    first = page.first_published_at
    return {
        "live": page.live,
        "first_published_at": first.timestamp() if first else None,
        "publication_date": page.publication_date.isoformat(),
        "today": timezone.localdate().isoformat(),
        # Each publication leaves one log entry: two would mean two schedulers or workers did it.
        "publications": PageLogEntry.objects.filter(
            page_id=page.pk, action__in=["wagtail.publish", "wagtail.publish.scheduled"]
        ).count(),
    }


def restrict(index):
    """Make a public demo article members-only (Wagtail's "login" restriction)."""
    article = public_articles()[int(index)]
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    return {"restricted": article.url, "title": article.title}


def article(index):
    found = public_articles()[int(index)]
    return {"path": found.url, "title": found.title, "page_id": found.pk}


def retitle(page_id, title):
    """Publish a new title for the page now, as an editor does in the admin."""
    page = Page.objects.get(pk=int(page_id)).specific
    page.title = title
    page.save_revision(user=editor()).publish(user=editor())
    return {"title": page.title, "path": page.url}


def ban(email, seconds):
    """Suspend the member from commenting, as a moderator does in the admin (mail included)."""
    member = User.objects.get(email=email)
    ends_at = timezone.now() + timedelta(seconds=int(seconds))
    made = comment_actions.ban_member(
        member, editor(), ends_at, "Stacktest: twee keer dezelfde reactie geplaatst."
    )
    return {"ban_id": made.pk, "ends_at": ends_at.timestamp()}


def lift(email):
    """Lift every ban of the member early, as a moderator does in the admin."""
    member = User.objects.get(email=email)
    lifted = [
        comment_actions.lift_ban(ban, editor())
        for ban in CommentBan.objects.active().filter(user=member)
    ]
    return {"lifted": sum(lifted)}


def submit_interview():
    """An author's new version of the first demo interview, submitted for review: the workflow
    mails each interviewee a private link (through the outbox, the worker and the SMTP sink)."""
    interview = InterviewPage.objects.live().order_by("pk").first().specific
    interview.intro = f"{interview.intro} (Bijgewerkt voor de stacktest.)"
    interview.save_revision(user=editor())
    interview.get_workflow().start(interview, editor())
    return {
        "page_id": interview.pk,
        "title": interview.title,
        "emails": [person.email for person in interview.interviewees.all() if person.email],
    }


def approvals(page_id):
    """Each interviewee's answer on the interview's current review, and where the review is."""
    interview = Page.objects.get(pk=int(page_id)).specific
    state = interview.current_workflow_state
    task = state.current_task_state if state else None
    found = IntervieweeApproval.objects.filter(task_state__workflow_state__object_id=str(page_id))
    return {
        "answers": sorted(found.values_list("status", flat=True)),
        "current_task": task.task.name if task else None,
    }


def follow_theme(email):
    """The member follows the first theme, as the follow button on a theme would store it."""
    member = User.objects.get(email=email)
    theme = Theme.objects.order_by("name").first()
    follow(member, theme)
    return {"theme": theme.slug, "name": theme.name}


def publish_news(theme_slug):
    """A new news item on that theme, published now, as an editor does in the admin."""
    theme = Theme.objects.get(slug=theme_slug)
    local = timezone.localtime()
    page = NewsPage(
        title=f"Nieuws voor volgers {local:%H:%M:%S}",
        slug=f"nieuws-voor-volgers-{local:%H%M%S}",
        intro="Een nieuwsbericht van de stacktest, voor wie dit thema volgt.",
    )
    page.themes = [theme]
    BlogIndexPage.objects.get().add_child(instance=page)
    page.save_revision(user=editor()).publish(user=editor())
    return {"page_id": page.pk, "title": page.title, "path": page.url}


def publish_titled(title):
    """A news item with this title, published now: the newest card in the knowledge base."""
    page = NewsPage(
        title=title,
        slug=f"kaartje-{timezone.localtime():%H%M%S%f}",
        intro="Een nieuwsbericht van de stacktest, voor de kaartjes van de kennisbank.",
    )
    BlogIndexPage.objects.get().add_child(instance=page)
    page.save_revision(user=editor()).publish(user=editor())
    return {"page_id": page.pk, "title": page.title, "path": page.url}


def publish_event(title):
    """A webinar with this title next week, published now: a new entry in the public calendar
    feeds (which the app servers keep in the shared cache)."""
    start = timezone.localtime().replace(second=0, microsecond=0) + timedelta(days=7)
    page = EventPage(
        title=title,
        slug=f"webinar-{timezone.localtime():%H%M%S%f}",
        kind=EventKind.WEBINAR,
        intro="Een webinar van de stacktest, voor de agenda-feed.",
        start=start,
        end=start + timedelta(hours=1),
        online_url="https://webinar.stack.vakgenoten.test/",
        registration_deadline=start - timedelta(days=1),
        # An organisation, not a network: a closed network's event stays out of public feeds.
        organiser_organisation=Organisation.objects.order_by("pk").first(),
    )
    EventIndexPage.objects.live().first().add_child(instance=page)
    page.save_revision(user=editor()).publish(user=editor())
    return {"page_id": page.pk, "title": page.title, "path": page.url}


def digest_scene(count):
    """``count`` new members who chose the daily digest and follow one theme, and a public
    article in that theme that first went live yesterday: news for each of them."""
    from datetime import datetime, time

    from allauth.account.models import EmailAddress

    from members.follows import follow
    from members.models import NotificationPreferences
    from taxonomy.models import Theme

    theme = Theme.objects.order_by("pk").first()
    found = public_articles()[0]
    # A parental many-to-many keeps .add() in memory until a save; write the row itself.
    ArticlePage.themes.through.objects.get_or_create(articlepage_id=found.pk, theme_id=theme.pk)
    yesterday = timezone.localdate() - timedelta(days=1)
    noon = timezone.make_aware(datetime.combine(yesterday, time(12)))
    ArticlePage.objects.filter(pk=found.pk).update(first_published_at=noon)
    emails = []
    for number in range(int(count)):
        address = f"digest{number}.{timezone.now():%H%M%S}@stack.vakgenoten.test"
        member = User.objects.create_user(address, first_name="Digest", last_name=f"Lid {number}")
        EmailAddress.objects.create(user=member, email=address, verified=True, primary=True)
        preferences = NotificationPreferences.for_user(member)
        preferences.digest_frequency = NotificationPreferences.DigestFrequency.DAILY
        preferences.save()
        follow(member, theme)
        emails.append(address)
    return {"emails": emails, "title": found.title, "day": yesterday.isoformat()}


def digest_twice():
    """Enqueue the scheduled digest job twice at once, as two schedulers' ticks would: the
    two task workers may each take one."""
    from vakgenoten.tasks import run_scheduled_job

    results = [run_scheduled_job.enqueue("digest") for _ in range(2)]
    return {"enqueued": [str(result.id) for result in results]}


def digest_state(*emails):
    """Each member's digest outbox rows and whether they still want the digest."""
    from members.notifications import wants_notification
    from vakgenoten.models import OutgoingEmail

    state = {}
    for address in emails:
        member = User.objects.get(email=address)
        state[address] = {
            "outbox": OutgoingEmail.objects.filter(
                key__startswith="digest:", key__endswith=f":{member.pk}"
            ).count(),
            "wants": wants_notification(member, "digest"),
        }
    return state


def recipient(sender_email):
    """A demo member someone else can write to: listed, taking messages, not ``sender_email``."""
    from contact.rules import accepts_messages_from

    sender = User.objects.get(email=sender_email)
    for member in User.objects.listed().exclude(pk=sender.pk).order_by("pk"):
        if accepts_messages_from(member, sender):
            return {"pk": member.pk, "email": member.email, "name": member.get_full_name()}
    raise LookupError("no demo member takes messages")


def member(email, first_name, last_name, password):
    """A second member with a verified address, who may log in and whose comments are
    published at once (for the notification journey)."""
    from allauth.account.models import EmailAddress

    user, _created = User.objects.update_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name}
    )
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    TrustedCommenter.objects.get_or_create(user=user, defaults={"note": "stack test"})
    return {"user_id": user.pk}


def answer_question(title):
    """A trusted demo member answers the question with this title (published at once)."""
    from questions.models import QuestionPage

    question = QuestionPage.objects.live().get(title=title)
    writer = (
        User.objects.listed()
        .exclude(pk=question.asker_id)
        .exclude(first_name="")
        .order_by("pk")
        .first()
    )
    TrustedCommenter.objects.get_or_create(user=writer, defaults={"note": "stack test"})
    text = "Wij plannen de gesprekken nu in blokken van een halve dag; dat scheelt veel."
    comment = comment_actions.post_comment(writer, question, text)
    return {"comment": comment.pk, "text": text, "status": comment.status}


def adoption_scene(email):
    """Give the member an organisation of the demo register that has not yet said "Wij doen
    dit ook" on a public practice example with a contact address; return both."""
    user = User.objects.get(email=email)
    practice = (
        BestPracticePage.objects.live().public().exclude(contact_email="").order_by("pk").first()
    )
    taken = Adoption.objects.filter(page=practice).values("organisation_id")
    organisation = Organisation.objects.exclude(pk__in=taken).order_by("name").first()
    user.profile.organisation = organisation
    user.profile.save(update_fields=["organisation"])
    return {
        "path": practice.url,
        "contact_email": practice.contact_email,
        "organisation": organisation.name,
        "adopters": Adoption.objects.filter(page=practice).count(),
    }


def closed_network_scene(password):
    """A news item of the demo's closed network, published now as an editor does, and two
    members who sign in with ``password``: an approved member of that network and an approved
    member of an open one."""
    from allauth.account.models import EmailAddress

    from members.demo import BEDRIJFSVOERING
    from members.models import Network, NetworkMembership

    closed = Network.objects.get(slug=BEDRIJFSVOERING, is_closed=True)
    other = Network.objects.filter(is_closed=False).order_by("name").first()
    local = timezone.localtime()
    page = NewsPage(
        title=f"Alleen voor leden {local:%H:%M:%S}",
        slug=f"alleen-voor-leden-{local:%H%M%S}",
        intro="Een bericht van de stacktest voor de leden van het besloten netwerk.",
    )
    page.networks = [closed]
    BlogIndexPage.objects.get().add_child(instance=page)
    page.save_revision(user=editor()).publish(user=editor())
    emails = {}
    for role, network in (("lid", closed), ("buitenstaander", other)):
        address = f"{role}.{local:%H%M%S}@stack.vakgenoten.test"
        member = User.objects.create_user(
            address, password=password, first_name="Besloten", last_name=role.capitalize()
        )
        EmailAddress.objects.create(user=member, email=address, verified=True, primary=True)
        NetworkMembership.objects.create(
            user=member,
            network=network,
            status=NetworkMembership.Status.APPROVED,
            decided_at=timezone.now(),
        )
        emails[role] = address
    return {
        "path": page.url,
        "title": page.title,
        "network": closed.name,
        "member": emails["lid"],
        "outsider": emails["buitenstaander"],
        "outsider_network": other.name,
    }


ACTIONS = {
    "closed-network-scene": closed_network_scene,
    "adoption-scene": adoption_scene,
    "answer-question": answer_question,
    "follow-theme": follow_theme,
    "publish-news": publish_news,
    "publish-titled": publish_titled,
    "publish-event": publish_event,
    "digest-scene": digest_scene,
    "digest-twice": digest_twice,
    "digest-state": digest_state,
    "recipient": recipient,
    "member": member,
    "submit-interview": submit_interview,
    "approvals": approvals,
    "ban": ban,
    "lift": lift,
    "trust": trust,
    "schedule": schedule,
    "published": published,
    "scheduled-titles": scheduled_titles,
    "restrict": restrict,
    "article": article,
    "retitle": retitle,
}

if __name__ == "__main__":
    action, *arguments = sys.argv[1:]
    print(json.dumps(ACTIONS[action](*arguments)))
