"""The digest e-mail: what is new in what a member follows, daily or weekly, only when there is
something.

How a run works (``send_digests``, run by the scheduler every morning, see
``settings.SCHEDULED_JOBS["digest"]``):

1. The periods due: every day the previous calendar day for members who chose "dagelijks";
   on Mondays also the previous ISO week (Monday to Sunday) for "wekelijks", the default.
   Days begin at midnight in Europe/Amsterdam (``settings.TIME_ZONE``).
2. The period's new items are loaded ONCE, with the ids they match on (:func:`load_items`):
   live articles, events and questions first published in the period, and comments published
   in it, each only when every signed-in member may open its page (``comments.visibility``)
   or the page belongs to a closed network (then per member, see 3).
   Events that are over by the time of the run are left out.
3. Members are read in batches of ``BATCH_SIZE`` (active, a verified address, a full name:
   ``User.objects.listed()``, and the digest on at this frequency); their interests come from
   ``members.follows.interests_for_users``, in a constant number of queries per batch. Each
   member is matched against the items in Python (:class:`ItemIndex`, the rule of
   :func:`items_for` looked up by id instead of tested item by item), so the queries do not
   grow with the members: a handful per batch of a thousand. Members whose digest for this
   period is in the outbox already are skipped first, so a retried run costs seconds.
   Content of a closed network (``members.visibility``, the one rule) goes only to members who
   may see it: the run asks once which items a visitor may not see, and the rule is then asked
   per member only for a member whose matches include such an item (one query each, plus one
   per batch for those members), so closed content costs queries only where it is.
   Each item's lines are rendered once (:func:`render_items`); per member only the frame.
4. One e-mail per member with something new, an HTML and a plain-text part in Dutch, queued
   with ``vakgenoten.mail.queue_emails`` under the key ``digest:<frequency>:<first day>:<user
   id>``: a second run for the same period (a retry, a second worker) queues nothing again.

The matching rule, in small functions that the "Voor jou" page (``home.feed``) can share once
both exist (the rule is the same; unify there): an item carries the ids of the themes, member
accounts, organisations and networks it belongs to (:class:`DigestItem`), and it matches a
member's :class:`members.follows.Interests` when any of those overlap (:func:`matches`):

- article: its themes; its authors' member accounts (``Author.user``); its authors'
  organisations; a best practice's ``organisations``;
- event: its themes; ``organiser_network`` and the ``networks`` it belongs to;
  ``organiser_organisation``;
- question: its themes; its asker's member account; its ``networks``; its ``organisation``;
- comment: its author's member account (an answer to a question is a comment).

A member's own content never counts (:func:`is_own`: an article they wrote, an event page they
own, a question they asked, a comment of theirs).
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import Page

from blog.models import ArticleAuthor, ArticlePage, BestPracticePage
from comments.models import Comment
from comments.visibility import open_to_every_member
from events.models import EventPage
from members.follows import interests_for_users
from members.models import NotificationPreferences, User
from members.network_messages import DigestMessages
from members.notifications import unsubscribe_headers, unsubscribe_url
from members.visibility import visible
from questions.models import QuestionPage
from vakgenoten import links
from vakgenoten.mail import queue_emails
from vakgenoten.models import OutgoingEmail
from vakgenoten.text import single_line

logger = logging.getLogger(__name__)

KIND = NotificationPreferences.Kind.DIGEST.value  # the members.notifications switch
DAILY = NotificationPreferences.DigestFrequency.DAILY.value
WEEKLY = NotificationPreferences.DigestFrequency.WEEKLY.value
BATCH_SIZE = 1000  # members per batch: their interests, e-mails and outbox rows at once
MAX_PER_KIND = 10  # items listed per kind; the rest are counted ("en nog 4 artikelen")
SUMMARY_LENGTH = 180

ARTICLE, EVENT, QUESTION, COMMENT = "article", "event", "question", "comment"
KINDS = (ARTICLE, EVENT, QUESTION, COMMENT)


# --- Periods ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One digest period: from ``first_day`` 00:00 up to ``end_day`` 00:00 (Amsterdam)."""

    frequency: str
    first_day: object  # datetime.date
    end_day: object  # the day after the last day

    @property
    def start(self):
        return _midnight(self.first_day)

    @property
    def end(self):
        return _midnight(self.end_day)

    @property
    def last_day(self):
        return self.end_day - timedelta(days=1)

    def key(self, user_id):
        """The outbox key of one member's digest: the same for every run of this period."""
        return f"digest:{self.frequency}:{self.first_day.isoformat()}:{user_id}"


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def period_for(frequency, now=None):
    """The period a run at ``now`` sends for ``frequency``: the previous calendar day (daily)
    or the previous ISO week, Monday to Sunday (weekly)."""
    today = timezone.localdate(now or timezone.now())
    if frequency == DAILY:
        return Period(DAILY, today - timedelta(days=1), today)
    if frequency == WEEKLY:
        monday = today - timedelta(days=today.weekday())
        return Period(WEEKLY, monday - timedelta(days=7), monday)
    raise ValueError(f"Unknown digest frequency {frequency!r}.")


def due_periods(now=None):
    """The periods a run at ``now`` sends: daily every day, weekly on Mondays as well."""
    now = now or timezone.now()
    periods = [period_for(DAILY, now)]
    if timezone.localdate(now).weekday() == 0:
        periods.append(period_for(WEEKLY, now))
    return periods


# --- Items and the matching rule -------------------------------------------------------------


@dataclass(frozen=True)
class DigestItem:
    """Something new, with the ids it matches on and the ids of whoever it belongs to."""

    kind: str
    pk: int
    title: str
    url: str
    summary: str
    when: datetime
    theme_ids: frozenset = frozenset()
    member_ids: frozenset = frozenset()
    organisation_ids: frozenset = frozenset()
    network_ids: frozenset = frozenset()
    owner_ids: frozenset = field(default=frozenset())
    page_id: int = 0  # the page it is (or a comment is on): what a closed network keeps
    closed: bool = False  # a visitor may not see it: asked per member (:func:`hidden_per_member`)


def matches(item, interests):
    """True when ``item`` belongs to something ``interests`` follow (any kind of id)."""
    return bool(
        item.theme_ids & interests.theme_ids
        or item.member_ids & interests.member_ids
        or item.organisation_ids & interests.organisation_ids
        or item.network_ids & interests.network_ids
    )


def is_own(item, user_id):
    """True for the member's own content: never news to them."""
    return user_id in item.owner_ids


def items_for(user_id, interests, items):
    """The items (in the order given) that match ``interests`` and are not the member's own."""
    if not interests:
        return []
    return [item for item in items if matches(item, interests) and not is_own(item, user_id)]


MATCH_FIELDS = ("theme_ids", "member_ids", "organisation_ids", "network_ids")


class ItemIndex:
    """The items by the ids they match on: :func:`items_for` for many members, without testing
    every item against every member. Same rule, same order, same result."""

    def __init__(self, items):
        self.items = list(items)
        self.positions = {name: defaultdict(set) for name in MATCH_FIELDS}
        for position, item in enumerate(self.items):
            for name, index in self.positions.items():
                for pk in getattr(item, name):
                    index[pk].add(position)

    def items_for(self, user_id, interests):
        found = set()
        for name, index in self.positions.items():
            for pk in getattr(interests, name):
                found.update(index.get(pk, ()))
        return [
            self.items[position]
            for position in sorted(found)
            if not is_own(self.items[position], user_id)
        ]


def _pairs(rows):
    grouped = defaultdict(set)
    for key, value in rows:
        if value is not None:
            grouped[key].add(value)
    return grouped


def _summary(text):
    return Truncator(single_line(text or "")).chars(SUMMARY_LENGTH)


def load_articles(period):
    """Live articles first published in ``period``, newest first (five queries)."""
    pages = list(
        ArticlePage.objects.filter(open_to_every_member())
        .filter(first_published_at__gte=period.start, first_published_at__lt=period.end)
        .order_by("-first_published_at", "-pk")
        .only("pk", "title", "intro", "url_path", "first_published_at", "path", "live")
    )
    ids = [page.pk for page in pages]
    themes = _pairs(
        ArticlePage.themes.through.objects.filter(articlepage_id__in=ids).values_list(
            "articlepage_id", "theme_id"
        )
    )
    authors = list(
        ArticleAuthor.objects.filter(page_id__in=ids).values_list(
            "page_id", "author__user_id", "author__organisation_id"
        )
    )
    users = _pairs((page_id, user_id) for page_id, user_id, _org in authors)
    organisations = _pairs((page_id, org_id) for page_id, _user, org_id in authors)
    for page_id, org_id in BestPracticePage.organisations.through.objects.filter(
        bestpracticepage_id__in=ids
    ).values_list("bestpracticepage_id", "organisation_id"):
        organisations[page_id].add(org_id)
    return [
        DigestItem(
            kind=ARTICLE,
            pk=page.pk,
            title=page.title,
            url=links.page_url(page),
            summary=_summary(page.intro),
            when=page.first_published_at,
            theme_ids=frozenset(themes[page.pk]),
            member_ids=frozenset(users[page.pk]),
            organisation_ids=frozenset(organisations[page.pk]),
            owner_ids=frozenset(users[page.pk]),
            page_id=page.pk,
        )
        for page in pages
    ]


def load_events(period, now):
    """Live events first published in ``period`` and not over at ``now``, soonest first."""
    pages = list(
        EventPage.objects.filter(open_to_every_member())
        .filter(
            first_published_at__gte=period.start,
            first_published_at__lt=period.end,
            end__gt=now,
        )
        .order_by("start", "pk")
        .only(
            "pk",
            "title",
            "url_path",
            "path",
            "live",
            "start",
            "first_published_at",
            "owner_id",
            "organiser_network_id",
            "organiser_organisation_id",
        )
    )
    ids = [page.pk for page in pages]
    themes = _pairs(
        EventPage.themes.through.objects.filter(eventpage_id__in=ids).values_list(
            "eventpage_id", "theme_id"
        )
    )
    networks = _networks_of(EventPage, ids)
    return [
        DigestItem(
            kind=EVENT,
            pk=page.pk,
            title=page.title,
            url=links.page_url(page),
            summary=formats.date_format(timezone.localtime(page.start), "l j F Y, H:i"),
            when=page.first_published_at,
            theme_ids=frozenset(themes[page.pk]),
            organisation_ids=frozenset({page.organiser_organisation_id} - {None}),
            network_ids=frozenset(({page.organiser_network_id} | networks[page.pk]) - {None}),
            owner_ids=frozenset({page.owner_id} - {None}),
            page_id=page.pk,
        )
        for page in pages
    ]


def _networks_of(model, ids):
    """The networks each of ``ids`` belongs to (``NetworkContent.networks``), one query."""
    field = model._meta.get_field("networks")
    column = f"{field.m2m_field_name()}_id"
    return _pairs(
        field.remote_field.through.objects.filter(**{f"{column}__in": ids}).values_list(
            column, "network_id"
        )
    )


def _name(first_name, last_name):
    return f"{first_name or ''} {last_name or ''}".strip() or _("Lid van Vakgenoten")


def load_questions(period):
    """Live questions first published in ``period`` (a held one counts from when a moderator
    let it through, as on "Voor jou"), newest first (two queries)."""
    pages = list(
        QuestionPage.objects.filter(open_to_every_member())
        .filter(first_published_at__gte=period.start, first_published_at__lt=period.end)
        .order_by("-first_published_at", "-pk")
        .select_related("asker")
        .only(
            "pk",
            "title",
            "body",
            "url_path",
            "path",
            "live",
            "first_published_at",
            "asker_id",
            "asker__first_name",
            "asker__last_name",
            "organisation_id",
        )
    )
    ids = [page.pk for page in pages]
    themes = _pairs(
        QuestionPage.themes.through.objects.filter(questionpage_id__in=ids).values_list(
            "questionpage_id", "theme_id"
        )
    )
    networks = _networks_of(QuestionPage, ids)
    items = []
    for page in pages:
        asker = page.asker
        name = _name(asker.first_name, asker.last_name) if asker else _("Lid van Vakgenoten")
        items.append(
            DigestItem(
                kind=QUESTION,
                pk=page.pk,
                title=page.title,
                url=links.page_url(page),
                summary=_summary(
                    _("%(name)s vraagt: %(text)s") % {"name": name, "text": page.body}
                ),
                when=page.first_published_at,
                theme_ids=frozenset(themes[page.pk]),
                member_ids=frozenset({page.asker_id} - {None}),
                organisation_ids=frozenset({page.organisation_id} - {None}),
                network_ids=frozenset(networks[page.pk]),
                owner_ids=frozenset({page.asker_id} - {None}),
                page_id=page.pk,
            )
        )
    return items


def load_comments(period):
    """Published comments of ``period`` on pages every member may open, newest first."""
    rows = (
        Comment.objects.visible()
        .filter(open_to_every_member(prefix="page__"))
        .filter(
            user__isnull=False,
            published_at__gte=period.start,
            published_at__lt=period.end,
            created_at__lt=period.end,
        )
        .order_by("-published_at", "-pk")
        .values_list(
            "pk",
            "user_id",
            "user__first_name",
            "user__last_name",
            "page__title",
            "page__content_type_id",
            "parent_id",
            "body",
            "published_at",
            "page_id",
        )
    )
    question_type = ContentType.objects.get_for_model(QuestionPage).pk
    items = []
    for row in rows:
        pk, user_id, first_name, last_name, page_title, page_type, parent_id = row[:7]
        body, published_at, page_id = row[7:]
        name = _name(first_name, last_name)
        if page_type == question_type and parent_id is None:
            title = _("%(name)s antwoordde op de vraag %(title)s")
        else:
            title = _("%(name)s reageerde op %(title)s")
        items.append(
            DigestItem(
                kind=COMMENT,
                pk=pk,
                title=title % {"name": name, "title": page_title},
                url=links.absolute_url(reverse("comments:permalink", args=[pk])),
                summary=_summary(body),
                when=published_at,
                member_ids=frozenset({user_id}),
                owner_ids=frozenset({user_id}),
                page_id=page_id,
            )
        )
    return items


def load_items(period, now=None):
    """Everything new in ``period`` that a digest may list, loaded once for all members."""
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        items = (
            load_articles(period)
            + load_events(period, now)
            + load_questions(period)
            + load_comments(period)
        )
    return mark_closed(items)


def mark_closed(items):
    """``items`` with ``closed`` set on those a visitor may not see (a closed network's): one
    query for the whole run (``members.visibility``)."""
    page_ids = {item.page_id for item in items}
    if not page_ids:
        return items
    open_ids = set(
        visible(Page.objects.filter(pk__in=page_ids), AnonymousUser()).values_list("pk", flat=True)
    )
    return [item if item.page_id in open_ids else replace(item, closed=True) for item in items]


def hidden_per_member(matched):
    """Per member, the ``(kind, pk)`` of the items they match (``matched``: user id -> items)
    that a closed network keeps from them. The rule (``members.visibility``) is asked only for
    members who match a closed item: one query for those members, one per such member."""
    closed_for = {}
    for user_id, items in matched.items():
        closed = [item for item in items if item.closed]
        if closed:
            closed_for[user_id] = closed
    if not closed_for:
        return {}
    users = User.objects.in_bulk(list(closed_for))
    hidden = {}
    for user_id, closed in closed_for.items():
        seen = set(
            visible(
                Page.objects.filter(pk__in={item.page_id for item in closed}), users[user_id]
            ).values_list("pk", flat=True)
        )
        hidden[user_id] = {(item.kind, item.pk) for item in closed if item.page_id not in seen}
    return hidden


# --- Members ---------------------------------------------------------------------------------


def recipients(frequency):
    """Members who get the digest at ``frequency``: listed (active, verified address, full name)
    with the digest on. Without a preferences row a member has the defaults: weekly."""
    chosen = Q(
        notification_preferences__digest=True,
        notification_preferences__digest_frequency=frequency,
    )
    if frequency == NotificationPreferences._meta.get_field("digest_frequency").default:
        chosen |= Q(notification_preferences__isnull=True)
    return User.objects.listed().filter(chosen)


def member_batches(frequency, size=BATCH_SIZE):
    """(pk, email, first name) of the recipients, ``size`` at a time, in id order."""
    last = 0
    while True:
        batch = list(
            recipients(frequency)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "email", "first_name")[:size]
        )
        if not batch:
            return
        yield batch
        last = batch[-1][0]


# --- The e-mail ------------------------------------------------------------------------------


def _heading(kind):
    return {
        ARTICLE: _("Nieuwe artikelen"),
        EVENT: _("Nieuwe bijeenkomsten"),
        QUESTION: _("Nieuwe vragen"),
        COMMENT: _("Nieuwe reacties"),
    }[kind]


def _more(kind, count):
    """ "en nog 4 artikelen": what did not fit in the list."""
    if count <= 0:
        return ""
    if kind == ARTICLE:
        text = ngettext("en nog %(count)s artikel", "en nog %(count)s artikelen", count)
    elif kind == EVENT:
        text = ngettext("en nog %(count)s bijeenkomst", "en nog %(count)s bijeenkomsten", count)
    elif kind == QUESTION:
        text = ngettext("en nog %(count)s vraag", "en nog %(count)s vragen", count)
    else:
        text = ngettext("en nog %(count)s reactie", "en nog %(count)s reacties", count)
    return text % {"count": count}


def _groups(items):
    """The member's items by kind (articles, events, questions, comments), at most
    ``MAX_PER_KIND`` each."""
    groups = []
    for kind in KINDS:
        of_kind = [item for item in items if item.kind == kind]
        if of_kind:
            groups.append(
                {
                    "kind": kind,
                    "heading": _heading(kind),
                    "items": of_kind[:MAX_PER_KIND],
                    "more": _more(kind, len(of_kind) - MAX_PER_KIND),
                }
            )
    return groups


def period_label(period):
    if period.frequency == DAILY:
        return formats.date_format(period.first_day, "l j F Y")
    return _("%(first)s tot en met %(last)s") % {
        "first": formats.date_format(period.first_day, "j F"),
        "last": formats.date_format(period.last_day, "j F Y"),
    }


def subject_for(period, count):
    if period.frequency == DAILY:
        text = ngettext(
            "Vakgenoten: %(count)s nieuw bericht voor jou op %(date)s",
            "Vakgenoten: %(count)s nieuwe berichten voor jou op %(date)s",
            count,
        )
        return text % {"count": count, "date": formats.date_format(period.first_day, "j F")}
    text = ngettext(
        "Vakgenoten: je weekoverzicht, %(count)s nieuw bericht voor jou",
        "Vakgenoten: je weekoverzicht, %(count)s nieuwe berichten voor jou",
        count,
    )
    return text % {"count": count}


@dataclass(frozen=True)
class RenderedItem:
    kind: str
    text: str
    html: str


def render_items(items):
    """Each item's lines in the e-mail, text and HTML, rendered once for every member."""
    return {
        (item.kind, item.pk): RenderedItem(
            item.kind,
            render_to_string("home/email/_digest_item.txt", {"item": item}),
            render_to_string("home/email/_digest_item.html", {"item": item}),
        )
        for item in items
    }


def build_message(
    period,
    user_id,
    email,
    first_name,
    interests,
    items,
    rendered,
    shared,
    hidden=frozenset(),
    network_messages=(),
):
    """The outbox row (a dict for ``queue_emails``) of one member's digest, or None when
    nothing is new for them. ``items`` are the period's items they match
    (:meth:`ItemIndex.items_for`), ``rendered`` the items' lines (:func:`render_items`),
    ``shared`` what is the same for every member, ``hidden`` the ``(kind, pk)`` of items a
    closed network keeps from this member (:func:`hidden_per_member`) and
    ``network_messages`` what network managers wrote to them (members.network_messages)."""
    mine = [rendered[item.kind, item.pk] for item in items if (item.kind, item.pk) not in hidden]
    if not mine and not network_messages:
        return None
    unsubscribe = unsubscribe_url(user_id, KIND)
    context = {
        **shared,
        "name": first_name,
        "groups": _groups(mine),
        "count": len(mine) + len(network_messages),
        "network_messages": network_messages,
        "from_profile": interests.from_profile,
        "unsubscribe_url": unsubscribe,
    }
    return {
        "key": period.key(user_id),
        "to": email,
        "subject": subject_for(period, len(mine) + len(network_messages)),
        "body": render_to_string("home/email/digest.txt", context),
        "html_body": render_to_string("home/email/digest.html", context),
        "headers": {**unsubscribe_headers(unsubscribe), "Auto-Submitted": "auto-generated"},
    }


@dataclass
class RunSummary:
    members: int = 0
    queued: int = 0
    items: int = 0

    def as_dict(self):
        return {"members": self.members, "queued": self.queued, "items": self.items}


def send_digest(period, now=None, batch_size=BATCH_SIZE):
    """Queue the digest of ``period`` for every member with something new in it.

    Returns a :class:`RunSummary`: members considered, e-mails queued (0 on a second run for the
    same period), items new in the period.
    """
    now = now or timezone.now()
    summary = RunSummary()
    items = load_items(period, now)
    summary.items = len(items)
    network_news = DigestMessages(period.start, period.end)  # managers' messages to members
    if not items and not network_news:
        return summary  # nothing new for anyone: no member needs to be read
    with translation.override(settings.LANGUAGE_CODE):
        shared = {
            "period": period,
            "period_label": period_label(period),
            "daily": period.frequency == DAILY,
            "site_url": links.site_url(),
            "preferences_url": links.absolute_url(reverse("members:notifications")),
        }
        index = ItemIndex(items)
        rendered = render_items(items)
        for batch in member_batches(period.frequency, batch_size):
            summary.members += len(batch)
            # A retried run skips, before any work, whoever has this period's digest already.
            queued = set(
                OutgoingEmail.objects.filter(
                    key__in=[period.key(pk) for pk, _email, _name in batch]
                ).values_list("key", flat=True)
            )
            batch = [row for row in batch if period.key(row[0]) not in queued]
            if not batch:
                continue
            interests = interests_for_users([pk for pk, _email, _name in batch])
            news = network_news.for_users([pk for pk, _email, _name in batch])
            matched = {pk: index.items_for(pk, interests[pk]) for pk, _email, _name in batch}
            hidden = hidden_per_member(matched)
            messages = []
            for user_id, email, first_name in batch:
                message = build_message(
                    period,
                    user_id,
                    email,
                    first_name,
                    interests[user_id],
                    matched[user_id],
                    rendered,
                    shared,
                    hidden.get(user_id, frozenset()),
                    network_messages=news.get(user_id, ()),
                )
                if message is not None:
                    messages.append(message)
            with transaction.atomic():
                summary.queued += queue_emails(messages)
    return summary


def send_digests(now=None):
    """The scheduled job: every period due at ``now``. Safe to run twice: the outbox keys make
    a second run queue nothing."""
    now = now or timezone.now()
    result = {}
    for period in due_periods(now):
        done = send_digest(period, now).as_dict()
        logger.info("Digest %s %s: %s", period.frequency, period.first_day, done)
        result[f"{period.frequency}_queued"] = done["queued"]
        result[f"{period.frequency}_members"] = done["members"]
    return result
