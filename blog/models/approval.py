"""Interviewees approve the text of their interview before it is published.

The review workflow ("Redactionele review", ``blog.editorial``) starts with an
:class:`IntervieweeApprovalTask`. For an interview it asks every interviewee for their approval
of the submitted version (one :class:`IntervieweeApproval` each, with a private link for those
with an e-mail address) and waits; for every other article it is skipped at once. The rules
live in ``blog.approval``; these are the records.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask


class IntervieweeApprovalTask(AbstractGroupApprovalTask):
    """A workflow step that waits for the interviewees' approval of an interview.

    Its groups are the editors who follow it: they see it on their dashboard, record an
    approval given by telephone, ask for changes, or publish without approval (logged).
    Articles that are not interviews pass it without stopping.
    """

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields

    class Meta:
        verbose_name = _("akkoord van de geïnterviewden")
        verbose_name_plural = _("akkoord van de geïnterviewden")

    def start(self, workflow_state, user=None):
        from ..approval import skip_unless_interview, start_approvals

        skipped = skip_unless_interview(self, workflow_state)
        if skipped is not None:
            return skipped
        task_state = super().start(workflow_state, user=user)
        start_approvals(task_state)
        return task_state

    def get_actions(self, obj, user):
        from ..approval import task_actions

        return task_actions(self, obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        from ..approval import publish_without_approval

        if action_name == "override":
            return publish_without_approval(task_state, user, kwargs.get("comment", ""))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_form_for_action(self, action):
        from ..approval import OverrideForm

        if action == "override":
            return OverrideForm
        return super().get_form_for_action(action)

    @classmethod
    def get_description(cls):
        return _(
            "Elke geïnterviewde keurt de ingediende tekst van een interview goed via een "
            "persoonlijke link; andere artikelen gaan meteen door."
        )


class IntervieweeApproval(models.Model):
    """One interviewee's answer on one submitted version (a task state and its revision).

    Holds no e-mail address: that stays in the interview's revision. The link's token is kept
    only as its SHA-256 hash; the link works for this version and until ``expires_at``.
    """

    class Status(models.TextChoices):
        PENDING = "wacht", _("Wacht op antwoord")
        APPROVED = "akkoord", _("Akkoord")
        CHANGES = "wijzigingen", _("Vraagt om wijzigingen")

    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        verbose_name=_("stap in de workflow"),
        on_delete=models.CASCADE,
        related_name="interviewee_approvals",
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    name = models.CharField(_("naam"), max_length=150)
    by_email = models.BooleanField(_("link per e-mail"), default=False)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    expires_at = models.DateTimeField(_("link verloopt"), null=True, blank=True)
    status = models.CharField(
        _("antwoord"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    note = models.TextField(_("toelichting"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("akkoord van een geïnterviewde")
        verbose_name_plural = _("akkoord van geïnterviewden")
        ordering = ["task_state", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "position"], name="blog_one_approval_per_interviewee"
            )
        ]

    def __str__(self):
        return f"{self.name}: {self.get_status_display()}"

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()
