"""The form a member asks a question with (preview first, as with a comment)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from comments.models import MAX_COMMENT_LENGTH
from members.models import Network, NetworkMembership, Organisation
from taxonomy.models import Theme
from vakgenoten.language import in_content_language
from vakgenoten.widgets import Textarea

from .models import MAX_TITLE_LENGTH

MAX_THEMES = 3

BODY_HELP = _(
    "Wat zoek je, wat heb je al geprobeerd, wat is er bijzonder aan je situatie? Je vraag "
    "verschijnt onder je naam; je e-mailadres is nooit zichtbaar. Opmaak: **vet**, *schuin*, "
    "[linktekst](https://…), een regel met - voor een lijst. Maximaal %(max)s tekens."
) % {"max": MAX_COMMENT_LENGTH}


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Je vraag in één zin"),
        help_text=_("Bijvoorbeeld: Hoe houden jullie de wachttijd voor de Wmo-toegang kort?"),
        max_length=MAX_TITLE_LENGTH,
        error_messages={
            "required": _("Je vraag heeft nog geen titel. Vat je vraag in één zin samen."),
            "max_length": _(
                "De titel is %(show_value)d tekens lang; het maximum is %(limit_value)d. "
                "Maak hem korter."
            ),
        },
    )
    body = forms.CharField(
        label=_("Toelichting"),
        help_text=BODY_HELP,
        max_length=MAX_COMMENT_LENGTH,
        widget=Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _(
                "Je toelichting is leeg. Vertel wat je zoekt en wat je al hebt geprobeerd."
            ),
            "max_length": _(
                "Je toelichting is %(show_value)d tekens lang; het maximum is %(limit_value)d. "
                "Maak haar korter."
            ),
        },
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        help_text=_(
            "Kies er één tot drie. Leden die deze thema's volgen, zien je vraag op hun pagina "
            "Voor jou."
        ),
        queryset=Theme.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één thema, zodat de juiste vakgenoten je vraag zien."),
            "invalid_choice": _("Kies een thema uit de lijst."),
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        help_text=_("Niet verplicht: voor welke organisatie stel je de vraag?"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Geen organisatie noemen"),
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )
    network = forms.ModelChoiceField(
        label=_("Netwerk"),
        help_text=_("Niet verplicht: een netwerk waarvan je lid bent en dat je vraag aangaat."),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("Geen netwerk"),
        error_messages={"invalid_choice": _("Kies een netwerk waarvan je lid bent.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        networks = Network.objects.none()
        if user is not None and user.is_authenticated:
            networks = Network.objects.filter(
                memberships__user=user, memberships__status=NetworkMembership.Status.APPROVED
            ).order_by("name")
        self.fields["network"].queryset = networks
        # Theme names are Dutch content: marked lang="nl" when the interface is English.
        self.fields["themes"].label_from_instance = lambda theme: in_content_language(theme.name)

    def clean_themes(self):
        themes = self.cleaned_data["themes"]
        if len(themes) > MAX_THEMES:
            raise forms.ValidationError(
                _("Kies hoogstens %(max)s thema's; dan vinden de juiste vakgenoten je vraag.")
                % {"max": MAX_THEMES}
            )
        return themes
