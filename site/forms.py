"""Forms of the site layer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ProblemReport
from .widgets import Textarea


class ProblemReportForm(forms.ModelForm):
    """Report a problem. The ``website`` field is a honeypot: people never fill it in."""

    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    class Meta:
        model = ProblemReport
        fields = ["message", "page_url", "name", "email"]
        labels = {
            "message": _("Wat ging er mis?"),
            "page_url": _("Op welke pagina?"),
            "name": _("Je naam"),
            "email": _("Je e-mailadres"),
        }
        help_texts = {
            "message": _("Beschrijf wat je zag en wat je verwachtte. Maximaal 5000 tekens."),
            "email": _("Niet verplicht. Alleen nodig als je een antwoord wilt."),
        }
        widgets = {"message": Textarea(attrs={"rows": 6, "maxlength": 5000})}
        error_messages = {
            "message": {"required": _("Beschrijf het probleem, dan kunnen wij het oplossen.")},
            "email": {"invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.")},
        }

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) > 5000:
            raise forms.ValidationError(
                _("Je melding is %(count)d tekens lang; het maximum is 5000."),
                params={"count": len(message)},
            )
        return message

    def is_spam(self):
        """True when the honeypot was filled in, which only automated senders do."""
        return bool(self.cleaned_data.get("website"))
