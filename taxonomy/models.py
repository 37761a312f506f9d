"""Themes that every domain files its content under."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vakgenoten.text import validate_name


class Theme(models.Model):
    """An editor-managed theme such as "Sociaal domein" or "Omgevingswet".

    Articles, events and member profiles share one list, so a reader who follows a theme finds
    all three. The table keeps the name it had when themes lived in the blog app.
    """

    name = models.CharField(_("naam"), max_length=80, unique=True, validators=[validate_name])
    slug = models.SlugField(_("korte naam in de url"), max_length=80, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)

    class Meta:
        db_table = "blog_theme"
        ordering = ["name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self):
        return self.name
