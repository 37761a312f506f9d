"""The forms members and moderators fill in."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vakgenoten.widgets import Textarea

from .models import MAX_COMMENT_LENGTH, Comment, CommentReport

FORMAT_HELP = _(
    "Je reactie verschijnt onder je naam. Je e-mailadres is nooit zichtbaar. "
    "Opmaak: **vet**, *schuin*, [linktekst](https://…), een regel met - voor een lijst, "
    "een regel met > voor een citaat. Maximaal %(max)s tekens."
) % {"max": MAX_COMMENT_LENGTH}


class CommentForm(forms.Form):
    """Write (or rewrite) a comment; "Voorbeeld bekijken" comes before "Plaatsen"."""

    body = forms.CharField(
        label=_("Je reactie"),
        help_text=FORMAT_HELP,
        max_length=MAX_COMMENT_LENGTH,
        widget=Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Je reactie is leeg. Schrijf eerst wat je wilt zeggen."),
            "max_length": _(
                "Je reactie is %(show_value)d tekens lang; het maximum is %(limit_value)d. "
                "Maak haar korter."
            ),
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReportForm(forms.Form):
    """Tell the editors what is wrong with a comment."""

    reason = forms.ChoiceField(
        label=_("Wat is er mis met deze reactie?"),
        choices=CommentReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een reden.")},
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Niet verplicht. Alleen de redactie leest dit."),
        required=False,
        max_length=1000,
        widget=Textarea(attrs={"rows": 3}),
    )


class ModerationForm(forms.Form):
    """The bulk and single actions in the moderation queue."""

    ACTIONS = {
        "approve": Comment.Status.PUBLISHED,
        "reject": Comment.Status.REJECTED,
        "spam": Comment.Status.SPAM,
        "pending": Comment.Status.PENDING,
    }

    action = forms.ChoiceField(
        choices=[
            ("approve", _("Goedkeuren")),
            ("reject", _("Afwijzen")),
            ("spam", _("Markeren als spam")),
            ("pending", _("Terugzetten naar wachtend")),
        ]
    )
    comments = forms.ModelMultipleChoiceField(
        queryset=Comment.objects.all(),
        error_messages={"required": _("Kies eerst één of meer reacties.")},
    )
    reason = forms.CharField(
        label=_("Reden (verplicht bij afwijzen; het lid krijgt die te lezen)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error(
                "reason", _("Geef een reden bij het afwijzen; het lid krijgt die te lezen.")
            )
        return cleaned

    @property
    def to_status(self):
        return self.ACTIONS[self.cleaned_data["action"]]
