"""The "Reacties" section on a member's profile: their latest published comments.

Only comments the viewer may read (``Comment.objects.readable_by``): a visitor never sees a
comment on a members-only page here, nobody sees one on a password-protected page, and only
a closed network's approved members see one under that network's content (``members.visibility``).
"""

from django.template.loader import render_to_string

from members.visibility import visible

from .models import Comment

PROFILE_COMMENTS = 5


def recent_comments(request, member):
    comments = list(
        visible(Comment.objects.readable_by(request.user), request.user, outer="page_id")
        .filter(user=member)
        .select_related("page")
        .order_by("-published_at", "-pk")[:PROFILE_COMMENTS]
    )
    if not comments:
        return ""
    return render_to_string(
        "comments/includes/profile_comments.html",
        {"comments": comments, "member": member},
        request=request,
    )
