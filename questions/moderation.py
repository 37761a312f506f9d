"""What moderators do with questions, and reports by members, each in one transaction.

The admin queue (``admin_views``) and the report view call these. Each decision locks the
question's row and checks its state first, so two moderators who click at the same moment
decide once, and the asker hears about it once. The e-mail is worked out by a background task
(``tasks.py``) after the change commits, as for comments.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import actions
from .models import QuestionPage, QuestionReport
from .rules import QuestionRefused

MAX_REPORT_LENGTH = 1000


def _after_commit(task, *args):
    transaction.on_commit(lambda: task.enqueue(*args))


def _locked(page):
    return QuestionPage.objects.select_for_update().get(pk=page.pk)


def announce_held(page):
    """A new question waits for a moderator: tell them once it is stored."""
    from . import tasks

    _after_commit(tasks.question_held, page.pk)


def publish(page, moderator):
    """Let a held (or earlier rejected) question through. Returns False when it was live
    already (another moderator was first)."""
    from . import tasks

    with transaction.atomic():
        page = _locked(page)
        if page.live and page.status == QuestionPage.Status.PUBLISHED:
            return False
        actions.publish_question(page, moderator)
        _after_commit(tasks.question_decided, page.pk, "published", _stamp())
    return True


def reject(page, moderator, reason=""):
    """Refuse a held question, or take a published one offline; its open reports are handled
    with it. Returns False when it was rejected already."""
    from . import tasks

    reason = " ".join((reason or "").split())
    with transaction.atomic():
        page = _locked(page)
        if page.status == QuestionPage.Status.REJECTED and not page.live:
            return False
        was_live = page.live
        actions.reject_question(page, moderator, reason)
        close_reports(page, moderator)
        decision = "taken_offline" if was_live else "rejected"
        _after_commit(tasks.question_decided, page.pk, decision, _stamp())
    return True


def close_reports(page, moderator, now=None):
    """The moderator looked at the reports and the question stays. Returns how many closed."""
    return QuestionReport.objects.filter(question_id=page.pk, handled_at__isnull=True).update(
        handled_at=now or timezone.now(), handled_by=moderator
    )


def _stamp():
    """Names one decision in the e-mail's outbox key: a retried task mails once, a later
    decision about the same question (published again, then taken offline) mails again."""
    return timezone.now().strftime("%Y%m%d%H%M%S%f")


def report_question(page, reporter, reason, now=None):
    """A member reports a published question. Raises QuestionRefused for the asker's own
    question, a question that is gone, or a second open report by the same member."""
    from . import tasks

    reason = (reason or "").replace("\r\n", "\n").strip()
    if not reason:
        raise QuestionRefused(_("Schrijf kort wat er mis is met deze vraag."))
    if len(reason) > MAX_REPORT_LENGTH:
        raise QuestionRefused(
            _("Je toelichting is %(length)s tekens lang; het maximum is %(max)s.")
            % {"length": len(reason), "max": MAX_REPORT_LENGTH}
        )
    if page.asker_id == reporter.pk:
        raise QuestionRefused(_("Je kunt je eigen vraag niet melden."))
    if not page.live:
        raise QuestionRefused(_("Deze vraag is al niet meer zichtbaar."))
    already = _("Je hebt deze vraag al gemeld. De redactie kijkt ernaar.")
    if QuestionReport.objects.filter(
        question_id=page.pk, reporter_id=reporter.pk, handled_at__isnull=True
    ).exists():
        raise QuestionRefused(already)
    try:
        with transaction.atomic():
            report = QuestionReport.objects.create(
                question=page, reporter=reporter, reason=reason, created_at=now or timezone.now()
            )
    except IntegrityError:  # a simultaneous second click
        raise QuestionRefused(already) from None
    _after_commit(tasks.question_reported, report.pk)
    return report
