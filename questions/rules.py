"""Who may ask, and what waits for a moderator: the comments' rules, applied to a question.

The same settings (``comments.models.CommentSettings``) and the same functions as for a
comment: a verified member with a first and last name, no ban, the rate limit (questions and
comments count together), a member's first posts, too many links and blocked words held.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from comments.models import Comment
from comments.rules import (
    active_ban,
    content_hold_reasons,
    is_trusted,
    local_datetime,
    still_new,
)
from members.decorators import COMPLETE_PROFILE, LOGIN, VERIFY_EMAIL
from members.decorators import participation_problem as members_participation_problem

from .models import QuestionPage


class QuestionRefused(Exception):
    """The question may not be asked; ``message`` says why in Dutch. ``title`` is set when no
    change to the text helps (then the page shows the explanation beside the member's text)."""

    def __init__(self, message, title=""):
        super().__init__(message)
        self.message = message
        self.title = title


PARTICIPATION_SENTENCES = {
    LOGIN: gettext_lazy("Je moet lid zijn om een vraag te stellen."),
    VERIFY_EMAIL: gettext_lazy("Bevestig eerst je e-mailadres; daarna kun je een vraag stellen."),
    COMPLETE_PROFILE: gettext_lazy(
        "Vul eerst je voor- en achternaam in bij je profiel; je stelt je vraag onder je naam."
    ),
}


def participation_problem(user):
    """Why ``user`` cannot ask yet ("" when they can)."""
    return members_participation_problem(user, PARTICIPATION_SENTENCES)


def check_not_banned(user, now=None):
    ban = active_ban(user, now)
    if ban is not None:
        raise QuestionRefused(
            _("Je kunt tot %(until)s geen vragen stellen: %(reason)s")
            % {"until": local_datetime(ban.ends_at), "reason": ban.reason},
            title=_("Je bent tijdelijk geschorst"),
        )


def check_rate_limit(user, comment_settings, now=None):
    """The comments' limit, with questions and comments counted together: a member who may
    post five times in ten minutes may not post five comments and five questions."""
    if not comment_settings.rate_limit_count:
        return
    now = now or timezone.now()
    since = now - timedelta(minutes=comment_settings.rate_limit_minutes)
    recent = (
        Comment.objects.filter(user_id=user.pk, created_at__gte=since).count()
        + QuestionPage.objects.filter(asker_id=user.pk, asked_at__gte=since).count()
    )
    if recent >= comment_settings.rate_limit_count:
        minutes = comment_settings.rate_limit_minutes
        raise QuestionRefused(
            ngettext(
                "Je hebt de afgelopen minuut al veel geplaatst. Wacht even en probeer het "
                "daarna opnieuw; je vraag staat nog in het formulier.",
                "Je hebt de afgelopen %(minutes)s minuten al veel geplaatst. Wacht even en "
                "probeer het daarna opnieuw; je vraag staat nog in het formulier.",
                minutes,
            )
            % {"minutes": minutes}
        )


def check_can_ask(user, comment_settings, now=None):
    """Raise QuestionRefused when ``user`` may not ask a question now."""
    problem = participation_problem(user)
    if problem:
        raise QuestionRefused(problem, title=_("Nog één stap"))
    check_not_banned(user, now)
    check_rate_limit(user, comment_settings, now)


def decide(user, text, comment_settings):
    """(status, reasons): published at once, or held for a moderator by the comments' rules.
    Questions a moderator let through count as posts, as published comments do."""
    if is_trusted(user):
        return QuestionPage.Status.PUBLISHED, []
    reasons = content_hold_reasons(text, comment_settings)
    asked_before = QuestionPage.objects.filter(
        asker_id=user.pk, status=QuestionPage.Status.PUBLISHED
    ).count()
    if still_new(user, comment_settings, accepted_elsewhere=asked_before):
        reasons.append(_("Een van de eerste vragen of reacties van dit lid."))
    if reasons:
        return QuestionPage.Status.PENDING, [str(reason) for reason in reasons]
    return QuestionPage.Status.PUBLISHED, []
