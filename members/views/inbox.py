"""Notifications on the site ("Meldingen"): the list, opening one, marking them read, and
looking up members to mention while writing a comment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from vakgenoten import limits
from vakgenoten.links import safe_redirect_target

from .. import inbox
from ..models import Notification, User
from .common import home_crumb, paginate

NOTIFICATIONS_PER_PAGE = 20
MENTION_RESULTS = 8
MENTION_QUERY_MAX = 100


@never_cache
@login_required
def notification_list(request):
    """The member's notifications, newest first. Viewing the list marks nothing read: a
    notification is read when it is opened, or when the member marks them all read."""
    notifications = Notification.objects.filter(recipient=request.user).select_related("actor")
    page_obj = paginate(request, notifications, NOTIFICATIONS_PER_PAGE)
    return render(
        request,
        "members/inbox/list.html",
        {
            "page_obj": page_obj,
            "unread": inbox.unread_count(request.user),
            "crumbs": [home_crumb(), (_("Meldingen"), reverse("members:inbox"))],
        },
    )


@never_cache
@login_required
def notification_open(request, pk):
    """Mark one of the member's own notifications read and go to what it is about.

    A plain link, so it opens in a new tab as any link does and needs no JavaScript. Its only
    effect is on the member's own read mark, which is what opening a notification means.
    """
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    inbox.mark_read(request.user, [notification.pk])
    target = notification.url if notification.url.startswith("/") else ""
    target = safe_redirect_target(request, target, reverse("members:inbox"))
    return HttpResponseRedirect(target)


@require_POST
@login_required
def notification_mark_all_read(request):
    changed = inbox.mark_read(request.user)
    if changed:
        messages.success(request, _("Al je meldingen zijn als gelezen gemarkeerd."))
    return redirect("members:inbox")


def _json_error(message, status):
    return JsonResponse({"error": message, "results": []}, status=status)


@never_cache
@require_GET
def mention_search(request):
    """Members whose name starts with ``q``, for the ``@``-mention suggestions under a comment
    field: signed-in members only, never the asker themself, at most eight, name and profile
    address only (never an e-mail address), rate limited per member. One query, whatever the
    number of members."""
    if not request.user.is_authenticated:
        return _json_error(_("Log in om leden te noemen."), 403)
    if not limits.allow(request, "member_mentions", key=f"member-{request.user.pk}"):
        return _json_error(_("Even geduld: je zocht te vaak. Probeer het zo weer."), 429)
    query = " ".join(request.GET.get("q", "").split())[:MENTION_QUERY_MAX]
    if len(query) < 2:
        return JsonResponse({"results": []})
    members = (
        User.objects.listed()
        .annotate(full_name=Concat("first_name", Value(" "), "last_name"))
        .filter(Q(full_name__istartswith=query) | Q(last_name__istartswith=query))
        .exclude(pk=request.user.pk)
        .order_by("last_name", "first_name", "pk")
        .values_list("pk", "first_name", "last_name")[:MENTION_RESULTS]
    )
    results = [
        {"name": f"{first} {last}", "url": reverse("members:profile", args=[pk])}
        for pk, first, last in members
    ]
    return JsonResponse({"results": results})
