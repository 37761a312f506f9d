"""Collaborations between organisations and who takes part in them."""

from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from members.models import Network, Organisation
from vakgenoten.text import validate_name


class CollaborationQuerySet(models.QuerySet):
    def with_participants(self):
        """Themes and participants with their organisations: two extra queries for any list."""
        return self.prefetch_related(
            "themes",
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
        )


class Collaboration(ClusterableModel):
    """A lasting arrangement in which organisations work together: a joint arrangement under
    the Wgr, a central municipality, a covenant. Municipalities take part in about fifteen; the
    register makes that patchwork visible, per theme and on a map."""

    class LegalForm(models.TextChoices):
        PUBLIC_BODY = "openbaar-lichaam", _("Openbaar lichaam")
        JOINT_BODY = "gemeenschappelijk-orgaan", _("Gemeenschappelijk orgaan")
        OPERATIONS = "bedrijfsvoeringsorganisatie", _("Bedrijfsvoeringsorganisatie")
        CENTRAL_MUNICIPALITY = "centrumgemeente", _("Centrumgemeenteconstructie")
        PLAIN = "regeling-zonder-meer", _("Regeling zonder meer")
        COVENANT = "convenant", _("Convenant of samenwerkingsovereenkomst")
        FOUNDATION = "stichting-vereniging", _("Stichting of vereniging")
        OTHER = "anders", _("Anders")

    name = models.CharField(_("naam"), max_length=150, unique=True, validators=[validate_name])
    slug = models.SlugField(_("korte naam in de url"), max_length=150, unique=True)
    legal_form = models.CharField(
        _("rechtsvorm"), max_length=40, choices=LegalForm.choices, default=LegalForm.PUBLIC_BODY
    )
    description = models.TextField(_("beschrijving"), blank=True, max_length=2000)
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("thema's"), blank=True, related_name="collaborations"
    )
    networks = models.ManyToManyField(
        Network,
        verbose_name=_("netwerken"),
        blank=True,
        related_name="collaborations",
        help_text=_(
            "De netwerken waar dit samenwerkingsverband bij hoort; het staat dan op de pagina "
            "van het netwerk. Bij een besloten netwerk zien alleen de leden die koppeling."
        ),
    )
    tasks = models.CharField(
        _("taken"),
        max_length=300,
        blank=True,
        help_text=_(
            "Kort: welke taken de deelnemers samen uitvoeren, bijvoorbeeld 'Wmo en jeugd'."
        ),
    )
    since = models.DateField(_("sinds"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(
        _("contact"),
        max_length=150,
        blank=True,
        help_text=_(
            "Een functioneel contact, zoals 'Secretariaat' of 'Team samenwerking'. Naam, e-mail "
            "en telefoon zijn voor iedereen zichtbaar: vul geen persoonlijke gegevens in."
        ),
    )
    contact_email = models.EmailField(_("e-mail van het contact"), blank=True)
    contact_phone = models.CharField(_("telefoon van het contact"), max_length=30, blank=True)

    objects = CollaborationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("legal_form"),
        FieldPanel("description"),
        FieldPanel("themes"),
        FieldPanel("networks"),
        FieldPanel("tasks"),
        FieldPanel("since"),
        FieldPanel("website"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact (openbaar)"),
        ),
        InlinePanel("participations", heading=_("Deelnemers"), label=_("Deelnemer")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("collaborations:detail", args=[self.slug])

    def hub(self):
        """The participant the others are connected to on the map: the central municipality or
        the lead, else the first (with prefetched participations: no query)."""
        participations = list(self.participations.all())
        for role in (Participation.Role.CENTRAL, Participation.Role.LEAD):
            for participation in participations:
                if participation.role == role:
                    return participation
        return participations[0] if participations else None


class Participation(models.Model):
    """An organisation's part in a collaboration, with its role there."""

    class Role(models.TextChoices):
        MEMBER = "deelnemer", _("Deelnemer")
        CENTRAL = "centrumgemeente", _("Centrumgemeente")
        LEAD = "penvoerder", _("Penvoerder")
        DRIVER = "trekker", _("Trekker")
        HOST = "gastgemeente", _("Gastgemeente")

    collaboration = ParentalKey(
        Collaboration,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("samenwerkingsverband"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    since = models.DateField(_("sinds"), null=True, blank=True)

    panels = [FieldPanel("organisation"), FieldPanel("role"), FieldPanel("since")]

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "organisation"],
                name="collaborations_participation_unique",
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.collaboration}"
