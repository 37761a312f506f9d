"""The people who write for Vakgenoten."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from vakgenoten.text import validate_name, validate_single_line


class Author(index.Indexed, models.Model):
    """Someone who writes for Vakgenoten, shown with a short bio under each of their articles.

    Authors are often not members (a lector, a director who sends in a column), so this is a
    record of its own that may, but need not, point to a member account.
    """

    name = models.CharField(_("naam"), max_length=120, validators=[validate_name])
    slug = models.SlugField(_("korte naam in de url"), max_length=120, unique=True)
    role = models.CharField(
        _("functie"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld: adjunct-directeur"),
        validators=[validate_single_line],
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authors",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(
        _("korte bio"),
        blank=True,
        max_length=600,
        help_text=_("Twee of drie zinnen, in de derde persoon."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account van het lid"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profiles",
        help_text=_("Alleen invullen als de auteur ook lid is van Vakgenoten."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")

    def __str__(self):
        return self.name

    @property
    def role_line(self):
        """ "adjunct-directeur bij Gemeente Lindenholt", or whichever part is known."""
        if self.role and self.organisation_id:
            return _("%(role)s bij %(organisation)s") % {
                "role": self.role,
                "organisation": self.organisation.name,
            }
        if self.organisation_id:
            return self.organisation.name
        return self.role
