"""Messages from one member to another, and the recipients' reports of them.

A message is delivered by e-mail (``contact.actions``); the site keeps the text only as long
as moderation and the sender's and recipient's export need it: after
``MEMBER_MESSAGE_RETENTION_DAYS`` the body is emptied (``contact.jobs.forget_old_messages``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_MESSAGE_LENGTH = 3000
MAX_REPORT_LENGTH = 1000


class MemberMessage(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("Verstuurd")
        HELD = "held", _("Wacht op moderatie")
        REJECTED = "rejected", _("Afgewezen")

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="messages_sent",
        verbose_name=_("afzender"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="messages_received",
        verbose_name=_("ontvanger"),
    )
    body = models.TextField(_("bericht"), max_length=MAX_MESSAGE_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SENT, db_index=True
    )
    hold_reasons = models.TextField(_("waarom vastgehouden"), blank=True)
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    body_removed_at = models.DateTimeField(_("tekst verwijderd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bericht tussen leden")
        verbose_name_plural = _("berichten tussen leden")
        indexes = [models.Index(fields=["sender", "created_at"], name="message_sender_recent")]

    def __str__(self):
        return f"{self.sender} → {self.recipient} ({self.created_at:%Y-%m-%d})"


class MessageReport(models.Model):
    """The recipient tells the moderators a message was unwelcome (one report per message)."""

    message = models.OneToOneField(
        MemberMessage,
        on_delete=models.CASCADE,
        related_name="report",
        verbose_name=_("bericht"),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="message_reports",
        verbose_name=_("gemeld door"),
    )
    reason = models.TextField(_("reden"), max_length=MAX_REPORT_LENGTH, blank=True)
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("melding van een bericht")
        verbose_name_plural = _("meldingen van berichten")

    def __str__(self):
        return f"{self.reporter} meldt bericht {self.message_id}"
