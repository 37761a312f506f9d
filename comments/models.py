"""Comments, the rules that decide what is held, and the records moderation leaves behind."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from vakgenoten.cache import CachedSiteSettingMixin

MAX_COMMENT_LENGTH = 5000
EDIT_WINDOW_MINUTES = 15


def within_edit_window(created_at, now=None):
    """Whether a comment written at ``created_at`` may still be edited by its writer."""
    return (now or timezone.now()) - created_at <= timedelta(minutes=EDIT_WINDOW_MINUTES)


@register_setting(icon="comment")
class CommentSettings(CachedSiteSettingMixin, BaseSiteSetting):
    """The moderation rules editors set for the site: what is held, what is refused, when
    conversations close. Kept as a site setting so editors change them without a deploy."""

    hold_first_comments = models.PositiveSmallIntegerField(
        _("eerste reacties van een lid vasthouden"),
        default=1,
        help_text=_(
            "Zolang een lid minder geplaatste reacties heeft dan dit aantal, keurt de redactie "
            "nieuwe reacties eerst goed. 0 = niet vasthouden."
        ),
    )
    max_links = models.PositiveSmallIntegerField(
        _("maximaal aantal links"),
        default=2,
        help_text=_("Een reactie met meer links dan dit aantal wacht op goedkeuring."),
    )
    blocked_words = models.TextField(
        _("geblokkeerde woorden"),
        blank=True,
        help_text=_(
            "Eén woord of woordgroep per regel. Een reactie waarin er één voorkomt, wacht op "
            "goedkeuring."
        ),
    )
    rate_limit_count = models.PositiveSmallIntegerField(
        _("maximaal aantal reacties"),
        default=5,
        help_text=_(
            "Zoveel reacties mag een lid plaatsen binnen de tijd hieronder. 0 = geen grens."
        ),
    )
    rate_limit_minutes = models.PositiveSmallIntegerField(_("binnen minuten"), default=10)
    close_after_days = models.PositiveSmallIntegerField(
        _("reacties sluiten na dagen"),
        default=365,
        help_text=_(
            "Zoveel dagen na de eerste publicatie van een pagina sluiten de reacties. "
            "0 = nooit automatisch sluiten."
        ),
    )
    reports_to_hide = models.PositiveSmallIntegerField(
        _("verbergen na meldingen"),
        default=3,
        help_text=_(
            "Na zoveel meldingen van verschillende leden verdwijnt een reactie tot de redactie "
            "haar heeft bekeken. 0 = nooit automatisch verbergen."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("hold_first_comments"),
                FieldPanel("max_links"),
                FieldPanel("blocked_words"),
            ],
            heading=_("Wat wacht op goedkeuring"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("rate_limit_count"), FieldPanel("rate_limit_minutes")])],
            heading=_("Tempo"),
        ),
        MultiFieldPanel(
            [FieldPanel("close_after_days"), FieldPanel("reports_to_hide")],
            heading=_("Sluiten en verbergen"),
        ),
    ]

    class Meta:
        verbose_name = _("reactie-instellingen")

    def blocked_word_list(self):
        return [line.strip() for line in self.blocked_words.splitlines() if line.strip()]


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Comment.Status.PUBLISHED)

    def visible(self):
        """Published and not deleted by the member: what counts in "12 reacties"."""
        return self.filter(status=Comment.Status.PUBLISHED, deleted_at__isnull=True)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def readable_by(self, user):
        """What ``user`` may see in a list anywhere on the site (``visibility``)."""
        from .visibility import readable_comments

        return readable_comments(user, self)


class Comment(models.Model):
    """A member's contribution to the conversation under a page (an article or an event).

    The Markdown source is stored beside the sanitised HTML rendered from it, so the text can
    be edited again and the HTML never has to be trusted from the browser. One level of
    replies: a reply always hangs under a top-level comment.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op goedkeuring")
        PUBLISHED = "published", _("Geplaatst")
        REJECTED = "rejected", _("Afgewezen")
        SPAM = "spam", _("Spam")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        related_name="member_comments",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text=_("Leeg als het lid zijn account heeft opgeheven en de reactie bleef staan."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reactie op"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    in_reply_to = models.ForeignKey(
        "self",
        verbose_name=_("antwoord op"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
        help_text=_(
            "De reactie die werkelijk beantwoord wordt: een antwoord op een antwoord hangt "
            "onder de eerste reactie van het gesprek, maar beantwoordt dit antwoord."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    body = models.TextField(_("tekst"), max_length=MAX_COMMENT_LENGTH)
    body_html = models.TextField(_("opgemaakte tekst"), editable=False)
    hold_reasons = models.JSONField(
        _("waarom vastgehouden"), default=list, blank=True, editable=False
    )
    hidden_by_reports = models.BooleanField(
        _("verborgen na meldingen"),
        default=False,
        help_text=_("Verborgen tot de redactie haar heeft bekeken, omdat leden haar meldden."),
    )
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True)
    created_at = models.DateTimeField(_("geschreven op"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("bewerkt op"), null=True, blank=True)
    published_at = models.DateTimeField(_("geplaatst op"), null=True, blank=True)
    deleted_at = models.DateTimeField(
        _("verwijderd op"),
        null=True,
        blank=True,
        help_text=_(
            "Door het lid verwijderd; blijft als lege plek staan omdat er antwoorden zijn."
        ),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        permissions = [("moderate_comment", _("Kan reacties modereren"))]
        indexes = [
            models.Index(fields=["page", "status", "parent", "created_at"]),
            models.Index(fields=["user", "created_at"]),
            # The newest published comments (the home page's "latest comments"): read in
            # this order from the index and stopped after a few, instead of sorting them all.
            models.Index(
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="comments_latest_published",
                condition=models.Q(status="published", deleted_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.author_name}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        # A new reply answers the comment it hangs under unless it says otherwise.
        if self._state.adding and self.parent_id and not self.in_reply_to_id:
            self.in_reply_to_id = self.parent_id
        super().save(*args, **kwargs)

    @property
    def author_name(self):
        if self.user_id is None:
            return str(_("verwijderde deelnemer"))
        return self.user.get_full_name() or str(_("Lid van Vakgenoten"))

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def answered(self):
        """The comment this one answers (a top-level comment or a reply), or None: a
        top-level comment answers nobody, and an answered reply may have been removed."""
        return self.in_reply_to if self.in_reply_to_id else None

    @property
    def top_level(self):
        return self.parent if self.parent_id else self

    def can_be_edited_by(self, user, now=None):
        """Only the writer, within the edit window, and not after it was deleted."""
        if not getattr(user, "is_authenticated", False) or self.user_id != user.pk:
            return False
        if self.is_deleted or self.status in (self.Status.REJECTED, self.Status.SPAM):
            return False
        return within_edit_window(self.created_at, now)

    def can_be_deleted_by(self, user):
        return (
            getattr(user, "is_authenticated", False)
            and self.user_id == user.pk
            and not self.is_deleted
        )


class ModerationDecision(models.Model):
    """Who decided what about a comment, and why: the history editors and members can trust."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("reactie"), on_delete=models.CASCADE, related_name="decisions"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leeg als de regels van de site besloten (bijvoorbeeld na meldingen)."),
    )
    from_status = models.CharField(_("van"), max_length=12, choices=Comment.Status.choices)
    to_status = models.CharField(_("naar"), max_length=12, choices=Comment.Status.choices)
    reason = models.TextField(_("reden"), blank=True)
    at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("moderatiebesluit")
        verbose_name_plural = _("moderatiebesluiten")

    def __str__(self):
        return f"{self.comment_id}: {self.from_status} → {self.to_status}"

    @property
    def moderator_name(self):
        if self.moderator_id is None:
            return str(_("automatisch"))
        return self.moderator.get_full_name() or self.moderator.email


class CommentReport(models.Model):
    """A member tells the editors a comment breaks the house rules. One per member per comment."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam of reclame")
        ABUSE = "abuse", _("Beledigend of kwetsend")
        PERSONAL = "personal", _("Bevat persoonsgegevens van iemand anders")
        OFF_TOPIC = "off_topic", _("Hoort niet bij dit gesprek")
        OTHER = "other", _("Iets anders")

    comment = models.ForeignKey(
        Comment, verbose_name=_("reactie"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeld door"),
        on_delete=models.CASCADE,
        related_name="comment_reports",
    )
    reason = models.CharField(_("reden"), max_length=20, choices=Reason.choices)
    explanation = models.TextField(_("toelichting"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    resolved = models.BooleanField(_("afgehandeld"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("melding van een reactie")
        verbose_name_plural = _("meldingen van reacties")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="comments_one_report_per_member"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.comment_id})"


class TrustedCommenter(models.Model):
    """A member the editors trust: their comments are published at once, without the holds."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        related_name="trusted_commenter",
    )
    note = models.CharField(
        _("notitie"),
        max_length=250,
        blank=True,
        help_text=_("Waarom dit lid vertrouwd is, voor collega's van de redactie."),
    )
    created_at = models.DateTimeField(_("sinds"), default=timezone.now)

    panels = [FieldPanel("user"), FieldPanel("note")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vertrouwd lid")
        verbose_name_plural = _("vertrouwde leden")

    def __str__(self):
        return str(self.user)


class CommentClosure(models.Model):
    """Comments closed on one page by the editors ("Reacties gesloten op pagina")."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        related_name="comment_closure",
    )
    reason = models.CharField(
        _("uitleg voor lezers"),
        max_length=250,
        blank=True,
        help_text=_("Verschijnt onder de reacties, bijvoorbeeld: 'Het gesprek is afgerond.'"),
    )
    created_at = models.DateTimeField(_("gesloten op"), default=timezone.now)

    panels = [FieldPanel("page"), FieldPanel("reason")]

    class Meta:
        verbose_name = _("reacties gesloten op pagina")
        verbose_name_plural = _("reacties gesloten op pagina's")

    def __str__(self):
        return str(self.page)


class ConversationSubscription(models.Model):
    """A member follows the conversation under a page and hears about new comments.

    Commenting subscribes you; "Niet meer volgen" keeps the row with ``active=False`` so a later
    comment does not quietly subscribe you again.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        related_name="conversation_subscriptions",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        related_name="conversation_subscriptions",
    )
    active = models.BooleanField(_("volgt"), default=True)
    created_at = models.DateTimeField(_("sinds"), default=timezone.now)

    class Meta:
        verbose_name = _("gevolgd gesprek")
        verbose_name_plural = _("gevolgde gesprekken")
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="comments_one_subscription")
        ]

    def __str__(self):
        return f"{self.user} → {self.page}"


class CommentBanQuerySet(models.QuerySet):
    def active(self, now=None):
        """Bans in force now: not lifted and not yet ended. A ban lifts by itself when its end
        passes; nothing needs to run for that."""
        return self.filter(lifted_at__isnull=True, ends_at__gt=now or timezone.now())

    def past(self, now=None):
        return self.filter(
            models.Q(lifted_at__isnull=False) | models.Q(ends_at__lte=now or timezone.now())
        )


class CommentBan(models.Model):
    """A moderator suspends a member from writing comments for a while, with a reason.

    Rows are never deleted by moderators: a ban that ended or was lifted early stays as the
    record of who suspended whom, when and why, and who lifted it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        related_name="comment_bans",
    )
    reason = models.TextField(
        _("reden"), max_length=1000, help_text=_("Het lid krijgt deze reden te lezen.")
    )
    starts_at = models.DateTimeField(_("vanaf"), default=timezone.now)
    ends_at = models.DateTimeField(_("tot"), db_index=True)
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("naar aanleiding van reactie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geschorst door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeheven door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentBanQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("schorsing")
        verbose_name_plural = _("schorsingen")
        indexes = [models.Index(fields=["user", "ends_at"])]

    def __str__(self):
        return f"{self.user} → {self.ends_at:%Y-%m-%d %H:%M}"

    def is_active(self, now=None):
        return self.lifted_at is None and self.ends_at > (now or timezone.now())
