"""``/vragen/``: the questions, newest first, filtered by theme, state and network, paginated
in a fixed number of queries whatever the number of questions and answers."""

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from comments.models import Comment
from members.models import Network
from members.visibility import visible
from taxonomy.models import Theme
from vakgenoten.queries import exclude_private

from .models import QUESTIONS_PER_PAGE, QuestionPage

OPEN = "open"
ANSWERED = "beantwoord"
UNANSWERED = "onbeantwoord"


def with_card_data(questions):
    """What a question card shows: asker, networks, organisation, themes, number of answers."""
    answers = (
        Comment.objects.visible()
        .filter(page_id=OuterRef("pk"), parent__isnull=True)
        .order_by()
        .values("page_id")
        .annotate(number=Count("pk"))
        .values("number")
    )
    return (
        questions.select_related("asker", "asker__profile", "organisation")
        .prefetch_related("themes", "networks")
        .annotate(answer_count=Coalesce(Subquery(answers), 0))
    )


STATES = [
    (OPEN, _("Open: nog geen antwoord gekozen")),
    (UNANSWERED, _("Nog zonder antwoord")),
    (ANSWERED, _("Beantwoord")),
]


def question_listing_context(index_page, request):
    # A closed network's questions are for its approved members (``members.visibility``).
    questions = visible(
        exclude_private(QuestionPage.objects.live()).child_of(index_page), request.user
    )
    themes = list(Theme.objects.order_by("name"))
    networks = list(Network.objects.order_by("name"))
    selected = {
        "thema": request.GET.get("thema", ""),
        "netwerk": request.GET.get("netwerk", ""),
        "status": request.GET.get("status", ""),
    }
    if selected["thema"] in {theme.slug for theme in themes}:
        questions = questions.filter(themes__slug=selected["thema"])
    else:
        selected["thema"] = ""
    if selected["netwerk"] in {network.slug for network in networks}:
        questions = questions.filter(networks__slug=selected["netwerk"])
    else:
        selected["netwerk"] = ""
    if selected["status"] == ANSWERED:
        questions = questions.filter(accepted_answer__isnull=False)
    elif selected["status"] == OPEN:
        questions = questions.filter(accepted_answer__isnull=True)
    elif selected["status"] == UNANSWERED:
        questions = questions.unanswered()
    else:
        selected["status"] = ""
    questions = with_card_data(questions).order_by("-asked_at", "-pk")
    page_obj = Paginator(questions, QUESTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "questions": page_obj.object_list,
        "page_obj": page_obj,
        "themes": themes,
        "networks": networks,
        "states": STATES,
        "selected": selected,
        "is_filtered": any(selected.values()),
    }


def open_questions(limit=3, viewer=None):
    """The newest live, public questions without a chosen answer (the home page's section)
    that ``viewer`` may see (``members.visibility``); a visitor's list without one."""
    questions = visible(
        exclude_private(QuestionPage.objects.live()).filter(accepted_answer__isnull=True),
        viewer or AnonymousUser(),
    )
    return list(with_card_data(questions).order_by("-asked_at", "-pk")[:limit])
