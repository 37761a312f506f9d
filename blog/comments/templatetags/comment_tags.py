"""The conversation under a page, and how comment dates are written."""

from urllib.parse import urlencode

from django import template
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ..formatting import plain_text
from ..forms import CommentForm
from ..models import Comment
from ..rules import closed_reason, participation_problem, settings_for
from ..threads import PAGE_PARAM, comment_count, thread_page

register = template.Library()


def _url_or_none(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@register.inclusion_tag("comments/includes/section.html", takes_context=True)
def comments_section(context, page):
    """Everything under a page: the comments, the form or why you cannot comment, follow."""
    request = context.get("request")
    user = getattr(request, "user", None)
    comment_settings = settings_for(page, request)
    number = request.GET.get(PAGE_PARAM, 1) if request is not None else 1
    page_obj, comments = thread_page(page, user, number)
    page_url = page.get_url(request) or "/"
    back = page_url + "#reageren"
    authenticated = bool(user and user.is_authenticated)
    problem = participation_problem(user) if authenticated else ""
    closed = closed_reason(page, comment_settings)

    reply_to = None
    reply_id = request.GET.get("reageer", "") if request is not None else ""
    if reply_id.isdigit():
        reply_to = next(
            (
                candidate
                for comment in comments
                for candidate in [comment, *comment.visible_replies]
                if candidate.pk == int(reply_id)
                and candidate.status == Comment.Status.PUBLISHED
                and not candidate.is_deleted
            ),
            None,
        )
    form = CommentForm(initial={"parent": reply_to.pk if reply_to else None})

    following = False
    if authenticated:
        from ..actions import is_following

        following = is_following(user, page)

    return {
        "request": request,
        "user": user,
        "page": page,
        "page_url": page_url,
        "comments": comments,
        "page_obj": page_obj,
        "count": comment_count(page),
        "closed_reason": closed,
        "can_comment": authenticated and not problem and not closed,
        "problem": problem,
        "authenticated": authenticated,
        "login_url": f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: back})}",
        "signup_url": f"{reverse('account_signup')}?{urlencode({REDIRECT_FIELD_NAME: back})}",
        "email_url": _url_or_none("account_email"),
        "profile_url": _url_or_none("members:profile_edit"),
        "form": form,
        "reply_to": reply_to,
        "following": following,
        "now": timezone.now(),
        "page_param": PAGE_PARAM,
    }


@register.filter
def comment_datetime(value):
    """ "20 april 2013 om 12.12", in the site's time zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return _("%(date)s om %(time)s") % {
        "date": format_date(local, "j F Y"),
        "time": format_date(local, "G.i"),
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
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"?{PAGE_PARAM}={number}#reacties"
    query.pop("reageer", None)
    query[PAGE_PARAM] = number
    return "?" + query.urlencode() + "#reacties"


@register.simple_tag(takes_context=True)
def reply_url(context, comment):
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"?reageer={comment.pk}#reageren"
    query["reageer"] = comment.pk
    return "?" + query.urlencode() + "#reageren"
