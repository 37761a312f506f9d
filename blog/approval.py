"""The interviewees' approval of an interview, as a step of the review workflow.

On submission (``IntervieweeApprovalTask.start``) every interviewee of the submitted revision
gets an :class:`~blog.models.IntervieweeApproval`. Those with an e-mail address get a private
link (a random token, stored only as its hash, bound to that revision and that person, valid
for ``INTERVIEWEE_APPROVAL_LINK_DAYS``) to a read-only preview of that version, where they
approve or ask for changes with a note, without an account. For those without an address an
editor records the approval by hand. When everyone has approved, the step approves itself and
the editors' review follows; one request for changes sends the interview back to its author
with the note (Wagtail's "request changes"). An editor who may publish can publish without
approval; that, like every answer, is in the page's history.

A newer version makes the old links stop working: resubmitting after changes starts the step
again, and so does an edit saved while the step waits or after it was approved
(:func:`restart_if_outdated`, from the ``after_edit_page`` hook).
"""

import hashlib
import re
import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.forms import TaskStateCommentForm
from wagtail.log_actions import LogFormatter, log
from wagtail.models import TaskState, WorkflowState

from vakgenoten import links
from vakgenoten.mail import queue_email

from .models import IntervieweeApproval, IntervieweeApprovalTask, InterviewPage

TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")

LOG_APPROVED = "blog.interviewee.approve"
LOG_CHANGES = "blog.interviewee.request_changes"
LOG_CONFIRMED = "blog.interviewee.confirm_by_hand"
LOG_OVERRIDE = "blog.interview.publish_without_approval"
LOG_SUBMISSION_NOTE = "blog.review_note"


class Refused(Exception):
    """The answer cannot be recorded: already answered, or the version is no longer asked."""


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def link_lifetime():
    return timedelta(days=settings.INTERVIEWEE_APPROVAL_LINK_DAYS)


# The workflow step ------------------------------------------------------------------------


def skip_unless_interview(task, workflow_state):
    """A skipped task state for an article that is not an interview; None for an interview."""
    page = workflow_state.content_object
    if issubclass(page.specific_class, InterviewPage):
        return None
    task_state = TaskState(
        workflow_state=workflow_state,
        task=task,
        revision=page.get_latest_revision(),
        status=TaskState.STATUS_SKIPPED,
        finished_at=timezone.now(),
    )
    task_state.save()
    return task_state


def start_approvals(task_state):
    """Ask every interviewee of the submitted version; mail those with an address."""
    interview = task_state.revision.as_object()
    expires_at = timezone.now() + link_lifetime()
    for position, person in enumerate(interview.interviewees.all()):
        email = (person.email or "").strip()
        token = secrets.token_urlsafe(32) if email else None
        approval = IntervieweeApproval.objects.create(
            task_state=task_state,
            position=position,
            name=person.name,
            by_email=bool(email),
            token_hash=hash_token(token) if token else None,
            expires_at=expires_at if token else None,
        )
        if token:
            _queue_request(approval, interview, email, token)


def approval_url(token):
    return links.absolute_url(reverse("blog_interview_approval", args=[token]))


def _queue_request(approval, interview, email, token):
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": approval.name,
            "title": interview.title,
            "url": approval_url(token),
            "expires_at": timezone.localtime(approval.expires_at),
        }
        queue_email(
            f"blog:interview-approval:{approval.pk}",
            email,
            _("Graag je akkoord: %(title)s") % {"title": interview.title},
            render_to_string("blog/email/interview_approval_request.txt", context),
        )


def task_actions(task, page, user):
    """What an editor of the step may do from the admin: ask for changes, or publish anyway."""
    if not (user.is_superuser or task._user_in_groups(user)):
        return []
    actions = [("reject", _("Wijzigingen vragen"), True)]
    if page.permissions_for_user(user).can_publish():
        actions.append(("override", _("Publiceer zonder akkoord"), True))
    return actions


class OverrideForm(TaskStateCommentForm):
    """Publishing without the interviewees' approval needs a reason, for the history."""

    comment = forms.CharField(
        label=gettext_lazy("Waarom zonder akkoord?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Schrijf op waarom er niet gewacht wordt.")},
    )


# Answers ---------------------------------------------------------------------------------


def find_by_token(token):
    """The approval a link's token belongs to, or None (also for anything not token-shaped)."""
    if not isinstance(token, str) or not TOKEN_SHAPE.match(token):
        return None
    return (
        IntervieweeApproval.objects.select_related("task_state__revision")
        .filter(token_hash=hash_token(token))
        .first()
    )


def link_status(approval):
    """ "open", "answered", "outdated" (a newer version was sent or the step ended) or
    "expired"."""
    if approval.status != IntervieweeApproval.Status.PENDING:
        # Their answer, unless a newer version has been sent since.
        newer = IntervieweeApproval.objects.filter(
            task_state__workflow_state_id=approval.task_state.workflow_state_id,
            task_state_id__gt=approval.task_state_id,
        )
        return "outdated" if newer.exists() else "answered"
    if approval.task_state.status != TaskState.STATUS_IN_PROGRESS:
        return "outdated"
    if approval.is_expired:
        return "expired"
    return "open"


@transaction.atomic
def record_answer(approval_id, *, approved, note="", user=None):
    """Store one interviewee's answer and move the workflow on when it decides the step.

    ``user`` is the editor who records an answer by hand; None when the interviewee answers
    through the link. Raises :class:`Refused` when the answer no longer counts.
    """
    approval = IntervieweeApproval.objects.select_for_update().get(pk=approval_id)
    task_state = TaskState.objects.select_for_update().get(pk=approval.task_state_id)
    if (
        approval.status != IntervieweeApproval.Status.PENDING
        or task_state.status != TaskState.STATUS_IN_PROGRESS
    ):
        raise Refused
    if user is None and approval.is_expired:
        raise Refused
    approval.status = (
        IntervieweeApproval.Status.APPROVED if approved else IntervieweeApproval.Status.CHANGES
    )
    approval.note = note.strip()
    approval.answered_at = timezone.now()
    approval.confirmed_by = user
    approval.save(update_fields=["status", "note", "answered_at", "confirmed_by"])

    revision = task_state.revision
    action = LOG_CONFIRMED  # by an editor
    if user is None:
        action = LOG_APPROVED if approved else LOG_CHANGES
    log(
        instance=revision.as_object(),
        action=action,
        user=user,
        revision=revision,
        data={"interviewee": approval.name, "comment": approval.note},
    )
    task_state = task_state.specific
    if not approved:
        task_state.reject(
            user=user,
            comment=_("%(name)s vraagt om wijzigingen: %(note)s")
            % {"name": approval.name, "note": approval.note},
        )
    elif not task_state.interviewee_approvals.exclude(
        status=IntervieweeApproval.Status.APPROVED
    ).exists():
        task_state.approve(user=user, comment=_("Alle geïnterviewden gaven akkoord."))
    return approval


@transaction.atomic
def publish_without_approval(task_state, user, reason):
    """An editor publishes without waiting: logged with the reason and who had not approved.

    Approves this step and then every following step this editor may approve (the editors'
    review), so the interview is published as the button says.
    """
    task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object.specific
    if task_state.status != TaskState.STATUS_IN_PROGRESS or not (
        page.permissions_for_user(user).can_publish()
    ):
        raise PermissionDenied
    waiting = list(
        task_state.interviewee_approvals.exclude(
            status=IntervieweeApproval.Status.APPROVED
        ).values_list("name", flat=True)
    )
    log(
        instance=task_state.revision.as_object(),
        action=LOG_OVERRIDE,
        user=user,
        revision=task_state.revision,
        data={"comment": reason.strip(), "waiting": waiting},
    )
    task_state.approve(user=user, comment=reason.strip())
    workflow_state.refresh_from_db()
    while workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        current = workflow_state.current_task_state
        if current is None or current.status != TaskState.STATUS_IN_PROGRESS:
            break
        task = current.task.specific
        if "approve" not in [name for name, _label, _modal in task.get_actions(page, user)]:
            break
        task.on_action(current, user, "approve", comment=reason.strip())
        workflow_state.refresh_from_db()
    return None


def restart_if_outdated(page, user):
    """After an edit during the review: ask the interviewees again about the newest version.

    Applies while the workflow is in progress and this step waits or was approved for an
    older revision. The old links then say they belong to an older version.
    """
    workflow_state = page.current_workflow_state
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return False
    latest = page.get_latest_revision()
    ours = (
        TaskState.objects.filter(
            workflow_state=workflow_state,
            task__content_type__model=IntervieweeApprovalTask._meta.model_name,
            task__content_type__app_label=IntervieweeApprovalTask._meta.app_label,
        )
        .exclude(status=TaskState.STATUS_CANCELLED)
        .order_by("-started_at", "-pk")
        .first()
    )
    if ours is None or latest is None or ours.revision_id == latest.pk:
        return False
    if ours.status == TaskState.STATUS_IN_PROGRESS:
        ours.specific.cancel(user=user, resume=True)
        return True
    if ours.status != TaskState.STATUS_APPROVED:
        return False
    with transaction.atomic():
        # The approval was for an older text: withdraw it, end the step after it, and let
        # the workflow start again from the interviewees.
        TaskState.objects.filter(pk=ours.pk).update(status=TaskState.STATUS_CANCELLED)
        current = workflow_state.current_task_state
        if current is not None and current.status == TaskState.STATUS_IN_PROGRESS:
            current.specific.cancel(user=user)
        else:
            workflow_state.update(user=user)
    return True


# What the admin shows --------------------------------------------------------------------


def latest_approval_state(page):
    """The newest task state of this step for ``page`` in its newest workflow, or None."""
    workflow_state = page.workflow_states.order_by("-created_at", "-pk").first()
    if workflow_state is None:
        return None
    return (
        TaskState.objects.filter(
            workflow_state=workflow_state,
            task__content_type__model=IntervieweeApprovalTask._meta.model_name,
            task__content_type__app_label=IntervieweeApprovalTask._meta.app_label,
        )
        .exclude(status=TaskState.STATUS_SKIPPED)
        .select_related("revision", "workflow_state")
        .order_by("-started_at", "-pk")
        .first()
    )


def can_follow(user, task_state):
    """Editors of the step (and superusers) see the answers and act on them."""
    task = task_state.task.specific
    return isinstance(task, IntervieweeApprovalTask) and (
        user.is_superuser or task._user_in_groups(user)
    )


# The history ------------------------------------------------------------------------------


class _CommentFormatter(LogFormatter):
    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")


class ApprovedFormatter(_CommentFormatter):
    label = gettext_lazy("Akkoord van geïnterviewde")

    def format_message(self, log_entry):
        return _("%(name)s gaf akkoord via de persoonlijke link") % {
            "name": log_entry.data.get("interviewee", "")
        }


class ChangesFormatter(_CommentFormatter):
    label = gettext_lazy("Geïnterviewde vraagt om wijzigingen")

    def format_message(self, log_entry):
        return _("%(name)s vraagt om wijzigingen") % {"name": log_entry.data.get("interviewee", "")}


class ConfirmedFormatter(_CommentFormatter):
    label = gettext_lazy("Akkoord van geïnterviewde vastgelegd door de redactie")

    def format_message(self, log_entry):
        return _("Akkoord van %(name)s vastgelegd door de redactie") % {
            "name": log_entry.data.get("interviewee", "")
        }


class OverrideFormatter(_CommentFormatter):
    label = gettext_lazy("Gepubliceerd zonder akkoord van de geïnterviewden")

    def format_message(self, log_entry):
        waiting = ", ".join(log_entry.data.get("waiting", [])) or "—"
        return _("Gepubliceerd zonder akkoord van: %(names)s") % {"names": waiting}


class ReviewNoteFormatter(_CommentFormatter):
    label = gettext_lazy("Notitie voor de redactie")
    message = gettext_lazy("Ingediend met een notitie voor de redactie")


def register_log_actions(actions):
    actions.register_action(LOG_APPROVED)(ApprovedFormatter)
    actions.register_action(LOG_CHANGES)(ChangesFormatter)
    actions.register_action(LOG_CONFIRMED)(ConfirmedFormatter)
    actions.register_action(LOG_OVERRIDE)(OverrideFormatter)
    actions.register_action(LOG_SUBMISSION_NOTE)(ReviewNoteFormatter)


# After the editor's form -----------------------------------------------------------------

SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


def after_article_saved(request, page):
    """Log the note given on submission; ask the interviewees again after a change."""
    from .models import ArticlePage

    page = page.specific if not isinstance(page, ArticlePage) else page
    if not isinstance(page, ArticlePage):
        return
    note = (page.review_note or "").strip()
    if note and any(request.POST.get(action) for action in SUBMIT_ACTIONS):
        log(
            instance=page,
            action=LOG_SUBMISSION_NOTE,
            user=request.user,
            revision=page.get_latest_revision(),
            data={"comment": note},
        )
    if isinstance(page, InterviewPage):
        restart_if_outdated(page, request.user)
