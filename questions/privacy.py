"""A member's questions, useful marks and reports in the privacy registry: exported with "Mijn
gegevens", and on deleting the account removed or kept without a name, as the member chooses
for their comments (the same choice: questions are posts like comments)."""

from comments.models import Comment
from vakgenoten.cache import purge_page_and_listings

from .models import QuestionPage, QuestionReport, UsefulMark


def export_questions(user):
    questions = QuestionPage.objects.filter(asker=user).order_by("asked_at")
    return {
        "vragen": [
            {
                "titel": question.title,
                "adres": question.url or "",
                "gesteld_op": question.asked_at,
                "status": question.get_status_display(),
                "toelichting": question.body,
                "thema_s": [theme.name for theme in question.themes.all()],
                "reden_van_afwijzing": question.rejection_reason,
            }
            for question in questions.prefetch_related("themes")
        ],
        "nuttige_antwoorden": [
            {"antwoord": mark.answer_id, "op": mark.created_at}
            for mark in UsefulMark.objects.filter(user=user).order_by("created_at")
        ],
        "gemelde_vragen": [
            {
                "vraag": report.question.title,
                "wat_er_mis_is": report.reason,
                "gemeld_op": report.created_at,
                "afgehandeld_op": report.handled_at,
            }
            for report in QuestionReport.objects.filter(reporter=user).select_related("question")
        ],
    }


def erase_questions(user, keep_comments):
    """Keep the member's questions without their name, or delete them.

    Deleting a question others answered would take their answers with it: such a question
    stays with its title (the answers' context) and loses its text and asker. Useful marks go
    with the account (cascade).
    """
    own = QuestionPage.objects.filter(asker=user)
    if keep_comments:
        for question in own:
            QuestionPage.objects.filter(pk=question.pk).update(asker=None, owner=None)
            purge_page_and_listings(question)
        return
    answered_by_others = set(
        Comment.objects.filter(page__in=own.values("pk"))
        .exclude(user=user)
        .values_list("page_id", flat=True)
    )
    for question in own:
        if question.pk in answered_by_others:
            QuestionPage.objects.filter(pk=question.pk).update(
                asker=None, owner=None, body="", body_html=""
            )
            purge_page_and_listings(question)
        else:
            question.delete()
