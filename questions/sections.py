"""The "Vragen" section on a member's profile: the questions they asked that the viewer may
open (live, and not in a section closed to the viewer)."""

from django.template.loader import render_to_string

from comments.visibility import readable_pages

from .listing import with_card_data
from .models import QuestionPage

PROFILE_QUESTIONS = 5


def recent_questions(request, member):
    questions = list(
        with_card_data(
            QuestionPage.objects.filter(readable_pages(request.user)).filter(asker=member)
        ).order_by("-asked_at", "-pk")[:PROFILE_QUESTIONS]
    )
    if not questions:
        return ""
    return render_to_string(
        "questions/includes/profile_questions.html",
        {"questions": questions, "member": member},
        request=request,
    )
