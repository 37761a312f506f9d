"""Forms for registering (members) and for adding a registration by hand (organisers)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from vakgenoten.text import validate_name, validate_single_line
from vakgenoten.widgets import Textarea

REMARK_MAX_LENGTH = 500


class RegistrationForm(forms.Form):
    """One step: an optional remark, such as dietary wishes or accessibility needs."""

    remark = forms.CharField(
        label=_("Opmerking"),
        required=False,
        max_length=REMARK_MAX_LENGTH,
        help_text=_(
            "Niet verplicht. Bijvoorbeeld een dieetwens of wat je nodig hebt om goed mee te "
            "doen. Maximaal 500 tekens."
        ),
        widget=Textarea(attrs={"rows": 3, "maxlength": REMARK_MAX_LENGTH}),
        error_messages={
            "max_length": _(
                "Je opmerking is %(show_value)d tekens lang; het maximum is %(limit_value)d."
            )
        },
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def clean_remark(self):
        return self.cleaned_data["remark"].strip()

    def extras(self):
        """What ``events.registration.register`` takes besides the person and the remark."""
        return {}


class GuestRegistrationForm(RegistrationForm):
    """A guest (no account) registers: name, address and organisation besides the member form.

    Everything the member form asks (the remark and, through ``extras()``, whatever else it
    grows) is asked here too. ``website`` is a honeypot: people never fill it in.
    """

    name = forms.CharField(
        label=_("Naam"),
        max_length=150,
        validators=[validate_name],
        error_messages={"required": _("Vul je naam in.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("We sturen je een link om je aanmelding te bevestigen."),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl."),
        },
    )
    organisation = forms.CharField(
        label=_("Organisatie"),
        required=False,
        max_length=150,
        validators=[validate_single_line],
        help_text=_("Niet verplicht."),
    )
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    field_order = ["name", "email", "organisation"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "gast")
        super().__init__(*args, **kwargs)
        for name, autocomplete in (
            ("name", "name"),
            ("email", "email"),
            ("organisation", "organization"),
        ):
            self.fields[name].widget.attrs["autocomplete"] = autocomplete

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_organisation(self):
        return self.cleaned_data["organisation"].strip()

    def is_spam(self):
        """True when the honeypot was filled in, which only automated senders do."""
        return bool(self.cleaned_data.get("website"))

    def own_fields(self):
        """The fields only guests get, in order; the template shows the rest after them."""
        return [self[name] for name in ("name", "email", "organisation")]

    def shared_fields(self):
        """The fields of the member form (remark, and what it gains later)."""
        own = {"name", "email", "organisation", "website"}
        return [field for field in self.visible_fields() if field.name not in own]


class ManualRegistrationForm(forms.Form):
    """An organiser adds someone who registered by phone: a member, or a guest by name."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_(
            "Is dit het e-mailadres van een lid, dan wordt het lid aangemeld. Anders wordt het "
            "een gast; vul dan ook de naam in."
        ),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.")},
    )
    name = forms.CharField(
        label=_("Naam van de gast"), required=False, max_length=150, validators=[validate_name]
    )
    organisation = forms.CharField(
        label=_("Organisatie van de gast"),
        required=False,
        max_length=150,
        validators=[validate_single_line],
    )
    remark = forms.CharField(
        label=_("Opmerking"),
        required=False,
        max_length=REMARK_MAX_LENGTH,
        widget=Textarea(attrs={"rows": 3}),
    )
    send_confirmation = forms.BooleanField(
        label=_("Stuur een bevestiging per e-mail"), required=False, initial=True
    )

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email:
            cleaned["member"] = get_user_model().objects.filter(email__iexact=email.strip()).first()
            if cleaned["member"] is None and not cleaned.get("name", "").strip():
                self.add_error(
                    "name",
                    _(
                        "Er is geen lid met dit e-mailadres. Vul de naam in om een gast aan "
                        "te melden."
                    ),
                )
        return cleaned


class EventPageForm(WagtailAdminPageForm):
    """The event editor's form: an organiser picks only their own networks and organisation.

    For whom the event's rights come only from the organisers group (``events.permissions``),
    the organiser fields become plain lists of their own networks (approved manager) and their
    own organisation, plus whatever the event already has; the server refuses anything else,
    and refuses an event that would no longer be theirs (they could not manage it after saving).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .permissions import EventScope

        self.organiser_scope = None
        user = self.for_user
        if user is None or "organiser_network" not in self.fields:
            return
        scope = EventScope.of(user)
        page = self.instance if self.instance.pk else self.parent_page
        if page is None or not scope.is_limited_for(page):
            return
        self.organiser_scope = scope
        limits = (
            (
                "organiser_network",
                scope.network_choices(keep=self.instance.organiser_network_id),
                _("Je kunt alleen een netwerk kiezen waarvan je beheerder bent."),
            ),
            (
                "organiser_organisation",
                scope.organisation_choices(keep=self.instance.organiser_organisation_id),
                _("Je kunt alleen je eigen organisatie kiezen."),
            ),
        )
        for name, queryset, refused in limits:
            field = self.fields[name]
            field.widget = forms.Select()
            field.queryset = queryset
            field.empty_label = _("— geen —")
            field.error_messages["invalid_choice"] = refused

    def clean(self):
        cleaned_data = super().clean()
        scope = self.organiser_scope
        fields = ("organiser_network", "organiser_organisation")
        if scope is not None and not any(name in self.errors for name in fields):
            network = cleaned_data.get("organiser_network")
            organisation = cleaned_data.get("organiser_organisation")
            if network is None and organisation is None:
                return cleaned_data  # the model asks for one of the two
            own_network = network is not None and network.pk in scope.network_ids
            own_organisation = organisation is not None and organisation.pk == scope.organisation_id
            if not (own_network or own_organisation):
                self.add_error(
                    "organiser_network",
                    _(
                        "Kies een netwerk waarvan je beheerder bent of je eigen organisatie als "
                        "organisator; anders kun je dit evenement niet meer beheren."
                    ),
                )
        return cleaned_data
