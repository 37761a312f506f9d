"""Reading comments: a page's conversation, counts for listings, the latest for the home page.

Everything here runs a fixed number of queries, whatever the number of comments: the thread is
paginated by top-level comment, and replies, writers and avatars are fetched together.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Comment
from .people import writer_related
from .visibility import status_visible_to

THREADS_PER_PAGE = 20
PAGE_PARAM = "reacties"


def top_level_queryset(page, user=None):
    visible = status_visible_to(user)
    replies = (
        Comment.objects.filter(visible)
        .exclude(parent=None)
        .select_related(*writer_related())
        .order_by("created_at", "pk")
    )
    has_visible_reply = Exists(
        Comment.objects.filter(
            parent=OuterRef("pk"), status=Comment.Status.PUBLISHED, deleted_at__isnull=True
        )
    )
    return (
        Comment.objects.filter(page_id=page.pk, parent=None)
        .filter(visible)
        .filter(Q(deleted_at__isnull=True) | has_visible_reply)
        .select_related(*writer_related())
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="visible_replies"))
        .order_by("created_at", "pk")
    )


def thread_page(page, user=None, number=1):
    """One page of the conversation: top-level comments with their replies.

    The first page is read with one row more than it shows: when that row is not there (most
    conversations fit on one page), the paginator counts the list it was given instead of
    asking the database, a query fewer on every first render of a page.
    """
    queryset = top_level_queryset(page, user)
    if str(number) == "1":
        first = list(queryset[: THREADS_PER_PAGE + 1])
        if len(first) <= THREADS_PER_PAGE:
            page_obj = Paginator(first, THREADS_PER_PAGE).page(1)
        else:
            page_obj = Page(first[:THREADS_PER_PAGE], 1, Paginator(queryset, THREADS_PER_PAGE))
    else:
        page_obj = Paginator(queryset, THREADS_PER_PAGE).get_page(number)
    return page_obj, list(page_obj.object_list)


def page_number_of(comment, user=None):
    """The thread page a comment is shown on (its top-level comment's position)."""
    top = comment.top_level
    before = (
        top_level_queryset(comment.page, user)
        .filter(Q(created_at__lt=top.created_at) | Q(created_at=top.created_at, pk__lt=top.pk))
        .count()
    )
    return before // THREADS_PER_PAGE + 1


def comment_count(page):
    return Comment.objects.visible().filter(page_id=page.pk).count()


def annotate_comment_counts(queryset, name="comment_count"):
    """Add the number of visible comments to every page in ``queryset`` in the same query
    (one correlated subquery, no query per item). Blog's listings call this."""
    counts = (
        Comment.objects.visible()
        .filter(page_id=OuterRef("pk"))
        .order_by()
        .values("page_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return queryset.annotate(
        **{name: Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))}
    )


def latest_comments(limit=5, viewer=None):
    """The newest comments for the home page: what a visitor may read, or with ``viewer``
    what they may (a closed network's comments for its members, ``comments.visibility``)."""
    return list(
        Comment.objects.readable_by(viewer)
        .select_related("page", *writer_related())
        .order_by("-published_at", "-pk")[:limit]
    )
