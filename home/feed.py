"""What is new for one member in what they follow: the one matching rule.

"Voor jou" (``home.views.feed``) shows it page by page; the digest e-mail reads the same
functions, so a member finds in their mail exactly what their page shows. A member's interests
are :class:`members.follows.Interests` (what they follow, or, while they follow nothing, a start
taken from their profile: their organisation, approved networks and chosen themes).

The rule, per kind of item:

- **article** (a live article of any type): one of its themes is followed, one of its authors
  is a followed member (``Author.user``), one of its authors works at a followed organisation
  (``Author.organisation``), or it is a best practice of a followed organisation
  (``BestPracticePage.organisations``). Dated by its first publication.
- **event** (a live event): one of its themes is followed, or its organising network or
  organisation is, or a network it belongs to. Dated by its first publication, not by when it
  takes place.
- **question** (a live question): one of its themes is followed, or a network it belongs to
  or its organisation is, or its asker is a followed member. Dated by its first publication (when
  readers could first see it: a question a moderator held goes live later than it was asked),
  or by when it was asked.
- **comment** (published, not deleted, by an active member): its writer is followed. Dated by
  its publication. An answer to a question is such a comment; its card says so.

For every kind the reader must be allowed to open the page (``comments.visibility``: live, and
every view restriction lets them in; a password-protected page counts as closed, since a list
has no browser session that typed it; content of a closed network only for its approved
members, ``members.visibility``). A member never gets their own articles, questions or
comments.

Functions, for the page and the digest:

- :func:`article_matches`, :func:`event_matches`, :func:`question_matches`,
  :func:`comment_matches`: the rule for one kind as a condition (``Q``), or ``None`` when
  nothing the member follows can match it.
- :func:`matching_articles`, :func:`matching_events`, :func:`matching_questions`,
  :func:`matching_comments`: the items of one kind that one reader gets, optionally only those
  dated after ``since``.
- :func:`feed_rows`: every kind together as ``(kind, id, date)`` rows, newest first, in one SQL
  statement (a ``UNION ALL``) that a paginator can count and slice.
- :func:`load_items`: a page of rows as :class:`FeedItem` objects ready for the cards, in one
  bulk query per kind (plus the fixed prefetches of the listings).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce

from blog.listing import article_listing_queryset
from blog.models import ArticleAuthor, ArticlePage, Author, BestPracticePage
from comments.models import Comment
from comments.people import writer_related
from comments.visibility import readable_comments, readable_pages
from events.listing import events_with_counts
from events.models import EventPage
from members.follows import Interests
from questions.listing import with_card_data
from questions.models import QuestionPage

ARTICLE = "article"
EVENT = "event"
QUESTION = "question"
COMMENT = "comment"
KINDS = (ARTICLE, EVENT, QUESTION, COMMENT)

ITEMS_PER_PAGE = 20
# "Voor jou" shows the newest this many items (ten pages); older ones are in the archives.
FEED_LIMIT = 200


@dataclass(frozen=True)
class FeedItem:
    """One item of the feed: its kind, the moment it counts as new and the object itself (an
    article, an event or a comment, fetched with what its card shows)."""

    kind: str
    at: datetime
    object: object

    @property
    def is_answer(self):
        """A comment that answers a question (a top-level comment on a question page)."""
        return (
            self.kind == COMMENT
            and getattr(self.object, "on_question", False)
            and (self.object.parent_id is None)
        )


def _ids(values):
    return sorted(values)


# --- The rule, one kind at a time ------------------------------------------------------------


def article_matches(interests):
    """The condition on ``ArticlePage`` for "an article from what this member follows".

    One rule in two shapes, for PostgreSQL's sake. A followed theme covers a good share of all
    articles, so the newest matches are near the top: checking each article newest first, one
    ``EXISTS`` per kind of interest, stops after a few hundred. Without a theme, what is
    followed is narrow (colleagues, organisations): checked that way, a member whose colleagues
    wrote nothing made PostgreSQL read all 100,000 articles (330 ms, ``bench/explain.py``).
    Then the matching ids are gathered first from the link tables, by the ids of the authors
    themselves (read here, one query) so that PostgreSQL's statistics can weigh them (5 ms).
    """
    author_ids = _followed_author_ids(interests)
    practices = BestPracticePage.organisations.through.objects.filter(
        organisation_id__in=_ids(interests.organisation_ids)
    )
    if not interests.theme_ids:
        narrow = []
        if author_ids:
            narrow.append(
                ArticleAuthor.objects.filter(author_id__in=author_ids)
                .values_list("page_id")
                .order_by()  # no ordering inside a UNION (SQLite refuses one)
            )
        if interests.organisation_ids:
            narrow.append(practices.values_list("bestpracticepage_id").order_by())
        if not narrow:
            return None
        return Q(pk__in=narrow[0].union(*narrow[1:]) if len(narrow) > 1 else narrow[0])
    conditions = [
        Exists(
            ArticlePage.themes.through.objects.filter(
                articlepage_id=OuterRef("pk"), theme_id__in=_ids(interests.theme_ids)
            )
        )
    ]
    if author_ids:
        conditions.append(
            Exists(ArticleAuthor.objects.filter(author_id__in=author_ids, page_id=OuterRef("pk")))
        )
    if interests.organisation_ids:
        conditions.append(Exists(practices.filter(bestpracticepage_id=OuterRef("pk"))))
    return _any(conditions)


def _followed_author_ids(interests):
    """The author records of followed members (``Author.user``) and of those who work at a
    followed organisation (``Author.organisation``)."""
    by_author = Q()
    if interests.member_ids:
        by_author |= Q(user_id__in=_ids(interests.member_ids))
    if interests.organisation_ids:
        by_author |= Q(organisation_id__in=_ids(interests.organisation_ids))
    if not by_author:
        return []
    return _ids(Author.objects.filter(by_author).values_list("pk", flat=True))


def event_matches(interests):
    """The condition on ``EventPage`` for "an event from what this member follows"."""
    conditions = []
    if interests.theme_ids:
        conditions.append(
            Exists(
                EventPage.themes.through.objects.filter(
                    eventpage_id=OuterRef("pk"), theme_id__in=_ids(interests.theme_ids)
                )
            )
        )
    if interests.network_ids:
        conditions.append(Q(organiser_network_id__in=_ids(interests.network_ids)))
        conditions.append(_in_networks(EventPage, interests.network_ids))
    if interests.organisation_ids:
        conditions.append(Q(organiser_organisation_id__in=_ids(interests.organisation_ids)))
    return _any(conditions)


def question_matches(interests):
    """The condition on ``QuestionPage`` for "a question from what this member follows"."""
    conditions = []
    if interests.theme_ids:
        conditions.append(
            Exists(
                QuestionPage.themes.through.objects.filter(
                    questionpage_id=OuterRef("pk"), theme_id__in=_ids(interests.theme_ids)
                )
            )
        )
    if interests.network_ids:
        conditions.append(_in_networks(QuestionPage, interests.network_ids))
    if interests.organisation_ids:
        conditions.append(Q(organisation_id__in=_ids(interests.organisation_ids)))
    if interests.member_ids:
        conditions.append(Q(asker_id__in=_ids(interests.member_ids)))
    return _any(conditions)


def comment_matches(interests):
    """The condition on ``Comment`` for "a comment by a member this member follows"."""
    if not interests.member_ids:
        return None
    return Q(user_id__in=_ids(interests.member_ids), user__is_active=True)


def _in_networks(model, network_ids):
    """The condition "belongs to one of these networks" (``NetworkContent.networks``)."""
    field = model._meta.get_field("networks")
    return Exists(
        field.remote_field.through.objects.filter(
            **{f"{field.m2m_field_name()}_id": OuterRef("pk")}, network_id__in=_ids(network_ids)
        )
    )


def _any(conditions):
    if not conditions:
        return None
    combined = Q(conditions[0])
    for condition in conditions[1:]:
        combined |= Q(condition)
    return combined


# --- The items one reader gets ---------------------------------------------------------------


def _interests(user, interests):
    return Interests.for_user(user) if interests is None else interests


def matching_articles(user, interests=None, since=None):
    """Live articles ``user`` may open that match their interests, without their own.

    Unordered and without what a card needs: :func:`load_items` fetches that for a page.
    """
    condition = article_matches(_interests(user, interests))
    if condition is None:
        return ArticlePage.objects.none()
    own = ArticleAuthor.objects.filter(page_id=OuterRef("pk"), author__user_id=user.pk)
    articles = (
        ArticlePage.objects.filter(readable_pages(user)).filter(condition).exclude(Exists(own))
    )
    if since is not None:
        articles = articles.filter(first_published_at__gt=since)
    return articles


def matching_events(user, interests=None, since=None):
    """Live events ``user`` may open that match their interests (past ones too: a report
    published afterwards is news as well; the card shows when it took place)."""
    condition = event_matches(_interests(user, interests))
    if condition is None:
        return EventPage.objects.none()
    events = EventPage.objects.filter(readable_pages(user)).filter(condition)
    if since is not None:
        events = events.filter(first_published_at__gt=since)
    return events


QUESTION_DATE = Coalesce("first_published_at", "asked_at")


def matching_questions(user, interests=None, since=None):
    """Live questions ``user`` may open that match their interests, without their own."""
    condition = question_matches(_interests(user, interests))
    if condition is None:
        return QuestionPage.objects.none()
    questions = (
        QuestionPage.objects.filter(readable_pages(user))
        .filter(condition)
        .exclude(asker_id=user.pk)
    )
    if since is not None:
        questions = questions.alias(feed_date=QUESTION_DATE).filter(feed_date__gt=since)
    return questions


def matching_comments(user, interests=None, since=None):
    """Published comments by members ``user`` follows, on pages ``user`` may open."""
    condition = comment_matches(_interests(user, interests))
    if condition is None:
        return Comment.objects.none()
    comments = readable_comments(user, Comment.objects.filter(condition)).exclude(user_id=user.pk)
    if since is not None:
        comments = comments.filter(published_at__gt=since)
    return comments


# --- All kinds together, newest first ----------------------------------------------------------


def _rows(queryset, kind, moment):
    """``queryset`` as ``(kind, id, date)`` rows. Every column is an annotation, in the same
    order for each kind, so the parts of the union line up column by column."""
    return (
        queryset.order_by()
        .annotate(
            feed_kind=Value(kind, output_field=CharField()),
            feed_id=F("pk"),
            feed_at=moment,
        )
        .values_list("feed_kind", "feed_id", "feed_at")
    )


def feed_rows(user, interests=None, since=None, limit=None):
    """Every item for ``user`` as ``(kind, id, date)`` rows, newest first, as one queryset.

    Counting it or taking a slice of it is one query, however many items match; the parts a
    member's interests cannot match are left out of the statement. ``None`` when none can
    match at all (a member who follows nothing and whose profile names nothing).

    ``limit``: only the newest ``limit`` items are wanted. Where the database allows a limit
    inside a UNION (PostgreSQL), each part is cut to its newest ``limit`` rows first, so the
    outer sort handles at most a few times ``limit`` rows instead of every match.
    """
    interests = _interests(user, interests)
    kinds = (
        (matching_articles(user, interests, since), ARTICLE, F("first_published_at")),
        (matching_events(user, interests, since), EVENT, F("first_published_at")),
        (matching_questions(user, interests, since), QUESTION, QUESTION_DATE),
        (
            matching_comments(user, interests, since),
            COMMENT,
            Coalesce("published_at", "created_at"),
        ),
    )
    # A kind nothing followed can match is ``none()``, and left out of the statement.
    parts = [
        _rows(items, kind, moment) for items, kind, moment in kinds if not items.query.is_empty()
    ]
    if not parts:
        return None
    if limit and len(parts) > 1 and connection.features.supports_slicing_ordering_in_compound:
        parts = [part.order_by("-feed_at", "-feed_id")[:limit] for part in parts]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    rows = rows.order_by("-feed_at", "-feed_id", "feed_kind")
    return rows[:limit] if limit else rows


def load_items(rows):
    """The objects behind ``rows`` (a page of :func:`feed_rows`), in the rows' order.

    One query per kind on the page, each with the fixed prefetches of that kind's listing:
    articles with their authors (cards without pictures here), events with their organiser
    and seat count, questions with their asker, themes and number of answers, comments with
    their page and writer. A row whose object went away in between is left out.
    """
    ids = {kind: [] for kind in KINDS}
    for kind, pk, _at in rows:
        ids[kind].append(pk)
    found = {kind: {} for kind in KINDS}
    if ids[ARTICLE]:
        articles = article_listing_queryset(
            ArticlePage.objects.filter(pk__in=ids[ARTICLE]), public_only=False, pictures=False
        )
        found[ARTICLE] = {article.pk: article for article in articles}
    if ids[EVENT]:
        events = events_with_counts(EventPage.objects.filter(pk__in=ids[EVENT]))
        found[EVENT] = {event.pk: event for event in events}
    if ids[COMMENT]:
        comments = Comment.objects.filter(pk__in=ids[COMMENT]).select_related(
            "page", *writer_related()
        )
        question_type = ContentType.objects.get_for_model(QuestionPage).pk
        for comment in comments:
            comment.on_question = comment.page.content_type_id == question_type
        found[COMMENT] = {comment.pk: comment for comment in comments}
    if ids[QUESTION]:
        questions = with_card_data(QuestionPage.objects.filter(pk__in=ids[QUESTION]))
        found[QUESTION] = {question.pk: question for question in questions}
    return [FeedItem(kind, at, found[kind][pk]) for kind, pk, at in rows if pk in found[kind]]
