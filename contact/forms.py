from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_MESSAGE_LENGTH, MAX_REPORT_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Je bericht"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Platte tekst, hoogstens %(max)s tekens.") % {"max": MAX_MESSAGE_LENGTH},
        error_messages={
            "required": _("Schrijf eerst je bericht."),
            "max_length": _(
                "Je bericht is %(show_value)s tekens lang; het mag hoogstens %(limit_value)s "
                "tekens zijn. Maak het wat korter."
            ),
        },
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Schrijf eerst je bericht."), code="required")
        return body


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Wat is er mis met dit bericht? (niet verplicht)"),
        required=False,
        max_length=MAX_REPORT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("Je toelichting mag hoogstens %(limit_value)s tekens zijn."),
        },
    )


class MessageSettingsForm(forms.Form):
    member_messages = forms.BooleanField(
        label=_("Leden kunnen mij een bericht sturen"),
        required=False,
        help_text=_(
            "Het bericht komt per e-mail; de afzender ziet je e-mailadres niet, tenzij je "
            "antwoordt."
        ),
    )
