"""The "Reacties" section on a member's profile: their latest published comments."""

from django.template.loader import render_to_string

from .models import Comment

PROFILE_COMMENTS = 5


def recent_comments(request, member):
    comments = list(
        Comment.objects.visible()
        .filter(user=member, page__live=True)
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
