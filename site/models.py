"""Pages and settings of the site layer, and the problem reports readers send in."""

import hashlib
from datetime import UTC, timedelta

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock
from .cache import NOT_KEPT, CachedSiteSettingMixin, cached_part
from .links import PAGE_LINK_FIELDS, absolute_url
from .sections import home_sections
from .text import single_line, validate_name, validate_single_line
from .view_restrictions import KeptViewRestrictions


class HomePage(KeptViewRestrictions, Page):
    """The front door: what Vakgenoten is, and what is new in articles, events and discussion."""

    intro = models.TextField(_("introductie"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")
        verbose_name_plural = _("startpagina's")

    def route(self, request, path_components):
        """Find a deeper page by its ``url_path`` in one query instead of one per level, and
        keep what was found in the cache.

        Wagtail walks the tree a level at a time (two queries per level: the child, then its
        specific type). A page's ``url_path`` is already stored, so the page and its parent
        are fetched together (``find_by_url_path``). The path's page id is kept with the
        site-wide generation (moving, renaming or deleting a page purges everything); the page
        itself with its own generation (publishing or unpublishing it purges that), so a
        signed-in reader's page view starts without a query. Paths that are not found are
        never kept: Wagtail's walk answers them (sub-routes, 404s) as before.
        """
        if not path_components and self.get_deferred_fields():
            # The kept site's home page (``vakgenoten.cache.cached_site``) has its own fields
            # deferred, for the routes below it; the home page shown needs them all, kept
            # with its own generation like any routed page.
            page = cached_part("home-page", lambda: type(self).objects.get(pk=self.pk), self.pk)
            return page.route(request, path_components)
        if len(path_components) < 2:
            return super().route(request, path_components)
        found = {}

        def find_page_id():
            found["pages"] = self.find_by_url_path(path_components)
            return found["pages"][0].pk if found["pages"] else NOT_KEPT

        path_key = hashlib.sha256("/".join(path_components).encode()).hexdigest()[:32]
        page_id = cached_part(f"route-{self.pk}-{path_key}", find_page_id)
        if page_id is NOT_KEPT:
            return super().route(request, path_components)
        pages = cached_part(
            "route-page",
            lambda: found.get("pages") or self.find_by_url_path(path_components) or NOT_KEPT,
            page_id=page_id,
        )
        if pages is NOT_KEPT:  # the page moved since: its path is out of date
            return super().route(request, path_components)
        specific, parent = pages
        # As Wagtail's walk does: the parent is known, get_parent() needs no query.
        specific._cached_parent_obj = parent
        return specific.route(request, [])

    def find_by_url_path(self, path_components):
        """(the specific page, its parent) for a path below this page, or ``None`` when the
        tree must be walked: nothing has that path, or the parent is a routable page whose own
        routes claim the last part (e.g. ``kennisbank/auteur/<slug>/``)."""
        from wagtail.contrib.routable_page.models import RoutablePageMixin

        target = self.url_path + "/".join(path_components) + "/"
        parent_path = self.url_path + "/".join(path_components[:-1]) + "/"
        found = {
            page.url_path: page for page in Page.objects.filter(url_path__in=[target, parent_path])
        }
        page, parent = found.get(target), found.get(parent_path)
        if page is None or parent is None or not page.path.startswith(self.path):
            return None
        parent_class = ContentType.objects.get_for_id(parent.content_type_id).model_class()
        if parent_class is not None and issubclass(parent_class, RoutablePageMixin):
            try:
                parent_class.get_resolver().resolve("/" + path_components[-1] + "/")
            except Http404:
                pass
            else:
                return None
        # Deferred: the parent's own fields load only if a template uses them.
        return page.specific, parent.specific_deferred

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The sections belong to the domains; the roof registers them (vakgenoten.sections).
        context.update(
            home_sections(getattr(request, "user", None) or AnonymousUser(), page_id=self.pk)
        )
        return context


class StandardPage(KeptViewRestrictions, Page):
    """A plain page: about us, privacy statement, accessibility statement, terms of use."""

    intro = models.TextField(_("introductie"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    subpage_types = ["vakgenoten.StandardPage"]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")


@register_setting(icon="site")
class SiteSettings(CachedSiteSettingMixin, BaseSiteSetting):
    """Footer text, contact details and the statutory pages linked from every page."""

    # The statutory pages the footer links (``linked_pages``).
    LINKED_PAGES = ("about_page", "privacy_page", "accessibility_page", "terms_page")

    footer_text = models.TextField(_("tekst in de voettekst"), blank=True)
    contact_email = models.EmailField(
        _("e-mailadres van de redactie"),
        blank=True,
        help_text=_("Meldingen van lezers worden naar dit adres gestuurd."),
    )
    contact_phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    postal_address = models.TextField(_("postadres"), blank=True)
    about_page = models.ForeignKey(
        Page,
        verbose_name=_("pagina 'over ons'"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        Page,
        verbose_name=_("privacyverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        Page,
        verbose_name=_("toegankelijkheidsverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    terms_page = models.ForeignKey(
        Page,
        verbose_name=_("gebruiksvoorwaarden"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("about_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("terms_page"),
            ],
            heading=_("Vaste pagina's in de voettekst"),
        ),
    ]

    class Meta:
        verbose_name = _("website-instellingen")

    @cached_property
    def linked_pages(self):
        """The statutory pages by field name (``about_page`` …), with only what a link needs
        of each (``PAGE_LINK_FIELDS``), in one query when a template first asks; kept with
        the settings in the cache. Joining the page table four times into the settings' own
        query cost 1.8 ms to put together and read on a first render; the row alone and this
        query 1.1 ms."""
        ids = {name: getattr(self, f"{name}_id") for name in self.LINKED_PAGES}
        by_id = Page.objects.only(*PAGE_LINK_FIELDS).in_bulk([pk for pk in ids.values() if pk])
        return {name: by_id[pk] for name, pk in ids.items() if pk in by_id}


class ProblemReport(models.Model):
    """A problem a reader reported through "Een probleem melden" in the footer."""

    class Status(models.TextChoices):
        NEW = "new", _("Nieuw")
        IN_PROGRESS = "in_progress", _("In behandeling")
        DONE = "done", _("Afgehandeld")

    name = models.CharField(_("naam"), max_length=120, blank=True, validators=[validate_name])
    email = models.EmailField(_("e-mailadres"), blank=True)
    page_url = models.CharField(_("pagina"), max_length=500, blank=True)
    message = models.TextField(_("melding"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    editor_note = models.TextField(_("notitie van de redactie"), blank=True)
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self):
        return f"{self.created_at:%d-%m-%Y %H:%M} — {self.message[:60]}"

    def notify_editors(self, site):
        """Queue an e-mail to the editors' address from the site settings, if there is one."""
        from .mail import queue_email

        recipient = SiteSettings.for_site(site).contact_email if site else ""
        if not recipient:
            return
        admin_url = absolute_url("/admin/snippets/vakgenoten/problemreport/")
        body = gettext(
            "Er is een probleem gemeld op Vakgenoten.\n\n"
            "Pagina: %(page)s\nNaam: %(name)s\nE-mail: %(email)s\n\n%(message)s\n\n"
            "Bekijk en behandel de melding in het beheer: %(admin)s"
        ) % {
            "page": self.page_url or "-",
            "name": self.name or "-",
            "email": self.email or "-",
            "message": self.message,
            "admin": admin_url,
        }
        queue_email(
            key=f"problem-report-{self.pk}",
            to=recipient,
            subject=gettext("Nieuwe melding: %(start)s") % {"start": single_line(self.message, 50)},
            body=body,
        )


class OutgoingEmail(models.Model):
    """One e-mail on its way out: the outbox that makes notifications reliable.

    Every message is written here in the same transaction as the change that caused it, under a
    unique ``key`` (so the same notification is never queued twice), and a background task sends
    it. A failed send stays here and is retried with growing pauses, so nothing is lost while the
    mail server is down, and a sent message is never sent again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op verzending")
        SENT = "sent", _("Verzonden")
        FAILED = "failed", _("Opgegeven")

    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    to = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=250)
    body = models.TextField(_("tekst"))
    html_body = models.TextField(_("html"), blank=True)
    headers = models.JSONField(_("kopregels"), default=dict, blank=True)
    attachments = models.JSONField(
        _("bijlagen"), default=list, blank=True, help_text="[[filename, text content, mimetype]]"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to}"


def one_year_from_now():
    return timezone.now() + timedelta(days=365)


@register_setting(icon="lock")
class SecurityTxtSettings(BaseSiteSetting):
    """What /.well-known/security.txt (RFC 9116) tells people who found a vulnerability."""

    contact = models.CharField(
        _("contact"),
        max_length=250,
        default="mailto:security@vakgenoten.example",
        help_text=_("Een mailto:- of https:-adres waar meldingen binnenkomen."),
    )
    expires = models.DateTimeField(
        _("geldig tot"),
        default=one_year_from_now,
        help_text=_("Hoogstens een jaar vooruit; verleng dit op tijd."),
    )
    policy_url = models.URLField(_("beleid (coordinated vulnerability disclosure)"), blank=True)
    acknowledgments_url = models.URLField(_("bedankpagina"), blank=True)
    preferred_languages = models.CharField(_("voorkeurstalen"), max_length=50, default="nl, en")

    class Meta:
        verbose_name = _("security.txt")

    def clean(self):
        errors = {}
        if not self.contact.startswith(("mailto:", "https://", "tel:")):
            errors["contact"] = _("Begin met mailto:, https:// of tel:.")
        if self.expires and self.expires > timezone.now() + timedelta(days=366):
            errors["expires"] = _("Kies een datum die hoogstens een jaar vooruit ligt.")
        if self.expires and self.expires <= timezone.now():
            errors["expires"] = _("Deze datum ligt in het verleden.")
        if errors:
            raise ValidationError(errors)

    def as_text(self, canonical_url):
        lines = [
            f"Contact: {self.contact}",
            f"Expires: {self.expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        ]
        if self.policy_url:
            lines.append(f"Policy: {self.policy_url}")
        if self.acknowledgments_url:
            lines.append(f"Acknowledgments: {self.acknowledgments_url}")
        lines.append(f"Preferred-Languages: {self.preferred_languages}")
        lines.append(f"Canonical: {canonical_url}")
        return "\n".join(lines) + "\n"


class PersonOnPage(models.Model):
    """Someone named on a page who need not be a member: an interviewee, a speaker. Their name
    and job are typed by the editor; no account is linked, so nothing here is personal data the
    member pages would have to hide."""

    name = models.CharField(_("naam"), max_length=150, validators=[validate_name])
    role = models.CharField(
        _("functie"), max_length=150, blank=True, validators=[validate_single_line]
    )
    organisation = models.CharField(
        _("organisatie"), max_length=150, blank=True, validators=[validate_single_line]
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class Lease(models.Model):
    """A named right to act alone for a while: the scheduler that leads, or a job that runs.

    Schedulers and task workers may run on several machines at once; the database is what
    they share. Whoever holds a lease renews it while working; one that stops renewing (a
    crashed process) loses it when ``expires_at`` passes, and another may take over.
    See ``vakgenoten.leases``.
    """

    name = models.CharField(_("naam"), max_length=100, primary_key=True)
    holder = models.CharField(_("houder"), max_length=200)
    expires_at = models.DateTimeField(_("verloopt op"))

    class Meta:
        verbose_name = _("lease")
        verbose_name_plural = _("leases")

    def __str__(self):
        return f"{self.name} ({self.holder})"
