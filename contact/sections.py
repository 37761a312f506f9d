"""On a member's profile: "Stuur een bericht" and "Blokkeer", for members who can take part."""

from django.template.loader import render_to_string

from members.models import MemberBlock

from . import rules


def reach_member(request, member):
    viewer = request.user
    if not viewer.is_authenticated or viewer.pk == member.pk:
        return ""
    if rules.participation_problem(viewer):
        return ""
    blocked = MemberBlock.objects.filter(blocker_id=viewer.pk, blocked_id=member.pk).exists()
    return render_to_string(
        "contact/includes/profile_contact.html",
        {
            "member": member,
            "accepts": rules.accepts_messages_from(member, viewer),
            "blocked": blocked,
        },
        request=request,
    )
