"""The forms managers use to invite people and to write to the members of their network."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from vakgenoten.text import validate_single_line

from .models import NetworkMessage
from .network_invites import MAX_ADDRESSES

SEPARATORS = re.compile(r"[\s,;]+")


class NetworkInviteForm(forms.Form):
    addresses = forms.CharField(
        label=_("E-mailadressen"),
        help_text=_(
            "Eén of meer adressen, gescheiden door komma's, spaties of regels; hoogstens 20."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off", "spellcheck": "false"}),
        max_length=5000,
    )
    note = forms.CharField(
        label=_("Persoonlijke regel (niet verplicht)"),
        help_text=_("Staat in de e-mail boven de uitnodiging."),
        required=False,
        max_length=300,
        validators=[validate_single_line],
    )

    def clean_addresses(self):
        found = []
        wrong = []
        for part in SEPARATORS.split(self.cleaned_data["addresses"]):
            address = part.strip().strip("<>").lower()
            if not address:
                continue
            try:
                validate_email(address)
            except ValidationError:
                wrong.append(part)
                continue
            if address not in found:
                found.append(address)
        if wrong:
            raise ValidationError(
                ngettext(
                    "Dit is geen geldig e-mailadres: %(addresses)s",
                    "Dit zijn geen geldige e-mailadressen: %(addresses)s",
                    len(wrong),
                )
                % {"addresses": ", ".join(wrong)}
            )
        if not found:
            raise ValidationError(_("Vul minstens één e-mailadres in."))
        if len(found) > MAX_ADDRESSES:
            raise ValidationError(
                _("Nodig hoogstens %(count)s adressen tegelijk uit; dit waren er %(found)s.")
                % {"count": MAX_ADDRESSES, "found": len(found)}
            )
        return found


class NetworkMessageForm(forms.Form):
    subject = forms.CharField(
        label=_("Onderwerp"), max_length=150, validators=[validate_single_line]
    )
    body = forms.CharField(
        label=_("Tekst"),
        help_text=_("Platte tekst, hoogstens 5000 tekens. Links worden gewoon meegestuurd."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    delivery = forms.ChoiceField(
        label=_("Hoe komt het bericht bij de leden?"),
        choices=NetworkMessage.Delivery.choices,
        initial=NetworkMessage.Delivery.NOW,
        widget=forms.RadioSelect,
    )
