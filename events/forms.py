"""Forms for registering (members) and for adding a registration by hand (organisers)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

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

    def clean_remark(self):
        return self.cleaned_data["remark"].strip()


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
