"""Questions members ask the network, and the marks that say which answers helped.

A question is a Wagtail page (``QuestionPage``) under the one ``QuestionIndexPage`` at
``/vragen/``: it gets an address, the page cache, search, view restrictions and, above all, the
conversation under it. The answers *are* that conversation: a top-level comment on a question is
an answer, a reply under it is a comment on that answer. Everything the comments app does for
protection (real names, holds, rate limits, reports, bans, the moderation queue, notifications)
therefore holds for answers without a line repeated here.

The question's own text goes through the same rules (``questions.rules``) when it is asked; a
held question is a page that is not live until a moderator lets it through.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Exists, OuterRef
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from comments.models import MAX_COMMENT_LENGTH, Comment
from members.models import NetworkContent
from vakgenoten.view_restrictions import KeptViewRestrictions

QUESTIONS_PER_PAGE = 20
MAX_TITLE_LENGTH = 150


def answers_of(page_ids):
    """The visible answers (published, not deleted, top level) on the given question pages."""
    return Comment.objects.visible().filter(page_id__in=page_ids, parent__isnull=True)


class QuestionIndexPage(KeptViewRestrictions, Page):
    """``/vragen/``: every question, newest first, filterable by theme, state and network."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["vakgenoten.HomePage"]
    subpage_types = ["questions.QuestionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("vragenoverzicht")
        verbose_name_plural = _("vragenoverzichten")

    def get_context(self, request, *args, **kwargs):
        from .listing import question_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(question_listing_context(self, request))
        return context


class QuestionQuerySet(PageQuerySet):
    def with_answer_state(self):
        """Annotate ``has_answers``: at least one visible answer (one subquery, any size)."""
        answers = Comment.objects.visible().filter(page_id=OuterRef("pk"), parent__isnull=True)
        return self.annotate(has_answers=Exists(answers))

    def unanswered(self):
        """Live questions without any visible answer."""
        answers = Comment.objects.visible().filter(page_id=OuterRef("pk"), parent__isnull=True)
        return self.filter(live=True).exclude(Exists(answers))


class QuestionPage(KeptViewRestrictions, NetworkContent, Page):
    """One question: who asks it, the text, what it is about; its answers are its comments."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op goedkeuring")
        PUBLISHED = "published", _("Geplaatst")
        REJECTED = "rejected", _("Afgewezen")

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vraagsteller"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text=_("Leeg als het lid zijn account heeft opgeheven en de vraag bleef staan."),
    )
    body = models.TextField(_("toelichting"), max_length=MAX_COMMENT_LENGTH)
    body_html = models.TextField(_("opgemaakte toelichting"), editable=False, default="")
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("thema's"), blank=True, related_name="questions"
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.PUBLISHED,
        db_index=True,
    )
    hold_reasons = models.JSONField(
        _("waarom vastgehouden"), default=list, blank=True, editable=False
    )
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True)
    asked_at = models.DateTimeField(_("gesteld op"), default=timezone.now, db_index=True)
    accepted_answer = models.ForeignKey(
        "comments.Comment",
        verbose_name=_("antwoord dat hielp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemarkeerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("gemarkeerd op"), null=True, blank=True)
    offered_at = models.DateTimeField(
        _("aangeboden aan volgers op"),
        null=True,
        blank=True,
        help_text=_(
            "Wanneer de onbeantwoorde vraag is voorgelegd aan leden die haar thema's volgen; "
            "dat gebeurt één keer."
        ),
    )

    objects = PageManager.from_queryset(QuestionQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("themes"),
                FieldPanel("organisation"),
                FieldPanel("networks", widget=CheckboxSelectMultiple),
            ],
            heading=_("Waarover"),
        ),
        FieldPanel("asker"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("status"),
    ]

    parent_page_types = ["questions.QuestionIndexPage"]
    subpage_types = []
    # Site search offers questions as a type of their own: "Vragen", ``?type=vraag``.
    search_type_slug = "vraag"

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def save(self, *args, **kwargs):
        from comments.formatting import render_markdown

        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    @property
    def is_answered(self):
        """Whether the asker (or an editor) marked an answer that helped."""
        return self.accepted_answer_id is not None

    def author_users(self):
        """Who hears about new answers as a page's author does (``comments.notifications``)."""
        User = get_user_model()
        return User.objects.filter(pk=self.asker_id, is_active=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        accepted = None
        if self.accepted_answer_id:
            accepted = (
                Comment.objects.visible()
                .select_related("user", "user__profile")
                .filter(pk=self.accepted_answer_id)
                .first()
            )
        context["accepted"] = accepted
        return context

    def conversation_texts(self, count):
        """What the conversation under a question is called (``comments`` section)."""
        from django.utils.translation import gettext, ngettext

        return {
            "heading": (
                ngettext("%(count)s antwoord", "%(count)s antwoorden", count) % {"count": count}
                if count
                else gettext("Antwoorden")
            ),
            "empty": gettext("Nog geen antwoorden. Weet jij het, of ken je iemand die het weet?"),
            "write": gettext("Geef antwoord"),
        }

    def thread_extras(self, comments, request):
        """Under each answer: whether it helped the asker, how many found it useful, and the
        buttons to say so. Two queries for a whole thread page."""
        from django.db.models import Count
        from django.template.loader import render_to_string

        from .actions import can_accept

        answers = [
            comment
            for comment in comments
            if comment.status == Comment.Status.PUBLISHED and not comment.is_deleted
        ]
        if not answers:
            return {}
        ids = [answer.pk for answer in answers]
        counts = dict(
            UsefulMark.objects.filter(answer_id__in=ids)
            .values("answer_id")
            .annotate(number=Count("pk"))
            .values_list("answer_id", "number")
        )
        user = getattr(request, "user", None)
        signed_in = bool(user and user.is_authenticated)
        mine = (
            set(
                UsefulMark.objects.filter(answer_id__in=ids, user_id=user.pk).values_list(
                    "answer_id", flat=True
                )
            )
            if signed_in
            else set()
        )
        may_accept = signed_in and can_accept(user, self)
        return {
            answer.pk: render_to_string(
                "questions/includes/answer_tools.html",
                {
                    "answer": answer,
                    "question": self,
                    "useful_count": counts.get(answer.pk, 0),
                    "marked": answer.pk in mine,
                    "signed_in": signed_in,
                    "own": signed_in and answer.user_id == user.pk,
                    "may_accept": may_accept,
                    "accepted": answer.pk == self.accepted_answer_id,
                },
                request=request,
            )
            for answer in answers
        }

    def search_text(self):
        """The text site search shows a snippet of and matches (``blog.search_index``)."""
        return self.body


class UsefulMark(models.Model):
    """A member says an answer was useful; once per member per answer."""

    answer = models.ForeignKey(
        "comments.Comment",
        verbose_name=_("antwoord"),
        on_delete=models.CASCADE,
        related_name="useful_marks",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        related_name="useful_marks",
    )
    created_at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("nuttig-markering")
        verbose_name_plural = _("nuttig-markeringen")
        constraints = [
            models.UniqueConstraint(fields=["answer", "user"], name="questions_one_mark_each")
        ]

    def __str__(self):
        return f"{self.user} → {self.answer_id}"


class QuestionReport(models.Model):
    """A member tells the moderators a published question does not belong on the site.

    One open report per member per question: once a moderator handled it, the member may
    report the question again (it may have changed, or the first decision may have been wrong).
    """

    question = models.ForeignKey(
        QuestionPage,
        verbose_name=_("vraag"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeld door"),
        on_delete=models.CASCADE,
        related_name="question_reports",
    )
    reason = models.TextField(_("wat is er mis"), max_length=1000)
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("melding van een vraag")
        verbose_name_plural = _("meldingen van vragen")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "reporter"],
                condition=models.Q(handled_at__isnull=True),
                name="questions_one_open_report_each",
            )
        ]

    def __str__(self):
        return f"{self.reporter} → {self.question_id}"
