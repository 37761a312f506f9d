"""The "Vragen" sections on a member's profile (what they asked), a network's page and an
organisation's page (what was asked in or for it): only questions the viewer may open (live,
not in a section closed to the viewer, and not of a closed network the viewer is not an approved
member of: ``members.visibility``), newest first. A network's questions are those that belong to
it (``QuestionPage.networks``)."""

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from comments.visibility import readable_pages
from members.visibility import visible

from .listing import with_card_data
from .models import QuestionPage

PROFILE_QUESTIONS = 5


def _section(request, condition, title):
    questions = list(
        with_card_data(
            visible(
                QuestionPage.objects.filter(readable_pages(request.user)).filter(condition),
                request.user,
            )
        ).order_by("-asked_at", "-pk")[:PROFILE_QUESTIONS]
    )
    if not questions:
        return ""
    return render_to_string(
        "questions/includes/profile_questions.html",
        {"questions": questions, "title": title},
        request=request,
    )


def recent_questions(request, member):
    return _section(request, Q(asker=member), _("Vragen"))


def network_questions(request, network):
    field = QuestionPage._meta.get_field("networks")
    belongs = field.remote_field.through.objects.filter(network=network).values(
        field.m2m_field_name()
    )
    return _section(request, Q(pk__in=belongs), _("Vragen in dit netwerk"))


def organisation_questions(request, organisation):
    return _section(request, Q(organisation=organisation), _("Vragen van deze organisatie"))
