"""Who took over a practice example: "Wij doen dit ook".

What works in one municipality should be taken up by others, not reinvented. An adoption
records that an organisation does what a practice example describes, how far it got and a
short note. It belongs to the organisation, not to the member who added it: any member of
that organisation may change it, and it stays when that member's account is deleted
(``added_by`` is emptied then, see ``blog.privacy``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 500


class Adoption(models.Model):
    """One organisation that does what one practice example describes."""

    class Status(models.TextChoices):
        ORIENTING = "orienterend", _("Oriënterend")
        IMPLEMENTING = "bezig", _("Bezig met invoeren")
        IMPLEMENTED = "ingevoerd", _("Ingevoerd")

    page = models.ForeignKey(
        "blog.BestPracticePage",
        verbose_name=_("praktijkvoorbeeld"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst bijgewerkt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("stand van zaken"), max_length=20, choices=Status.choices, default=Status.ORIENTING
    )
    note = models.CharField(_("toelichting"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("overname")
        verbose_name_plural = _("overnames")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "organisation"], name="blog_adoption_once_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.page_id}"
