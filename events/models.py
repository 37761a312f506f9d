"""Events: congresses, member days and webinars, the registrations for them and calendar links."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.forms import CheckboxSelectMultiple
from django.utils import dateformat, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from members.models import NetworkContent
from vakgenoten.blocks import BaseStreamBlock
from vakgenoten.images import SOCIAL_IMAGE_FILTER, rendition_specs, with_renditions
from vakgenoten.models import PersonOnPage
from vakgenoten.text import validate_name, validate_single_line
from vakgenoten.view_restrictions import KeptViewRestrictions

from .blocks import EventDocumentsBlock, ProgrammeBlock
from .forms import EventPageForm
from .permissions import EventPermissionTester
from .series_forms import EventSeriesForm

EVENTS_PER_PAGE = 12
# The sizes of an event's picture on its page (templates/events/event_page.html).
EVENT_IMAGE_RENDITIONS = rendition_specs("fill-{480x270,960x540}")


class EventKind(models.TextChoices):
    CONGRESS = "congres", _("Congres")
    MEMBER_DAY = "ledendag", _("Ledendag")
    WEBINAR = "webinar", _("Webinar")
    MEETING = "bijeenkomst", _("Bijeenkomst")
    GENERAL_ASSEMBLY = "alv", _("Algemene ledenvergadering")


class EventStatus(models.TextChoices):
    """Whether an event goes ahead as announced; search engines show it beside the date."""

    SCHEDULED = "gepland", _("Gaat door")
    CANCELLED = "afgelast", _("Afgelast")
    POSTPONED = "uitgesteld", _("Uitgesteld")
    MOVED_ONLINE = "online", _("Verplaatst naar online")


class EventIndexPage(KeptViewRestrictions, Page):
    """The agenda: upcoming events first, an archive of past ones, filters by theme and kind."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["vakgenoten.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda's")

    def get_context(self, request, *args, **kwargs):
        from .listing import event_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_listing_context(self, request))
        return context


class EventPage(KeptViewRestrictions, NetworkContent, Page):
    """One event members can come to: when, where, who organises it, the programme and seats."""

    kind = models.CharField(
        _("soort evenement"), max_length=20, choices=EventKind.choices, default=EventKind.MEETING
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_(
            "Gaat het evenement niet door, of later? Zet de status om en vertel in de "
            "introductie wat er verandert. Bij afgelast en uitgesteld sluit het aanmelden."
        ),
    )
    intro = models.TextField(
        _("introductie"), help_text=_("Twee of drie zinnen: waarom zou je komen?")
    )
    start = models.DateTimeField(_("begint op"))
    end = models.DateTimeField(_("eindigt op"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternatieve tekst van de afbeelding"),
        max_length=250,
        blank=True,
        help_text=_("Beschrijf wat er op de afbeelding staat, voor wie hem niet kan zien."),
    )
    themes = ParentalManyToManyField("taxonomy.Theme", verbose_name=_("thema's"), blank=True)

    venue_name = models.CharField(
        _("locatie"), max_length=150, blank=True, validators=[validate_single_line]
    )
    # The address in parts, as schema.org's PostalAddress and route planners want it.
    venue_street = models.CharField(
        _("straat en huisnummer"), max_length=150, blank=True, validators=[validate_single_line]
    )
    venue_postal_code = models.CharField(
        _("postcode"), max_length=10, blank=True, validators=[validate_single_line]
    )
    venue_city = models.CharField(
        _("plaats"), max_length=100, blank=True, validators=[validate_single_line]
    )
    online_url = models.URLField(
        _("link voor online deelname"),
        blank=True,
        help_text=_("Alleen zichtbaar voor leden die zich hebben aangemeld."),
    )

    organiser_network = models.ForeignKey(
        "members.Network",
        verbose_name=_("netwerk dat organiseert"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organiser_organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisatie die organiseert"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )

    body = StreamField(BaseStreamBlock(), verbose_name=_("beschrijving"), blank=True)
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programma"), blank=True)

    registration_enabled = models.BooleanField(
        _("aanmelden via de website"),
        default=True,
        help_text=_("Zet uit als leden zich niet hoeven aan te melden."),
    )
    guests_may_register = models.BooleanField(
        _("gasten kunnen zich zelf aanmelden"),
        default=False,
        help_text=_(
            "Wie geen lid is, meldt zich aan met naam en e-mailadres en bevestigt dat adres."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        help_text=_("Laat leeg als er geen maximum is. Is het vol, dan komt men op de wachtlijst."),
    )
    registration_opens_at = models.DateTimeField(
        _("aanmelden kan vanaf"),
        null=True,
        blank=True,
        help_text=_("Laat leeg om aanmelden meteen open te zetten."),
    )
    registration_deadline = models.DateTimeField(
        _("aanmelden kan tot"),
        null=True,
        blank=True,
        help_text=_("Laat leeg om aanmelden open te laten tot het begin van het evenement."),
    )

    report = StreamField(
        BaseStreamBlock(),
        verbose_name=_("verslag"),
        blank=True,
        help_text=_("Na afloop: wat is er besproken, wat zijn de afspraken?"),
    )
    documents = StreamField(
        EventDocumentsBlock(), verbose_name=_("documenten na afloop"), blank=True
    )
    certificate_hours = models.DecimalField(
        _("uren voor accreditatie"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_(
            "Het aantal uren op het bewijs van deelname. Laat leeg om de duur van het "
            "evenement te gebruiken."
        ),
    )
    # Raised when the date, time, place or status changes, so calendar programs that already
    # hold the event replace it (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(_("versie in agenda's"), default=0, editable=False)
    # One date of a recurring series (``EventSeries``, below); each has its own registrations.
    series = models.ForeignKey(
        "events.EventSeries",
        verbose_name=_("reeks"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="occurrences",
        editable=False,
    )
    # The rule's date this occurrence stands for: an occurrence moved to another day still
    # counts for its own date, so "Data aanmaken" does not make that date a second time.
    series_date = models.DateField(_("datum in de reeks"), null=True, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Wanneer")),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_street"),
                FieldRowPanel([FieldPanel("venue_postal_code"), FieldPanel("venue_city")]),
                FieldPanel("online_url"),
            ],
            heading=_("Waar"),
        ),
        MultiFieldPanel(
            [FieldPanel("organiser_network"), FieldPanel("organiser_organisation")],
            heading=_("Organisator"),
            help_text=_("Kies een netwerk, een organisatie of allebei."),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Afbeelding")),
        FieldPanel("themes"),
        FieldPanel("networks", widget=CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    programme_panels = [
        FieldPanel("programme"),
        InlinePanel("speakers", label=_("Sprekers")),
        InlinePanel(
            "sessions",
            label=_("Sessies met eigen plaatsen"),
            help_text=_(
                "Sessies die tegelijk beginnen vormen één ronde: een deelnemer kiest per ronde "
                "één sessie bij het aanmelden."
            ),
        ),
    ]
    registration_panels = [
        FieldPanel("registration_enabled"),
        FieldPanel("guests_may_register"),
        FieldPanel("capacity"),
        FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_deadline")]),
        InlinePanel(
            "questions",
            label=_("Vragen bij het aanmelden"),
            help_text=_("Bijvoorbeeld naar een dieetwens of een voorkeur voor een workshop."),
        ),
    ]
    report_panels = [FieldPanel("report"), FieldPanel("documents")]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(programme_panels, heading=_("Programma")),
            ObjectList(registration_panels, heading=_("Aanmelden")),
            ObjectList(report_panels, heading=_("Verslag")),
            ObjectList(Page.promote_panels, heading=_("Promotie")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.SearchField("venue_city"),
        index.FilterField("start"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("evenement")
        verbose_name_plural = _("evenementen")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]

    def permissions_for_user(self, user):
        """Organisers' rights count only on their own events (``events.permissions``)."""
        return EventPermissionTester(user, self)

    # --- Facts about the event ----------------------------------------------------------------

    @property
    def organiser(self):
        """The network or organisation shown as organiser (the network first)."""
        return self.organiser_network or self.organiser_organisation

    @property
    def organiser_names(self):
        return [str(org) for org in (self.organiser_network, self.organiser_organisation) if org]

    @property
    def is_online(self):
        return bool(self.online_url)

    @property
    def is_on_site(self):
        return bool(self.venue_name or self.venue_street or self.venue_city)

    @property
    def address_lines(self):
        """The address as it is written on an envelope: street, then postal code and place."""
        town = " ".join(part for part in (self.venue_postal_code, self.venue_city) if part)
        return [line for line in (self.venue_street, town) if line]

    @property
    def is_going_ahead(self):
        """Not cancelled or postponed (moved online still takes place)."""
        return self.status in (EventStatus.SCHEDULED, EventStatus.MOVED_ONLINE)

    @property
    def attendance_mode(self):
        """The schema.org attendance mode: offline, online or mixed."""
        if self.is_online and self.status == EventStatus.MOVED_ONLINE:
            return "OnlineEventAttendanceMode"
        if self.is_online and self.is_on_site:
            return "MixedEventAttendanceMode"
        if self.is_online:
            return "OnlineEventAttendanceMode"
        return "OfflineEventAttendanceMode"

    @property
    def location_text(self):
        """One line for calendars and lists: venue and place, or "Online"."""
        parts = [self.venue_name, *self.address_lines]
        if any(parts):
            return ", ".join(part for part in parts if part)
        return str(_("Online")) if self.is_online else ""

    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    def spans_days(self):
        return timezone.localtime(self.start).date() != timezone.localtime(self.end).date()

    @property
    def effective_deadline(self):
        return self.registration_deadline or self.start

    def registration_closed_reason(self, now=None):
        """Why nobody can register right now, as a Dutch sentence; None when it is open."""
        now = now or timezone.now()
        if self.status == EventStatus.CANCELLED:
            return _("Dit evenement gaat niet door. Aanmelden kan niet.")
        if self.status == EventStatus.POSTPONED:
            return _("Dit evenement is uitgesteld. Aanmelden kan weer als er een nieuwe datum is.")
        if not self.registration_enabled:
            return _("Voor dit evenement hoef je je niet aan te melden.")
        if self.end < now:
            return _("Dit evenement is voorbij. Aanmelden kan niet meer.")
        if self.start <= now:
            return _("Dit evenement is al begonnen. Aanmelden kan niet meer.")
        if self.registration_opens_at and now < self.registration_opens_at:
            opens = timezone.localtime(self.registration_opens_at)
            return _("Aanmelden is nog niet open. Dat kan vanaf %(date)s.") % {
                "date": dateformat.format(opens, "l j F Y \\o\\m G.i \\u\\u\\r")
            }
        if now > self.effective_deadline:
            return _("De aanmeldtermijn is voorbij. Aanmelden kan niet meer.")
        return None

    # --- Registrations ------------------------------------------------------------------------

    def registration_counts(self):
        """Counts per status in one query: {"registered": n, "waiting": n}."""
        counts = self.registrations.aggregate(
            registered=Count("pk", filter=Q(status=Registration.Status.REGISTERED)),
            waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        )
        return counts

    @cached_property
    def counts(self):
        return self.registration_counts()

    @cached_property
    def hero(self):
        """The event's picture with the renditions its page shows (the picture's sizes, the
        link preview's), read in one query once they exist (``with_renditions``), where the
        picture and its two kinds of renditions took three. None without one. The template
        shows ``page.hero``."""
        if not self.image_id:
            return None
        return with_renditions(self.image_id, *EVENT_IMAGE_RENDITIONS, SOCIAL_IMAGE_FILTER)

    @property
    def seats_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.counts["registered"], 0)

    def active_registration_for(self, user):
        if not getattr(user, "is_authenticated", False):
            return None
        return (
            self.registrations.exclude(status=Registration.Status.CANCELLED)
            .filter(user=user)
            .first()
        )

    # --- Validation ---------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Het einde moet na het begin liggen.")
        if not self.organiser_network_id and not self.organiser_organisation_id:
            errors["organiser_network"] = _("Kies een netwerk of een organisatie als organisator.")
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Beschrijf de afbeelding voor wie hem niet kan zien.")
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = _(
                "De aanmelddatum kan niet na het einde van het evenement liggen."
            )
        if (
            self.registration_opens_at
            and self.registration_deadline
            and self.registration_opens_at >= self.registration_deadline
        ):
            errors["registration_opens_at"] = _(
                "Aanmelden moet open gaan vóór de uiterste aanmelddatum."
            )
        if self.capacity is not None and self.pk:
            registered = Registration.objects.filter(
                event_id=self.pk, status=Registration.Status.REGISTERED
            ).count()
            if self.capacity < registered:
                errors["capacity"] = _(
                    "Er zijn al %(count)d aanmeldingen. Verlaag het aantal plaatsen niet onder dat "
                    "aantal; meld eerst deelnemers af."
                ) % {"count": registered}
        if errors:
            raise ValidationError(errors)

    # --- Rendering ----------------------------------------------------------------------------

    def get_context(self, request, *args, form=None, **kwargs):
        from .forms import RegistrationForm

        context = super().get_context(request, *args, **kwargs)
        registration = self.active_registration_for(request.user)
        context["registration"] = registration
        context["registration_form"] = form or RegistrationForm(event=self)
        context["closed_reason"] = self.registration_closed_reason()
        context["speakers"] = self.speakers.select_related("photo").prefetch_related(
            "photo__renditions"
        )
        context["show_online_link"] = bool(
            registration and registration.status == Registration.Status.REGISTERED
        )
        context["programme_days"] = self.programme_by_day()
        context.update(self.session_context(registration))
        return context

    def session_context(self, registration):
        """The sessions per time slot with their seats; for a registered member their answers
        and the form to choose or change their sessions."""
        from .forms import SessionChoiceForm
        from .sessions import sessions_with_seats, slots_of

        slots = slots_of(sessions_with_seats(self))
        context = {"session_slots": slots, "registration_answers": []}
        if registration is not None:
            context["registration_answers"] = registration.answer_list()
        if slots and registration and registration.status == Registration.Status.REGISTERED:
            context["session_choice_form"] = SessionChoiceForm(
                event=self, registration=registration
            )
        return context

    def programme_by_day(self):
        """The programme grouped by day: [(date or None, [session blocks])], in the given order."""
        days = []
        for block in self.programme:
            day = block.value.get("day") if block.block_type == "session" else None
            if days and days[-1][0] == day:
                days[-1][1].append(block)
            else:
                days.append((day, [block]))
        return days


class EventSpeaker(Orderable, PersonOnPage):
    """A speaker on the event page; not necessarily a member."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
        FieldPanel("photo"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("spreker")
        verbose_name_plural = _("sprekers")

    def __str__(self):
        return self.name


CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_registration_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_access_token():
    return secrets.token_urlsafe(32)


class Registration(models.Model):
    """A member's (or a guest's) place at an event, or their place on the waiting list.

    Registered rows hold a seat number from 1 to the capacity. The database keeps a seat
    unique per event, so two registrations made in the same second can never take the same
    seat, and the capacity can never be exceeded. Cancelled rows are kept for the history.
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Aangemeld")
        WAITING = "waiting", _("Wachtlijst")
        CANCELLED = "cancelled", _("Afgemeld")

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("evenement"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    guest_name = models.CharField(
        _("naam van de gast"),
        max_length=150,
        blank=True,
        help_text=_("Voor wie geen lid is en zich bijvoorbeeld telefonisch aanmeldt."),
        validators=[validate_name],
    )
    guest_email = models.EmailField(_("e-mailadres van de gast"), blank=True)
    guest_organisation = models.CharField(
        _("organisatie van de gast"), max_length=150, blank=True, validators=[validate_single_line]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED
    )
    seat = models.PositiveIntegerField(_("plaats"), null=True, blank=True)
    remark = models.TextField(_("opmerking"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    # Typed or scanned at the door; short, without letters that look alike (0/O, 1/I/L).
    code = models.CharField(
        _("code"), max_length=12, unique=True, default=new_registration_code, editable=False
    )
    # The secret in a guest's private link to see and cancel the registration.
    access_token = models.CharField(
        _("sleutel"), max_length=64, unique=True, default=new_access_token, editable=False
    )
    checked_in_at = models.DateTimeField(_("aanwezig gemeld op"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aanwezig gemeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(fields=["event", "seat"], name="events_one_person_per_seat"),
            models.CheckConstraint(
                condition=Q(seat__isnull=True) | Q(seat__gte=1), name="events_seat_from_one"
            ),
            models.CheckConstraint(
                condition=(Q(status="registered") & Q(seat__isnull=False))
                | (~Q(status="registered") & Q(seat__isnull=True)),
                name="events_registered_rows_hold_a_seat",
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="events_one_active_registration_per_member",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(guest_name=""),
                name="events_member_or_named_guest",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.display_name} — {self.event}"

    @property
    def display_name(self):
        if self.user_id:
            return self.user.get_full_name() or self.user.email
        return self.guest_name

    @property
    def email(self):
        return self.user.email if self.user_id else self.guest_email

    @property
    def is_guest(self):
        return self.user_id is None

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    def chosen_sessions(self):
        """The sessions this registration holds a seat in, in time order."""
        return [
            choice.session
            for choice in self.session_choices.select_related("session").order_by("slot")
        ]

    def answer_list(self):
        """The answers to the event's questions, in the order the questions are asked."""
        return list(
            self.answers.select_related("question").order_by("question__sort_order", "question_id")
        )


def new_calendar_token():
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a member's personal calendar link; renewing it makes the old link stop."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        related_name="event_calendar_token",
    )
    token = models.CharField(_("sleutel"), max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now=True)

    class Meta:
        verbose_name = _("agendalink")
        verbose_name_plural = _("agendalinks")

    def __str__(self):
        return str(self.user)

    @classmethod
    def for_user(cls, user):
        token, _created = cls.objects.get_or_create(user=user)
        return token

    def renew(self):
        self.token = new_calendar_token()
        self.save(update_fields=["token", "created_at"])
        return self


class EventSession(Orderable):
    """A programme item with seats of its own, such as a workshop in a parallel round.

    Sessions that start at the same moment form one time slot: a registration chooses at
    most one session per slot (``SessionChoice``).
    """

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("titel"), max_length=200, validators=[validate_single_line])
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    room = models.CharField(
        _("zaal"), max_length=100, blank=True, validators=[validate_single_line]
    )
    description = models.TextField(_("beschrijving"), max_length=1000, blank=True)
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        help_text=_("Laat leeg als er geen maximum is."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="events_session_ends_after_start",
            )
        ]

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("room"), FieldPanel("capacity")]),
        FieldPanel("description"),
    ]

    def __str__(self):
        return self.title


class SessionChoice(models.Model):
    """A registration's seat in one session. ``slot`` repeats the session's start time so the
    database can keep one session per slot per registration; seats are unique per session,
    as the event's seats are (``events.registration``)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="session_choices"
    )
    session = models.ForeignKey(EventSession, on_delete=models.CASCADE, related_name="choices")
    slot = models.DateTimeField(_("tijdvak"))
    seat = models.PositiveIntegerField(_("plaats"))
    created_at = models.DateTimeField(_("gekozen op"), default=timezone.now)

    class Meta:
        verbose_name = _("sessiekeuze")
        verbose_name_plural = _("sessiekeuzes")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "slot"], name="events_one_session_per_slot"
            ),
            models.UniqueConstraint(
                fields=["session", "seat"], name="events_one_person_per_session_seat"
            ),
            models.CheckConstraint(condition=Q(seat__gte=1), name="events_session_seat_from_one"),
        ]

    def __str__(self):
        return f"{self.registration} — {self.session}"


class RegistrationQuestion(Orderable):
    """A question the organiser asks everyone who registers: diet, a choice of workshop…"""

    class Kind(models.TextChoices):
        TEXT = "tekst", _("Open vraag")
        CHOICE = "keuze", _("Keuze uit antwoorden")
        YES_NO = "janee", _("Ja of nee")

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("vraag"), max_length=200, validators=[validate_single_line])
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(
        _("antwoorden om uit te kiezen"),
        blank=True,
        help_text=_("Alleen bij een keuzevraag: één antwoord per regel."),
    )
    required = models.BooleanField(_("verplicht"), default=False)
    help_text = models.CharField(
        _("toelichting"), max_length=250, blank=True, validators=[validate_single_line]
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
        FieldPanel("help_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("aanmeldvraag")
        verbose_name_plural = _("aanmeldvragen")

    def __str__(self):
        return self.label

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationAnswer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        RegistrationQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    value = models.TextField(_("antwoord"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="events_one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question}: {self.value}"


class GuestRequest(models.Model):
    """A guest's own registration, waiting until the guest confirms the e-mail address.

    ``details`` keeps what the form held besides name and address (answers, sessions), so
    nothing typed is lost between the form and the confirmation link.
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="guest_requests")
    name = models.CharField(_("naam"), max_length=150, validators=[validate_name])
    email = models.EmailField(_("e-mailadres"))
    organisation = models.CharField(
        _("organisatie"), max_length=150, blank=True, validators=[validate_single_line]
    )
    remark = models.TextField(_("opmerking"), max_length=500, blank=True)
    details = models.JSONField(_("overige antwoorden"), default=dict, blank=True)
    token = models.CharField(_("sleutel"), max_length=64, unique=True, default=new_access_token)
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    registration = models.OneToOneField(
        Registration,
        verbose_name=_("aanmelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guest_request",
    )

    class Meta:
        verbose_name = _("aanmelding van een gast")
        verbose_name_plural = _("aanmeldingen van gasten")
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return f"{self.name} — {self.event}"


# --- Series -----------------------------------------------------------------------------------
# A webinar every first Tuesday, a general assembly every year: a rule an organiser can read,
# dates the rule yields (``events.series``), and one EventPage per date, each with its own
# registrations, capacity and page.

MAX_OCCURRENCES = 60


class Frequency(models.TextChoices):
    WEEKLY = "wekelijks", _("Elke week (of om de zoveel weken) op een vaste dag")
    MONTHLY_WEEKDAY = (
        "maand-weekdag",
        _("Elke maand op een vaste weekdag, zoals elke eerste dinsdag"),
    )
    MONTHLY_DATE = "maand-datum", _("Elke maand op dezelfde datum, zoals de 15e")
    YEARLY = "jaarlijks", _("Elk jaar op dezelfde datum")


class Weekday(models.IntegerChoices):
    # Numbered as Python's date.weekday() and dateutil's MO…SU.
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("eerste")
    SECOND = 2, _("tweede")
    THIRD = 3, _("derde")
    FOURTH = 4, _("vierde")
    LAST = -1, _("laatste")


class EventSeries(ClusterableModel):
    """An event that comes back: the rule for its dates, the dates it skips, and a model event
    whose copies become the occurrences. The rule is kept in fields an organiser recognises
    ("elke eerste dinsdag van de maand") rather than as an RRULE string."""

    title = models.CharField(_("titel"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(
        _("adres"),
        max_length=100,
        unique=True,
        help_text=_("Het laatste deel van het webadres: /evenementen/reeks/<adres>/."),
    )
    intro = models.TextField(
        _("introductie"), blank=True, help_text=_("Waar gaat de reeks over, voor wie is hij?")
    )
    model_event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("voorbeeldevenement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Elke nieuwe datum wordt een kopie van dit evenement (tekst, plaats, organisator, "
            "aantal plaatsen). Leeg: de eerste datum van de reeks."
        ),
    )

    frequency = models.CharField(
        _("hoe vaak"), max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY_WEEKDAY
    )
    interval = models.PositiveSmallIntegerField(
        _("om de hoeveel"),
        default=1,
        help_text=_("1 = elke week, maand of jaar; 2 = om de twee weken, maanden of jaren."),
    )
    week_of_month = models.SmallIntegerField(
        _("welke in de maand"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_("Alleen bij een vaste weekdag in de maand: de eerste, tweede … of laatste."),
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekdag"),
        choices=Weekday.choices,
        null=True,
        blank=True,
        help_text=_("Bij wekelijks leeg laten: dan de weekdag van de eerste datum."),
    )
    first_date = models.DateField(
        _("vanaf"),
        help_text=_(
            "De eerste datum van de reeks. Bij maandelijks op datum en jaarlijks bepaalt deze "
            "datum de dag (en maand)."
        ),
    )
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    until = models.DateField(_("tot en met"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(
        _("aantal keer"),
        null=True,
        blank=True,
        help_text=_("Vul een einddatum in of een aantal keer (hoogstens 60)."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("intro"),
        FieldPanel("model_event"),
        MultiFieldPanel(
            [
                FieldPanel("frequency"),
                FieldPanel("interval"),
                FieldRowPanel([FieldPanel("week_of_month"), FieldPanel("weekday")]),
                FieldPanel("first_date"),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldRowPanel([FieldPanel("until"), FieldPanel("count")]),
            ],
            heading=_("Wanneer"),
        ),
        InlinePanel(
            "exceptions",
            heading=_("Uitzonderingen"),
            label=_("Datum zonder bijeenkomst"),
        ),
    ]

    base_form_class = EventSeriesForm

    class Meta:
        verbose_name = _("reeks")
        verbose_name_plural = _("reeksen")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("events:series", args=[self.slug])

    def clean(self):
        super().clean()
        from .series import rule_errors

        errors = rule_errors(self)
        if errors:
            raise ValidationError(errors)

    def dates(self):
        """The dates of the rule without the exceptions (``events.series.occurrence_dates``)."""
        from .series import occurrence_dates

        return occurrence_dates(self)

    @property
    def description(self):
        from .series import describe

        return describe(self)


class SeriesException(Orderable):
    """A date the rule yields but the series skips: "geen webinar in de zomer"."""

    series = ParentalKey(EventSeries, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("datum"))
    reason = models.CharField(
        _("reden"), max_length=200, blank=True, validators=[validate_single_line]
    )

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("reason")])]

    class Meta(Orderable.Meta):
        verbose_name = _("uitzondering")
        verbose_name_plural = _("uitzonderingen")

    def __str__(self):
        return str(self.date)
