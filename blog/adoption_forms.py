"""The form of "Wij doen dit ook": how far the organisation got, and a short note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Adoption
from .models.adoptions import NOTE_MAX_LENGTH


class AdoptionForm(forms.Form):
    """Add the member's organisation to a practice example, or change its status and note."""

    status = forms.ChoiceField(
        label=_("Hoe ver is je organisatie?"),
        choices=Adoption.Status.choices,
        initial=Adoption.Status.ORIENTING,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe ver je organisatie is."),
            "invalid_choice": _("Kies een van de drie mogelijkheden."),
        },
    )
    note = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        help_text=_("Bijvoorbeeld wat jullie anders doen of wanneer jullie beginnen."),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _(
                "Je toelichting is %(show_value)d tekens lang; het maximum is %(limit_value)d. "
                "Maak haar korter."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "adoptie-%s")
        super().__init__(*args, **kwargs)
