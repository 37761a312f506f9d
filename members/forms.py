"""Forms of the members app: sign-up and passwords (allauth), profile, directory, privacy."""

from allauth.account import forms as allauth_forms

from django import forms
from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils.translation import gettext_lazy as _

from vakgenoten.language import in_content_language
from vakgenoten.text import validate_name
from vakgenoten.widgets import Textarea

from .directory import kept_part, purge_directory_after_commit
from .models import NotificationPreferences, Organisation, Profile

PASSWORD_HELP = _(
    "Minstens 10 tekens. Kies geen veelgebruikt wachtwoord en niet alleen cijfers. "
    "Een wachtwoordmanager gebruiken mag, en plakken ook."
)


def without_placeholders(form):
    """Labels say what a field is for; a placeholder repeating it only adds noise."""
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)


def dutch_new_password_fields(form):
    if "password1" in form.fields:
        form.fields["password1"].label = _("Nieuw wachtwoord")
        form.fields["password1"].help_text = PASSWORD_HELP
    if "password2" in form.fields:
        form.fields["password2"].label = _("Nieuw wachtwoord nog een keer")
        form.fields["password2"].help_text = ""


def first_name_field():
    return forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        validators=[validate_name],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Vul je voornaam in.")},
    )


def last_name_field():
    """The surname is required: members take part under their own full name."""
    return forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        help_text=_("Met tussenvoegsel, zoals 'de Vries'."),
        validators=[validate_name],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={
            "required": _("Vul je achternaam in. Op Vakgenoten doe je mee onder je eigen naam.")
        },
    )


class NameFieldsMixin:
    """First and last name, checked by ``validate_name``; spaces inside are collapsed."""

    def clean_first_name(self):
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_last_name(self):
        return " ".join(self.cleaned_data["last_name"].split())


ORGANISATION_HELP = _(
    "Staat je organisatie er niet bij? Vul dan hieronder haar naam in. De redactie voegt haar "
    "toe en laat het je per e-mail weten."
)


class OrganisationChoiceMixin:
    """Choose your organisation from the register, or ask for one that is missing.

    The form gets ``organisation`` (a choice from the register, optional), ``new_organisation``
    and ``new_organisation_website``. A name typed that is in the register already is chosen
    from it; a new one becomes an ``OrganisationRequest`` when the form is saved
    (:meth:`save_organisation_request`).
    """

    ORGANISATION_FIELDS = ("organisation", "new_organisation", "new_organisation_website")

    def add_organisation_fields(self):
        self.fields["organisation"] = forms.ModelChoiceField(
            label=_("Organisatie"),
            queryset=Organisation.objects.order_by("name"),
            required=False,
            empty_label=_("Kies je organisatie"),
            help_text=ORGANISATION_HELP,
            error_messages={"invalid_choice": _("Deze organisatie bestaat niet (meer).")},
        )
        self.fields["new_organisation"] = forms.CharField(
            label=_("Mijn organisatie staat er niet bij: haar naam"),
            required=False,
            max_length=150,
            validators=[validate_name],
            help_text=_("Bijvoorbeeld: Gemeente Oosterdijk of Omgevingsdienst West."),
            widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        )
        self.fields["new_organisation_website"] = forms.URLField(
            label=_("Website van die organisatie (mag leeg blijven)"),
            required=False,
            assume_scheme="https",
            error_messages={
                "invalid": _("Vul een volledig webadres in, zoals https://gemeente.nl.")
            },
        )

    def clean_new_organisation(self):
        return " ".join(self.cleaned_data.get("new_organisation", "").split())

    def clean_organisation_choice(self, cleaned_data):
        chosen = cleaned_data.get("organisation")
        name = cleaned_data.get("new_organisation")
        if chosen and name:
            self.add_error(
                "new_organisation",
                _(
                    "Je koos al een organisatie uit de lijst. Laat dit veld leeg, of kies in de "
                    "lijst ‘Kies je organisatie’."
                ),
            )
        elif name:
            known = Organisation.objects.filter(name__iexact=name).first()
            if known is not None:  # it was in the list after all: take it from there
                cleaned_data["organisation"] = known
                cleaned_data["new_organisation"] = ""
        elif cleaned_data.get("new_organisation_website"):
            self.add_error(
                "new_organisation",
                _("Vul ook de naam in van de organisatie waarvan je de website opgaf."),
            )
        return cleaned_data

    def save_organisation_request(self, user):
        """The request for a missing organisation, or None when none was asked for."""
        from .organisations import request_organisation

        name = self.cleaned_data.get("new_organisation")
        if not name:
            return None
        return request_organisation(
            user, name, self.cleaned_data.get("new_organisation_website") or ""
        )


class SignupForm(OrganisationChoiceMixin, NameFieldsMixin, allauth_forms.SignupForm):
    """Sign up with first and last name, e-mail address and password, and the organisation.

    Members take part under their own name, so the name is asked at once. The organisation is
    optional: chosen from the register, or asked for when it is missing. The honeypot field
    that allauth adds is hidden with a class instead of an inline style (the CSP forbids those).
    """

    first_name = first_name_field()
    last_name = last_name_field()

    field_order = [
        "first_name",
        "last_name",
        "email",
        "password1",
        "password2",
        *OrganisationChoiceMixin.ORGANISATION_FIELDS,
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_organisation_fields()
        self.order_fields(self.field_order)
        without_placeholders(self)
        self.fields["email"].label = _("E-mailadres")
        self.fields["email"].help_text = _(
            "Je werkadres of een eigen adres. We tonen het nooit aan anderen."
        )
        self.fields["password1"].label = _("Wachtwoord")
        self.fields["password1"].help_text = PASSWORD_HELP
        self.fields["password2"].label = _("Wachtwoord nog een keer")
        honeypot = self.honeypot_name
        if honeypot in self.fields:
            self.fields[honeypot].label = _("Laat dit veld leeg")
            self.fields[honeypot].widget.attrs = {"tabindex": "-1", "autocomplete": "off"}

    @property
    def honeypot_name(self):
        from allauth.account import app_settings

        return app_settings.SIGNUP_FORM_HONEYPOT_FIELD or ""

    @property
    def honeypot_field(self):
        return self[self.honeypot_name] if self.honeypot_name in self.fields else None

    def visible_fields_without_honeypot(self):
        return [
            field
            for field in self.visible_fields()
            if field.name != self.honeypot_name and field.name not in self.ORGANISATION_FIELDS
        ]

    def organisation_fields(self):
        return [self[name] for name in self.ORGANISATION_FIELDS]

    def clean(self):
        super().clean()
        return self.clean_organisation_choice(self.cleaned_data)

    def save(self, request):
        user = super().save(request)
        organisation = self.cleaned_data.get("organisation")
        if organisation is not None:
            Profile.objects.filter(user=user).update(organisation=organisation)
            purge_directory_after_commit()  # an update sends no signal
        self.save_organisation_request(user)
        return user

    def try_save(self, request):
        """Take as long for a taken address as for a new one.

        allauth answers a taken address with the same page (and tells its owner by e-mail), but
        skips the new account, and with it the slow password hashing: the probe told the two
        apart by time alone (34 ms against 379). Hashing the password here too makes both paths
        do the expensive work once.
        """
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        without_placeholders(self)
        self.fields["login"].label = _("E-mailadres")
        self.fields["password"].label = _("Wachtwoord")
        self.fields["password"].help_text = ""  # the template links to the reset page
        if "remember" in self.fields:
            self.fields["remember"].label = _("Ingelogd blijven op dit apparaat")


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        without_placeholders(self)
        self.fields["email"].label = _("E-mailadres")


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        without_placeholders(self)
        self.fields["email"].label = _("Nieuw e-mailadres")
        self.fields["email"].help_text = _(
            "We sturen een bevestiging naar het nieuwe adres. Tot je die bevestigt, blijft je "
            "huidige adres in gebruik."
        )


class ChangeEmailForm(allauth_forms.ChangeEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        without_placeholders(self)
        self.fields["email"].label = _("Ander e-mailadres")


class ConfirmEmailVerificationCodeForm(allauth_forms.ConfirmEmailVerificationCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        without_placeholders(self)
        self.fields["code"].label = _("Code uit de e-mail")


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        without_placeholders(self)
        self.fields["oldpassword"].label = _("Huidig wachtwoord")
        self.fields["oldpassword"].help_text = ""
        dutch_new_password_fields(self)


class SetPasswordForm(allauth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        without_placeholders(self)
        dutch_new_password_fields(self)


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        without_placeholders(self)
        dutch_new_password_fields(self)


class ProfileForm(OrganisationChoiceMixin, NameFieldsMixin, forms.ModelForm):
    """Edit your own profile: name, work, themes, a short bio, links, photo and visibility.

    A photo is checked and re-encoded in ``clean_avatar`` (see members.avatars); when it is
    refused, everything else that was typed stays in the form.
    """

    first_name = first_name_field()
    last_name = last_name_field()
    avatar = forms.FileField(
        label=_("Foto"),
        required=False,
        help_text=_(
            "Een JPG-, PNG- of WebP-bestand van maximaal 5 MB. We maken er een vierkante foto "
            "van en halen verborgen gegevens eruit, zoals de plek waar de foto is gemaakt."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_avatar = forms.BooleanField(label=_("Mijn foto verwijderen"), required=False)

    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("Bijvoorbeeld: https://www.gemeente.nl/over-ons"),
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
        error_messages={"invalid": _("Vul een volledig webadres in, zoals https://gemeente.nl.")},
    )
    linkedin = forms.URLField(
        label=_("LinkedIn-profiel"),
        required=False,
        assume_scheme="https",
        help_text=_("Bijvoorbeeld: https://www.linkedin.com/in/jouw-naam"),
        error_messages={
            "invalid": _(
                "Vul het volledige adres van je LinkedIn-profiel in, zoals "
                "https://www.linkedin.com/in/jouw-naam"
            )
        },
    )

    class Meta:
        model = Profile
        fields = [
            "organisation",
            "role",
            "province",
            "themes",
            "bio",
            "website",
            "linkedin",
            "visibility",
        ]
        labels = {
            "role": _("Functie"),
            "bio": _("Over mij"),
            "visibility": _("Wie mag je profiel zien?"),
            "themes": _("Thema's waar je mee bezig bent"),
        }
        help_texts = {
            "role": _("Bijvoorbeeld: beleidsadviseur Wmo of manager bedrijfsvoering."),
            "bio": _("Een paar zinnen over je werk en waar collega's je voor kunnen benaderen."),
            "visibility": _(
                "Geldt voor je profiel (naam, functie, organisatie, foto) en voor je naam en "
                "foto bij je reacties. Kies je ‘Alleen voor ingelogde leden’, dan zien bezoekers "
                "zonder account daar ‘Lid van Vakgenoten’. Je e-mailadres is nooit te zien."
            ),
        }
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
            "role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }
        error_messages = {
            "website": {"invalid": _("Vul een volledig webadres in, zoals https://gemeente.nl.")},
            "linkedin": {
                "invalid": _(
                    "Vul het volledige adres van je LinkedIn-profiel in, zoals "
                    "https://www.linkedin.com/in/jouw-naam"
                )
            },
            "bio": {
                "max_length": _(
                    "Je tekst is %(show_value)d tekens lang; er passen er %(limit_value)d in."
                )
            },
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.add_organisation_fields()
        self.fields["province"].choices = [("", _("Kies je provincie"))] + list(
            self.fields["province"].choices
        )[1:]
        self.fields["bio"].widget = Textarea(
            attrs={"rows": 5, "maxlength": self._meta.model.BIO_MAX_LENGTH}
        )
        # Theme names are Dutch content: marked lang="nl" when the interface is English.
        self.fields["themes"].label_from_instance = lambda theme: in_content_language(theme.name)
        self.order_fields(["first_name", "last_name", "organisation", *self.ORGANISATION_FIELDS])
        self._avatar_files = None
        if not self.instance.avatar:
            del self.fields["remove_avatar"]

    def clean(self):
        super().clean()
        return self.clean_organisation_choice(self.cleaned_data)

    def clean_linkedin(self):
        url = self.cleaned_data["linkedin"]
        if url:
            from urllib.parse import urlsplit

            host = (urlsplit(url).hostname or "").lower()
            if host != "linkedin.com" and not host.endswith(".linkedin.com"):
                raise forms.ValidationError(
                    _(
                        "Dit is geen adres op linkedin.com. Vul het adres van je "
                        "LinkedIn-profiel in."
                    )
                )
        return url

    def clean_avatar(self):
        from .avatars import process_avatar

        upload = self.cleaned_data.get("avatar")
        if upload:
            self._avatar_files = process_avatar(upload)
        return upload

    def save(self, commit=True):
        profile = super().save(commit=False)
        self.user.first_name = self.cleaned_data["first_name"]
        self.user.last_name = self.cleaned_data["last_name"]
        if self._avatar_files or self.cleaned_data.get("remove_avatar"):
            profile.delete_avatar_files()
            profile.avatar = profile.avatar_thumbnail = ""
        if self._avatar_files:
            photo, thumbnail = self._avatar_files
            profile.avatar.save(photo.name, photo, save=False)
            profile.avatar_thumbnail.save(thumbnail.name, thumbnail, save=False)
        if commit:
            self.user.save(update_fields=["first_name", "last_name"])
            profile.save()
            self.save_m2m()
            self.save_organisation_request(self.user)
        return profile


class DirectoryFilterForm(forms.Form):
    """Search the member directory by name, and filter by organisation, network, theme, place.

    The choices are read with one query per list, kept with the directory's parts
    (``members.directory``), and filters match on slugs through joins, so a filtered page costs
    no extra queries for looking up the chosen records.
    """

    q = forms.CharField(
        label=_("Naam"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    organisation = forms.ChoiceField(label=_("Organisatie"), required=False)
    network = forms.ChoiceField(label=_("Netwerk"), required=False)
    theme = forms.ChoiceField(label=_("Thema"), required=False)
    province = forms.ChoiceField(label=_("Provincie"), required=False)

    def __init__(self, *args, **kwargs):
        from taxonomy.models import Theme

        from .models import Network, Organisation

        super().__init__(*args, **kwargs)
        # Each list of choices: its field, where its records come from, the choice of all.
        lists = [
            ("organisation", Organisation, _("Alle organisaties")),
            ("network", Network, _("Alle netwerken")),
            ("theme", Theme, _("Alle thema's")),
        ]
        options = kept_part(
            "choices",
            lambda: {
                name: list(model.objects.order_by("name").values_list("slug", "name"))
                for name, model, _everything in lists
            },
        )
        for name, _model, everything in lists:
            self.fields[name].choices = [("", everything), *options[name]]
        self.fields["province"].choices = [("", _("Alle provincies")), *Profile.Province.choices]
        for name in ("organisation", "network", "theme", "province"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Deze keuze bestaat niet (meer). Kies een andere."
            )

    def filter(self, members):
        """Apply the valid filters to a queryset of users; invalid ones are ignored."""
        from .models import NetworkMembership

        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        for term in (data.get("q") or "").split()[:5]:
            members = members.filter(
                models.Q(first_name__icontains=term) | models.Q(last_name__icontains=term)
            )
        if data.get("organisation"):
            members = members.filter(profile__organisation__slug=data["organisation"])
        if data.get("network"):
            member_ids = NetworkMembership.objects.approved().filter(network__slug=data["network"])
            members = members.filter(pk__in=member_ids.values("user_id"))
        if data.get("theme"):
            members = members.filter(profile__themes__slug=data["theme"])
        if data.get("province"):
            members = members.filter(profile__province=data["province"])
        return members

    @property
    def is_filtered(self):
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


class NotificationPreferencesForm(forms.ModelForm):
    """Which e-mails a member wants; the labels say what each one is.

    The moderation queue's e-mail goes to moderators only, so only they (and whoever switched
    it off while they moderated) see its switch.
    """

    class Meta:
        model = NotificationPreferences
        # Whether members may send you messages is a privacy choice, made on its own page
        # ("Berichten en blokkades", the contact app); its e-mails' one-click link still works.
        fields = [
            kind.value
            for kind in NotificationPreferences.Kind
            if kind != NotificationPreferences.Kind.MEMBER_MESSAGES
        ]

    NEVER = "never"

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        queue = NotificationPreferences.Kind.COMMENT_MODERATION_QUEUE.value
        moderates = instance.user.has_perm("comments.moderate_comment")
        if getattr(instance, queue) and not moderates:
            del self.fields[queue]
        # The digest is one choice of three, stored as the switch "digest" and its frequency.
        del self.fields[NotificationPreferences.Kind.DIGEST.value]
        Frequency = NotificationPreferences.DigestFrequency
        self.fields["digest_choice"] = forms.ChoiceField(
            label=_("Een overzicht van het nieuws over wat ik volg"),
            help_text=_(
                "Alleen als er iets nieuws is. Het wekelijkse overzicht komt op maandagochtend, "
                "het dagelijkse elke ochtend."
            ),
            choices=[
                (Frequency.WEEKLY.value, _("Wekelijks")),
                (Frequency.DAILY.value, _("Dagelijks")),
                (self.NEVER, _("Nooit")),
            ],
            widget=forms.RadioSelect,
            initial=instance.digest_frequency if instance.digest else self.NEVER,
            # The page always sends one (one is checked); a post without it changes nothing.
            required=False,
        )

    def save(self, commit=True):
        choice = self.cleaned_data.get("digest_choice")
        if choice:
            self.instance.digest = choice != self.NEVER
            if choice != self.NEVER:
                self.instance.digest_frequency = choice
        return super().save(commit=commit)


class DeleteAccountForm(forms.Form):
    """Delete your account: choose what happens to your comments, and confirm."""

    REMOVE = "remove"
    KEEP = "keep"

    comments = forms.ChoiceField(
        label=_("Wat gebeurt er met je reacties?"),
        choices=[
            (REMOVE, _("Verwijder al mijn reacties.")),
            (
                KEEP,
                _(
                    "Laat mijn reacties staan, zonder mijn naam: ze staan er dan als "
                    "'verwijderde deelnemer'."
                ),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat er met je reacties gebeurt.")},
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en gegevens definitief worden verwijderd."),
        error_messages={"required": _("Vink aan dat je je account definitief wilt verwijderen.")},
    )

    @property
    def keep_comments(self):
        return self.cleaned_data["comments"] == self.KEEP


class ApproveOrganisationRequestForm(forms.Form):
    """Approve a request: link an organisation from the register, or add a new one."""

    existing = forms.ModelChoiceField(
        label=_("Organisatie die al in het register staat"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Geen: voeg een nieuwe organisatie toe"),
        help_text=_("Kies er een als de aanvraag over een organisatie gaat die er al is."),
    )
    name = forms.CharField(label=_("Naam"), max_length=150, required=False)
    kind = forms.ChoiceField(label=_("Soort"), choices=Organisation.Kind.choices)
    province = forms.ChoiceField(
        label=_("Provincie"), choices=[("", _("Geen of meer dan één"))], required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        from .models import Province

        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [*self.fields["province"].choices, *Province.choices]

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("existing") and not (cleaned_data.get("name") or "").strip():
            self.add_error("name", _("Vul de naam in, of kies een organisatie uit het register."))
        return cleaned_data

    def organisation_fields(self):
        return {
            name: self.cleaned_data.get(name) or ""
            for name in ("name", "kind", "province", "website")
        }


class RejectOrganisationRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden (het lid leest die in de e-mail)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf het lid waarom de organisatie er niet bij komt.")},
    )


class OrganisationFilterForm(forms.Form):
    """Search the register by name (or official code); filter by kind and province."""

    q = forms.CharField(
        label=_("Naam of code"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    soort = forms.ChoiceField(label=_("Soort"), required=False)
    provincie = forms.ChoiceField(label=_("Provincie"), required=False)

    def __init__(self, *args, **kwargs):
        from .models import Province

        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Alle soorten")), *Organisation.Kind.choices]
        self.fields["provincie"].choices = [("", _("Alle provincies")), *Province.choices]
        for name in ("soort", "provincie"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Deze keuze bestaat niet. Kies een andere."
            )

    def filter(self, organisations):
        """Apply the valid filters; an invalid one is ignored (and shown with its message)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        for term in (data.get("q") or "").split()[:5]:
            organisations = organisations.filter(
                models.Q(name__icontains=term) | models.Q(identifier__iexact=term)
            )
        if data.get("soort"):
            organisations = organisations.filter(kind=data["soort"])
        if data.get("provincie"):
            organisations = organisations.filter(province=data["provincie"])
        return organisations

    @property
    def is_filtered(self):
        return self.is_bound and any(self.data.get(name) for name in self.fields)
