"""Who may read a comment: one decision for every place that shows a comment or links to one.

A reader may see a comment when its page is live, every view restriction on the page or one of
its ancestors lets the reader in (Wagtail's "ingelogde leden", "groepen" and "wachtwoord"), and
its status lets them: published, or their own comment while it waits for moderation.

The page itself applies Wagtail's restrictions before its conversation is rendered. Everything
else that shows or links to a comment away from its page (the profile section, the home page,
the permalink, the report form, the e-mail to followers) asks here:

- ``readable_comments(user)`` (``Comment.objects.readable_by(user)``) is the queryset form,
  for lists: one SQL condition, so a list costs no query per comment. A password is only ever
  known to one browser session, so lists never show comments on password-protected pages,
  not even to a reader who typed it.
- ``can_read_comment(comment, request)`` is the answer for one comment, for a view: there the
  browser session that passed a page's password may see the comments on that page.
- ``can_read_page(user, page)`` is the same page rule for someone without a request (the
  recipient of an e-mail).

Content of a closed network (``members.visibility``, the one rule) is part of "may open": every
condition here includes it, so lists, permalinks, reports and e-mails about comments leave out
what belongs to a closed network the reader is no member of. A POST that would bypass the page's
serve hook (writing or following a conversation) is answered by
``members.visibility.closed_network_refusal``.
"""

from django.contrib.auth.models import AnonymousUser, Group
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from wagtail.models import Page, PageViewRestriction

from members.visibility import visible_q

from .models import Comment


def _page_id_field(prefix):
    """The field holding the page's id, for ``members.visibility.visible_q``'s ``outer``."""
    return "page_id" if prefix == "page__" else f"{prefix}pk"


def _signed_in(user):
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", True))


def _restrictions_let_in(user, passed_passwords):
    """The view restrictions ``user`` passes, as a condition on ``PageViewRestriction``: the
    same rules as Wagtail's ``accept_request``."""
    lets_in = Q(pk__in=[])
    if passed_passwords:
        lets_in |= Q(restriction_type=PageViewRestriction.PASSWORD, pk__in=list(passed_passwords))
    if _signed_in(user):
        lets_in |= Q(restriction_type=PageViewRestriction.LOGIN)
        if user.is_superuser:
            lets_in |= Q(restriction_type=PageViewRestriction.GROUPS)
        else:
            in_a_group = Exists(
                Group.objects.filter(pageviewrestriction=OuterRef("pk"), user=user.pk)
            )
            lets_in |= Q(restriction_type=PageViewRestriction.GROUPS) & Q(in_a_group)
    return lets_in


def readable_pages(user, passed_passwords=(), prefix=""):
    """The condition "a live page ``user`` may open" on pages, or with ``prefix="page__"`` on
    rows that belong to a page. A restriction applies when its page is the page or an
    ancestor: its tree path is a prefix of the page's path (one correlated subquery)."""
    shutting_out = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(f"{prefix}path"), 1, Length("page__path"))
    ).exclude(_restrictions_let_in(user, passed_passwords))
    return (
        Q(**{f"{prefix}live": True})
        & ~Q(Exists(shutting_out))
        & visible_q(user, outer=_page_id_field(prefix))
    )


def status_visible_to(user):
    """The statuses a reader sees in a conversation: published comments (a deleted one as an
    empty place), and the reader's own comments that wait for moderation, unless members'
    reports put them there."""
    condition = Q(status=Comment.Status.PUBLISHED)
    if _signed_in(user):
        condition |= Q(user_id=user.pk, status=Comment.Status.PENDING, hidden_by_reports=False)
    return condition


def readable_comments(user, queryset=None):
    """The comments ``user`` (a visitor when None or anonymous) may see in a list anywhere on
    the site: published, not deleted, on a live page that lets them in without a password."""
    queryset = Comment.objects.all() if queryset is None else queryset
    return queryset.visible().filter(readable_pages(user, prefix="page__"))


def passed_passwords(request):
    """The password-protected pages this browser session has unlocked (Wagtail keeps them)."""
    session = getattr(request, "session", None)
    if session is None:
        return []
    return session.get(PageViewRestriction.passed_view_restrictions_session_key, [])


def can_read_comment(comment, request):
    """Whether the reader of ``request`` may see ``comment`` (one query)."""
    user = getattr(request, "user", None)
    return (
        Comment.objects.filter(pk=comment.pk)
        .filter(status_visible_to(user))
        .filter(readable_pages(user, passed_passwords(request), prefix="page__"))
        .exists()
    )


def can_read_page(user, page):
    """Whether ``user`` may open ``page``, without a browser session: a password-protected
    page counts as closed (one query)."""
    return Page.objects.filter(pk=page.pk).filter(readable_pages(user)).exists()


def readable_by_every_member(prefix=""):
    """The condition "a live page every signed-in member may open", on pages or (with
    ``prefix="page__"``) on rows that belong to a page: no restriction on the page or an
    ancestor other than Wagtail's "ingelogde leden". Pages behind a group or a password are
    left out, and so is content of a closed network (not every member is in it). For what goes
    to many members at once, where asking per member would cost a query each."""
    return open_to_every_member(prefix) & visible_q(AnonymousUser(), outer=_page_id_field(prefix))


def open_to_every_member(prefix=""):
    """:func:`readable_by_every_member` without the closed-network rule: for a sender that
    applies that rule per recipient afterwards (the digest e-mail)."""
    shutting_out = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(f"{prefix}path"), 1, Length("page__path"))
    ).exclude(restriction_type=PageViewRestriction.LOGIN)
    return Q(**{f"{prefix}live": True}) & ~Q(Exists(shutting_out))
