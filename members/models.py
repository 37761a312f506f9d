"""Members and the organisations and networks they belong to."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField

from vakgenoten.colours import validate_accent_colour
from vakgenoten.text import validate_name, validate_single_line


class UserQuerySet(models.QuerySet):
    def listed(self):
        """Members who can appear in lists: active, a verified e-mail and a full name."""
        from allauth.account.models import EmailAddress

        verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
        return (
            self.filter(is_active=True, profile__isnull=False)
            .filter(Exists(verified))
            .exclude(Q(first_name="") | Q(last_name=""))
        )

    def visible_to(self, viewer):
        """Listed members whose profile ``viewer`` may see: all for members, public for others."""
        listed = self.listed()
        if getattr(viewer, "is_authenticated", False):
            return listed
        return listed.filter(profile__visibility=Profile.Visibility.PUBLIC)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    """Users are identified by their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member of Vakgenoten. Logs in with e-mail; takes part under a real first and last name.

    The e-mail address is private: it is never shown to other members.
    """

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    # As in AbstractUser, plus the name check: names go into e-mail subjects and onto pages.
    first_name = models.CharField(
        _("voornaam"), max_length=150, blank=True, validators=[validate_name]
    )
    last_name = models.CharField(
        _("achternaam"), max_length=150, blank=True, validators=[validate_name]
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("lid")
        verbose_name_plural = _("leden")
        ordering = ["last_name", "first_name"]
        indexes = [
            # The member directory lists by name: with this index a page of cards reads its
            # 24 members in order instead of sorting every listed member (0.4 ms instead of
            # 4.6 at 2,000 members, and growing with them).
            models.Index(fields=["last_name", "first_name", "id"], name="members_user_by_name"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def has_complete_name(self):
        """Taking part (commenting, registering) needs both a first and a last name."""
        return bool(self.first_name.strip() and self.last_name.strip())

    def get_absolute_url(self):
        return reverse("members:profile", args=[self.pk])


class Province(models.TextChoices):
    """The twelve provinces: where a member works, where an organisation sits."""

    DRENTHE = "drenthe", _("Drenthe")
    FLEVOLAND = "flevoland", _("Flevoland")
    FRIESLAND = "friesland", _("Friesland")
    GELDERLAND = "gelderland", _("Gelderland")
    GRONINGEN = "groningen", _("Groningen")
    LIMBURG = "limburg", _("Limburg")
    NOORD_BRABANT = "noord-brabant", _("Noord-Brabant")
    NOORD_HOLLAND = "noord-holland", _("Noord-Holland")
    OVERIJSSEL = "overijssel", _("Overijssel")
    UTRECHT = "utrecht", _("Utrecht")
    ZEELAND = "zeeland", _("Zeeland")
    ZUID_HOLLAND = "zuid-holland", _("Zuid-Holland")


class Organisation(models.Model):
    """A municipality, province, water board or other public body that members work for.

    The register of organisations: imported from a CSV file (``manage.py
    import_organisations``) and kept in the admin. The location (a point, not an address) places
    the organisation on the collaboration map.
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = "gemeente", _("Gemeente")
        PROVINCE = "provincie", _("Provincie")
        WATER_BOARD = "waterschap", _("Waterschap")
        JOINT_ARRANGEMENT = "gemeenschappelijke-regeling", _("Gemeenschappelijke regeling")
        AGENCY = "uitvoeringsorganisatie", _("Uitvoeringsorganisatie")
        CENTRAL_GOVERNMENT = "rijk", _("Rijksoverheid")
        ASSOCIATION = "vereniging", _("Vereniging of koepel")
        OTHER = "anders", _("Anders")

    name = models.CharField(_("naam"), max_length=150, unique=True, validators=[validate_name])
    slug = models.SlugField(_("korte naam in de url"), max_length=150, unique=True)
    kind = models.CharField(
        _("soort"), max_length=30, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    identifier = models.CharField(
        _("officiële code"),
        max_length=20,
        blank=True,
        help_text=_(
            "Waar die bestaat: voor gemeenten de CBS-code (bijvoorbeeld GM0363), anders de "
            "code uit de landelijke lijst van overheidsorganisaties."
        ),
    )
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("korte beschrijving"), blank=True, max_length=1000)
    latitude = models.DecimalField(
        _("breedtegraad"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Bijvoorbeeld 52.37403. Samen met de lengtegraad: de plek op de kaart."),
    )
    longitude = models.DecimalField(
        _("lengtegraad"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Bijvoorbeeld 4.88969."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["identifier"],
                condition=~models.Q(identifier=""),
                name="members_organisation_identifier_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="members_organisation_location_whole",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:organisation", args=[self.slug])

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                _("Vul breedtegraad en lengtegraad allebei in, of laat ze allebei leeg.")
            )

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None


class Network(models.Model):
    """A professional association or community, such as FAMO or Ambtenaar 2.0."""

    name = models.CharField(_("naam"), max_length=150, unique=True, validators=[validate_name])
    slug = models.SlugField(_("korte naam in de url"), max_length=150, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    requires_approval = models.BooleanField(
        _("aanmelding vraagt goedkeuring"),
        default=False,
        help_text=_("Zet aan als beheerders van het netwerk nieuwe leden eerst goedkeuren."),
    )
    is_closed = models.BooleanField(
        _("besloten netwerk"),
        default=False,
        help_text=_(
            "Artikelen, evenementen en vragen van een besloten netwerk zien alleen de "
            "goedgekeurde leden. Nieuwe leden worden dan altijd eerst goedgekeurd."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accent_colour = models.CharField(
        _("accentkleur"),
        max_length=7,
        blank=True,
        validators=[validate_accent_colour],
        help_text=_(
            "Eén kleur voor de pagina's van het netwerk, als #rrggbb. Witte tekst moet er goed "
            "op te lezen zijn (contrast minstens 4,5:1); een te lichte kleur wordt geweigerd."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("netwerk")
        verbose_name_plural = _("netwerken")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:network", args=[self.slug])

    @property
    def approves_members(self):
        """Whether joining waits for a manager: always so for a closed network, whose members
        see its closed content."""
        return self.requires_approval or self.is_closed


class OrganisationRequestQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=OrganisationRequest.Status.WAITING)


class OrganisationRequest(models.Model):
    """A member's request to add an organisation that is not in the register yet.

    Members ask for it at sign-up or on their profile ("Mijn organisatie staat er niet bij");
    editors approve it (which creates the organisation, or links an existing one) or reject it
    with a reason. The member hears either by e-mail. The request outlives the member's account
    without their name: ``requested_by`` becomes empty when they delete it.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("Wacht op de redactie")
        APPROVED = "approved", _("Toegevoegd")
        REJECTED = "rejected", _("Afgewezen")

    name = models.CharField(
        _("naam van de organisatie"),
        max_length=150,
        validators=[validate_name],
    )
    website = models.URLField(
        _("website"), blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisation_requests",
        verbose_name=_("aangevraagd door"),
    )
    created = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    reason = models.TextField(_("reden van afwijzing"), blank=True, max_length=1000)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("toegevoegde organisatie"),
    )

    objects = OrganisationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("aanvraag voor een organisatie")
        verbose_name_plural = _("aanvragen voor organisaties")
        indexes = [models.Index(fields=["status", "created"], name="members_orgrequest_queue")]

    def __str__(self):
        return self.name

    @property
    def is_waiting(self):
        return self.status == self.Status.WAITING


def avatar_upload_to(instance, filename):
    """A random name: the original file name (and whatever it tells) is never kept."""
    return f"avatars/{uuid.uuid4().hex}.webp"


class Profile(models.Model):
    """What a member tells colleagues about themselves, and who may see it.

    The name lives on the user (``first_name``, ``last_name``); this holds the rest. It is
    created with the user, so every member has exactly one. The e-mail address is not here and
    is never shown.
    """

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Alleen voor ingelogde leden")
        PUBLIC = "public", _("Voor iedereen, ook zonder account")

    Province = Province  # the module-level choices, still reachable as Profile.Province

    BIO_MAX_LENGTH = 600

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="profile",
        verbose_name=_("lid"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(
        _("functie"), max_length=120, blank=True, validators=[validate_single_line]
    )
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices, blank=True)
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="member_profiles", verbose_name=_("thema's")
    )
    bio = models.TextField(_("over mij"), max_length=BIO_MAX_LENGTH, blank=True)
    avatar = models.ImageField(_("foto"), upload_to=avatar_upload_to, blank=True)
    avatar_thumbnail = models.ImageField(
        _("kleine foto"), upload_to=avatar_upload_to, blank=True, editable=False
    )
    website = models.URLField(
        _("website"), blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    linkedin = models.URLField(
        _("LinkedIn-profiel"), blank=True, validators=[URLValidator(schemes=["https"])]
    )
    visibility = models.CharField(
        _("wie ziet je profiel"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self):
        return str(self.user)

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC

    def is_visible_to(self, viewer):
        """Members see every profile, visitors only public ones, owners always their own."""
        if getattr(viewer, "is_authenticated", False):
            return True
        return self.is_public

    def delete_avatar_files(self):
        for field in (self.avatar, self.avatar_thumbnail):
            if field:
                field.delete(save=False)


class NetworkMembershipQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=NetworkMembership.Status.APPROVED)

    def pending(self):
        return self.filter(status=NetworkMembership.Status.PENDING)

    def managers(self):
        return self.approved().filter(role=NetworkMembership.Role.MANAGER)


class NetworkMembership(models.Model):
    """A member's place in a network: asked for (pending) or approved, as member or manager.

    Open networks approve at once; networks that require approval keep the request pending until
    one of the network's managers approves it. A declined request or a member who leaves is
    simply deleted.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Aangevraagd")
        APPROVED = "approved", _("Lid")

    class Role(models.TextChoices):
        MEMBER = "member", _("Lid")
        MANAGER = "manager", _("Beheerder")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="network_memberships",
        verbose_name=_("lid"),
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("netwerk")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    decided_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goedgekeurd door"),
    )
    receives_messages = models.BooleanField(
        _("krijgt berichten van de beheerders"),
        default=True,
        help_text=_("Uit wanneer het lid zich afmeldde voor berichten van dit netwerk."),
    )

    objects = NetworkMembershipQuerySet.as_manager()

    # Not in Wagtail's reference index: a membership is no content that uses a network or a
    # member, and indexing it cost two queries per membership whenever a network of thousands
    # was deleted (migration 0017 removes the rows indexed before).
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["network__name", "created_at"]
        verbose_name = _("netwerklidmaatschap")
        verbose_name_plural = _("netwerklidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "network"], name="one_membership_per_network")
        ]

    def __str__(self):
        return f"{self.user.get_full_name()} — {self.network}"

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    @property
    def is_manager(self):
        return self.is_approved and self.role == self.Role.MANAGER


class NotificationPreferences(models.Model):
    """Which e-mails a member wants from Vakgenoten, one switch per kind of message.

    Comments and events ask ``members.notifications.wants_notification(user, kind)`` before they
    queue a message, and put ``unsubscribe_url(user, kind)`` in it. A member without a row gets
    the defaults below (everything on: these are all messages about the member's own activity,
    or for moderators, their work).
    """

    class Kind(models.TextChoices):
        COMMENT_REPLIES = "comment_replies", _("Antwoorden op mijn reacties")
        ARTICLE_COMMENTS = "article_comments", _("Reacties op artikelen die ik schreef")
        FOLLOWED_CONVERSATIONS = (
            "followed_conversations",
            _("Nieuwe reacties in gesprekken die ik volg"),
        )
        EVENT_UPDATES = (
            "event_updates",
            _("Wijzigingen en herinneringen voor bijeenkomsten waar ik me voor aanmeldde"),
        )
        COMMENT_MODERATION_OUTCOME = (
            "comment_moderation_outcome",
            _("Het besluit van de redactie over mijn reacties"),
        )
        COMMENT_MODERATION_QUEUE = (
            "comment_moderation_queue",
            _("Reacties die op moderatie wachten (voor de redactie)"),
        )
        DIGEST = "digest", _("Het overzicht van het nieuws over wat ik volg")
        MEMBER_MESSAGES = "member_messages", _("Berichten van andere leden")
        NETWORK_MESSAGES = (
            "network_messages",
            _("Berichten van de beheerders van mijn netwerken"),
        )

    class DigestFrequency(models.TextChoices):
        WEEKLY = "weekly", _("Wekelijks")
        DAILY = "daily", _("Dagelijks")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preferences",
        verbose_name=_("lid"),
    )
    comment_replies = models.BooleanField(Kind.COMMENT_REPLIES.label, default=True)
    article_comments = models.BooleanField(Kind.ARTICLE_COMMENTS.label, default=True)
    followed_conversations = models.BooleanField(Kind.FOLLOWED_CONVERSATIONS.label, default=True)
    event_updates = models.BooleanField(Kind.EVENT_UPDATES.label, default=True)
    comment_moderation_outcome = models.BooleanField(
        Kind.COMMENT_MODERATION_OUTCOME.label, default=True
    )
    comment_moderation_queue = models.BooleanField(
        Kind.COMMENT_MODERATION_QUEUE.label, default=True
    )
    digest = models.BooleanField(Kind.DIGEST.label, default=True)
    digest_frequency = models.CharField(
        _("hoe vaak het overzicht komt"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
    )
    member_messages = models.BooleanField(Kind.MEMBER_MESSAGES.label, default=True)
    network_messages = models.BooleanField(Kind.NETWORK_MESSAGES.label, default=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("meldingsvoorkeuren")
        verbose_name_plural = _("meldingsvoorkeuren")

    def __str__(self):
        return str(self.user)

    @classmethod
    def for_user(cls, user):
        """The member's preferences, or unsaved defaults when they never changed them."""
        return cls.objects.filter(user=user).first() or cls(user=user)

    def as_dict(self):
        return {kind.value: getattr(self, kind.value) for kind in self.Kind}


class FollowQuerySet(models.QuerySet):
    def themes(self):
        return self.filter(theme__isnull=False)

    def members(self):
        return self.filter(member__isnull=False)

    def networks(self):
        return self.filter(network__isnull=False)

    def organisations(self):
        return self.filter(organisation__isnull=False)


class Follow(models.Model):
    """One thing a member follows: a theme, another member, a network or an organisation.

    Exactly one of the four targets is set (a database check says so), and a member follows each
    target once. What a member follows is private to them: it is shown to nobody else, and
    feeds and digests read it only for that member.
    """

    TARGETS = ("theme", "member", "network", "organisation")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("lid"),
    )
    theme = models.ForeignKey(
        "taxonomy.Theme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("thema"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followed_by",
        verbose_name=_("gevolgd lid"),
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("netwerk"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("organisatie"),
    )
    created_at = models.DateTimeField(_("volgt sinds"), auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("volgen")
        verbose_name_plural = _("volgen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(theme__isnull=False, member=None, network=None, organisation=None)
                    | Q(theme=None, member__isnull=False, network=None, organisation=None)
                    | Q(theme=None, member=None, network__isnull=False, organisation=None)
                    | Q(theme=None, member=None, network=None, organisation__isnull=False)
                ),
                name="follow_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(member=models.F("user")), name="follow_not_oneself"
            ),
            models.UniqueConstraint(
                fields=["user", "theme"], condition=Q(theme__isnull=False), name="follow_theme_once"
            ),
            models.UniqueConstraint(
                fields=["user", "member"],
                condition=Q(member__isnull=False),
                name="follow_member_once",
            ),
            models.UniqueConstraint(
                fields=["user", "network"],
                condition=Q(network__isnull=False),
                name="follow_network_once",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(organisation__isnull=False),
                name="follow_organisation_once",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.target}"

    @property
    def target(self):
        return self.theme or self.member or self.network or self.organisation


class Notification(models.Model):
    """Something that happened for one member, shown under the bell in the header.

    The text is not stored: the kind, who did it (``actor``), what it concerns (``subject``, a
    title as it was then) and where to read it (``url``, a path on this site) are, and the
    template for the kind words it in the reader's language. ``key`` names the event and its
    recipient, so a task that runs twice never notifies twice.
    """

    class Kind(models.TextChoices):
        REPLY = "reply", _("Antwoord op je reactie")
        MENTION = "mention", _("Je werd genoemd")
        NETWORK_DECISION = "network_decision", _("Besluit over je aanmelding bij een netwerk")
        SEAT = "seat", _("Er is een plaats voor je vrijgekomen")
        QUESTION_OFFER = "question_offer", _("Een vraag over een thema dat je volgt")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ontvanger"),
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    subject = models.CharField(_("onderwerp"), max_length=255, blank=True)
    excerpt = models.CharField(_("fragment"), max_length=300, blank=True)
    # Extra wording per kind, such as "approved" or "declined" for a network decision.
    detail = models.CharField(_("toelichting"), max_length=50, blank=True)
    url = models.CharField(_("adres"), max_length=500, blank=True)
    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"], condition=Q(read_at=None), name="notification_unread"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"

    @property
    def is_read(self):
        return self.read_at is not None


class MemberBlock(models.Model):
    """A member who may not reach ``blocker``: no messages from them, no mentions notified."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blocks",
        verbose_name=_("lid"),
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blocked_by",
        verbose_name=_("geblokkeerd lid"),
    )
    created_at = models.DateTimeField(_("geblokkeerd op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("blokkade")
        verbose_name_plural = _("blokkades")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(
                condition=~Q(blocked=models.F("blocker")), name="block_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.blocker} ⊘ {self.blocked}"


class NetworkContent(models.Model):
    """Content that can belong to networks: articles, events and questions.

    Content of an open network is public as any other; content of a closed network is seen only
    by that network's approved members. ``members.visibility`` holds the one rule that every
    page, list, feed, calendar, sitemap and e-mail applies.
    """

    networks = ParentalManyToManyField(
        Network,
        verbose_name=_("netwerken"),
        blank=True,
        related_name="+",
        help_text=_(
            "De netwerken waar dit bij hoort. Hoort het bij een besloten netwerk, dan zien "
            "alleen de leden van dat netwerk het."
        ),
    )

    class Meta:
        abstract = True


class NetworkInvite(models.Model):
    """A manager's invitation to one e-mail address to join a network.

    The link in the e-mail holds a random token; only its SHA-256 hash is stored, so the
    database alone cannot be used to accept an invitation. Accepting is the manager's approval.
    """

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="invites", verbose_name=_("netwerk")
    )
    email = models.EmailField(_("e-mailadres"))
    token_hash = models.CharField(_("kenmerk"), max_length=64, unique=True, editable=False)
    note = models.CharField(_("persoonlijke regel"), max_length=300, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    accepted_at = models.DateTimeField(_("aangenomen op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangenomen door"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging voor een netwerk")
        verbose_name_plural = _("uitnodigingen voor netwerken")
        indexes = [models.Index(fields=["network", "email"], name="network_invite_email")]

    def __str__(self):
        return f"{self.email} — {self.network}"

    def is_open(self, now=None):
        return self.accepted_at is None and self.expires_at > (now or timezone.now())


class NetworkMessage(models.Model):
    """A manager's message to the approved members of a network: e-mailed at once (by a
    background task) or listed in each member's next digest."""

    class Delivery(models.TextChoices):
        NOW = "now", _("Nu per e-mail")
        DIGEST = "digest", _("In de volgende samenvatting")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="messages", verbose_name=_("netwerk")
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("afzender"),
    )
    subject = models.CharField(_("onderwerp"), max_length=150)
    body = models.TextField(_("tekst"), max_length=5000)
    delivery = models.CharField(
        _("bezorging"), max_length=10, choices=Delivery.choices, default=Delivery.NOW
    )
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("aantal ontvangers"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bericht aan de leden van een netwerk")
        verbose_name_plural = _("berichten aan de leden van netwerken")

    def __str__(self):
        return f"{self.network}: {self.subject}"
