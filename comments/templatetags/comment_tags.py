"""The conversation under a page, and how comment dates are written."""

import hashlib
from datetime import timedelta
from urllib.parse import urlencode

from allauth.account.models import EmailAddress

from django import template
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.db.models import Exists, F, OuterRef, Subquery
from django.http import QueryDict
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from members.models import Profile
from vakgenoten.cache import cached_part, cached_parts
from vakgenoten.params import int_param

from ..formatting import plain_text
from ..forms import CommentForm
from ..models import (
    EDIT_WINDOW_MINUTES,
    Comment,
    CommentBan,
    ConversationSubscription,
    within_edit_window,
)
from ..rules import (
    ban_message,
    closed_reason,
    page_closure,
    participation_problem,
    settings_for,
)
from ..threads import PAGE_PARAM, comment_count, thread_page

register = template.Library()


@register.inclusion_tag("comments/includes/section.html", takes_context=True)
def comments_section(context, page):
    """Everything under a page: the comments, the form or why you cannot comment, follow."""
    request = context.get("request")
    user = getattr(request, "user", None)
    comment_settings = settings_for(page, request)
    number = request.GET.get(PAGE_PARAM, 1) if request is not None else 1
    page_url = page.get_url(request) or "/"
    back = page_url + "#reageren"
    authenticated = bool(user and user.is_authenticated)
    reader_state = (
        cached_part(
            "reader-state", lambda: _reader_state(user, page), page_id=page.pk, member_id=user.pk
        )
        if authenticated
        else {}
    )
    problem = participation_problem(user, reader_state["verified"]) if authenticated else ""
    # The cached state holds the ban's end; whether it still holds is decided now.
    ban_until = reader_state.get("ban_until")
    banned = (
        ban_message(ban_until, reader_state["ban_reason"])
        if ban_until and ban_until > timezone.now() and not problem
        else ""
    )
    # Closing and commenting purge the page, which refreshes these cached parts.
    closure = cached_part("comment-closure", lambda: page_closure(page), page_id=page.pk)
    closed = closed_reason(page, comment_settings, closure=closure)
    can_comment = authenticated and not problem and not closed and not banned
    reader = _reader_key(request, user, can_comment)

    # A page type may add something under each top-level comment (a question page: "this
    # answer helped", "useful", with buttons for a signed-in member).
    thread_extras = getattr(page, "thread_extras", None)

    def render_thread():
        page_obj, comments = thread_page(page, user, number)
        html = render_to_string(
            "comments/includes/thread.html",
            {
                "request": request,
                "page_obj": page_obj,
                "comments": comments,
                "rendered": _rendered_comments(comments, page, request, user, can_comment, reader),
                "extras": thread_extras(comments, request) if thread_extras else {},
            },
        )
        return html.strip(), comments

    count = cached_part("comment-count", lambda: comment_count(page), page_id=page.pk)
    reply_to = None
    reply_id = int_param(request.GET, "reageer", minimum=1) if request is not None else None
    if reply_id is not None:
        # The comment answered is looked up in the thread itself.
        thread, comments = render_thread()
        reply_to = next(
            (
                candidate
                for comment in comments
                for candidate in [comment, *comment.visible_replies]
                if candidate.pk == reply_id
                and candidate.status == Comment.Status.PUBLISHED
                and not candidate.is_deleted
            ),
            None,
        )
    elif thread_extras and authenticated:
        # Forms for this member under the answers carry a CSRF token: the thread is kept for
        # them alone and only as long as their CSRF secret lives (a new login rotates it, and
        # with it the name), and rendered again when one of their edit links goes.
        thread = cached_part(
            f"thread-{reader}-{_csrf_fingerprint(request)}-{_open_edits(reader_state)}",
            lambda: render_thread()[0],
            page_id=page.pk,
            member_id=user.pk,
        )
    elif reader_state.get("last_wrote"):
        # A reader who wrote here sees their own comments with a delete link, pending ones,
        # and for 15 minutes an edit link: kept for them alone, and rendered again each time
        # one of their edit links goes (the number of open edits is part of the name).
        thread = cached_part(
            f"thread-{reader}-{_open_edits(reader_state)}",
            lambda: render_thread()[0],
            page_id=page.pk,
            member_id=user.pk,
        )
    elif not count:
        # No published comment that is not deleted: nobody reading the thread kept for all
        # shows anything (a deleted comment shows only above a reply that counts, and a
        # reader's own waiting comments take the branch above). Nothing to ask or render.
        thread = ""
    else:
        # Everybody of the same kind reads the same thread page: render it once. (The thread
        # page number is part of the query string in ``reader``.)
        thread = cached_part(f"thread-{reader}", lambda: render_thread()[0], page_id=page.pk)
    form = CommentForm(initial={"parent": reply_to.pk if reply_to else None})
    # A page type may call its conversation something else ("3 antwoorden").
    conversation_texts = getattr(page, "conversation_texts", None)
    texts = conversation_texts(count) if conversation_texts else {}

    return {
        "request": request,
        "user": user,
        "page": page,
        "page_url": page_url,
        "thread": mark_safe(thread),  # noqa: S308  # nosec B308 B703 # our own template
        "count": count,
        "texts": texts,
        "closed_reason": closed,
        "can_comment": can_comment,
        "problem": problem,
        "banned": banned,
        "authenticated": authenticated,
        "login_url": f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: back})}",
        "signup_url": f"{reverse('account_signup')}?{urlencode({REDIRECT_FIELD_NAME: back})}",
        "email_url": reverse("account_email"),
        "profile_url": reverse("members:profile_edit"),
        "form": form,
        "reply_to": reply_to,
        "following": reader_state.get("following", False),
        "profile_public": reader_state.get("visibility") == Profile.Visibility.PUBLIC,
        "now": timezone.now(),
        "page_param": PAGE_PARAM,
    }


def _csrf_fingerprint(request):
    """A short name for the reader's CSRF secret: a token rendered under it stays valid for as
    long as the secret does."""
    get_token(request)  # makes sure there is a secret
    secret = request.META.get("CSRF_COOKIE", "")
    return hashlib.sha256(secret.encode()).hexdigest()[:12]


def _reader_state(user, page):
    """What the section needs to know of a signed-in reader, in one query: a verified
    address (may they comment), when they last commented here (their thread differs from
    others'), and whether they follow the conversation; while they may still edit comments
    here, a second query for when each edit link goes.

    Kept in the cache for this member and page: a comment on the page purges the page;
    following, unfollowing, a (newly verified) address and a new or lifted ban purge the member
    (``vakgenoten.cache.purge_member``).
    """
    reader = OuterRef("pk")
    ban = CommentBan.objects.active().filter(user=reader).order_by("-ends_at")
    state = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            verified=Exists(EmailAddress.objects.filter(user=reader, verified=True)),
            last_wrote=Subquery(
                Comment.objects.filter(page_id=page.pk, user=reader)
                .order_by("-created_at")
                .values("created_at")[:1]
            ),
            following=Exists(
                ConversationSubscription.objects.filter(user=reader, page_id=page.pk, active=True)
            ),
            # Who sees their name with a comment (the notice at the form); changing it
            # purges every cached part.
            visibility=F("profile__visibility"),
            # A suspension: kept with its end, so it never outlives it in the cache; a new or
            # lifted ban purges the member.
            ban_until=Subquery(ban.values("ends_at")[:1]),
            ban_reason=Subquery(ban.values("reason")[:1]),
        )
        .values("verified", "last_wrote", "following", "visibility", "ban_until", "ban_reason")
        .get()
    )
    state["editable_until"] = []
    if state["last_wrote"] and within_edit_window(state["last_wrote"]):
        window = timedelta(minutes=EDIT_WINDOW_MINUTES)
        written = Comment.objects.filter(
            page_id=page.pk, user_id=user.pk, created_at__gte=timezone.now() - window
        ).values_list("created_at", flat=True)
        state["editable_until"] = sorted(created_at + window for created_at in written)
    return state


def _open_edits(reader_state):
    """How many of the reader's comments on the page they may still edit. It only falls as
    time passes (a new comment refreshes the reader state), and their thread changes exactly
    when it does: an edit link goes."""
    now = timezone.now()
    return sum(1 for until in reader_state.get("editable_until", ()) if until >= now)


def _reader_key(request, user, can_comment):
    """What the shared HTML of a comment depends on besides the comment itself: visitor or
    member (profile links), whether the reader may reply, and the query string the reply
    links keep (the thread page)."""
    signed_in = getattr(user, "is_authenticated", False)
    kind = f"{'member' if signed_in else 'visitor'}-{'reply' if can_comment else 'read'}"
    query = thread_query(request)
    return f"{kind}-{hashlib.sha256(query.urlencode().encode()).hexdigest()[:16] if query else '-'}"


def thread_query(request):
    """The part of the query string the thread depends on: its page number. Links in the
    thread keep only that, so an address with anything else in its query string (a campaign
    tag, a search engine's click id) reads the thread kept for everyone, not a fresh render."""
    query = QueryDict(mutable=True)
    if request is not None and PAGE_PARAM in request.GET:
        query[PAGE_PARAM] = request.GET[PAGE_PARAM]
    return query


def _rendered_comments(comments, page, request, user, can_comment, reader):
    """The HTML of every comment on this thread page, by primary key.

    A published comment by someone else looks the same to every reader of the same kind
    (``_reader_key``), so its HTML is kept in the cache until the page or the site is purged
    (a comment changes, a member renames). The reader's own comments carry edit and delete
    links and a pending notice, so they are always rendered afresh.
    """
    viewer_id = user.pk if getattr(user, "is_authenticated", False) else None
    context = {"request": request, "user": user, "can_comment": can_comment}

    def render(comment):
        heading = "h4" if comment.parent_id else "h3"
        return render_to_string(
            "comments/includes/comment.html", {**context, "comment": comment, "heading": heading}
        )

    shared, own = {}, {}
    for comment in (c for top in comments for c in [top, *top.visible_replies]):
        if comment.status == Comment.Status.PUBLISHED and comment.user_id != viewer_id:
            shared[f"comment-{comment.pk}-{reader}"] = comment
        else:
            own[comment.pk] = render(comment)
    parts = cached_parts(
        {name: (lambda comment=comment: render(comment)) for name, comment in shared.items()},
        page_id=page.pk,
    )
    # Our own template's output, kept in our own cache: safe to insert as it is.
    shared_html = {
        comment.pk: mark_safe(parts[name])  # noqa: S308  # nosec B308 B703
        for name, comment in shared.items()
    }
    return own | shared_html


@register.filter
def lookup(mapping, key):
    """``mapping[key]`` in a template (the rendered comments by primary key)."""
    return mapping.get(key, "")


@register.filter
def comment_datetime(value):
    """ "20 april 2013 om 12.12", in the site's time zone."""
    if not value:
        return ""
    return _written_at(timezone.localtime(value))


@register.filter
def comment_time(value):
    """``<time datetime="2013-04-20T12:12+0200">20 april 2013 om 12.12</time>``.

    Put together here rather than with the ``date`` filter: Django's date formatting took
    about a third of each comment's render (170 µs), 5 ms for a thread page of 30.
    """
    if not value:
        return ""
    local = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{}</time>', local.strftime("%Y-%m-%dT%H:%M%z"), _written_at(local)
    )


def _written_at(local):
    # As Django's "j F Y" and "G.i": the month's name in the active language.
    return _("%(date)s om %(time)s") % {
        "date": f"{local.day} {MONTHS[local.month]} {local.year}",
        "time": f"{local.hour}.{local.minute:02d}",
    }


@register.filter
def comment_excerpt(comment, words=30):
    """The comment as plain text, cut after ``words`` words (for the home page, profiles)."""
    return Truncator(plain_text(comment.body_html)).words(int(words), truncate=" …")


@register.filter
def editable_by(comment, user):
    return comment.can_be_edited_by(user)


@register.simple_tag(takes_context=True)
def thread_page_url(context, number):
    """The current page with the comments page set to ``number``, anchored at the comments."""
    query = thread_query(context.get("request"))
    query[PAGE_PARAM] = number
    return "?" + query.urlencode() + "#reacties"


@register.simple_tag(takes_context=True)
def reply_url(context, comment):
    query = thread_query(context.get("request"))
    query["reageer"] = comment.pk
    return "?" + query.urlencode() + "#reageren"
