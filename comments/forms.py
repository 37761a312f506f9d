"""The forms members and moderators fill in."""

import calendar
from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakgenoten.params import parse_int
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
        # The name suggestions (static/js/mentions.js) take their label from here.
        widget=Textarea(attrs={"rows": 6, "data-mentions-label": _("Leden om te noemen")}),
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


class CommentChoiceField(forms.ModelMultipleChoiceField):
    """Comments by id; a value that is no id at all (a Unicode digit, a number too large for
    the database) is refused as an invalid choice instead of reaching the query."""

    def _check_values(self, value):
        for pk in value:
            if parse_int(str(pk), None, minimum=1) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class ModerationForm(forms.Form):
    """The bulk and single actions in the moderation queue."""

    # Actions that take a comment away from the conversation: they ask for confirmation.
    DESTRUCTIVE = {"reject", "spam"}
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
    comments = CommentChoiceField(
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

    @property
    def needs_confirmation(self):
        return self.cleaned_data["action"] in self.DESTRUCTIVE

    @property
    def action_label(self):
        return dict(self.fields["action"].choices)[self.cleaned_data["action"]]

    def selected_ids(self):
        """The comments ticked in the submitted form, as ids (for ticking them again when the
        form comes back with an error); nonsense in the request is left out."""
        values = (parse_int(value, None, minimum=1) for value in self.data.getlist("comments"))
        return {value for value in values if value is not None}


def add_month(moment):
    """The same time one calendar month later (31 January → 28 or 29 February)."""
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class BanForm(forms.Form):
    """A moderator suspends a member from writing comments for a period, with a reason."""

    PERIODS = [
        ("day", _("1 dag")),
        ("week", _("1 week")),
        ("month", _("1 maand")),
        ("until", _("Tot en met een datum")),
    ]

    email = forms.EmailField(
        label=_("E-mailadres van het lid"),
        error_messages={"required": _("Vul het e-mailadres van het lid in.")},
    )
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)
    period = forms.ChoiceField(
        label=_("Hoe lang"),
        choices=PERIODS,
        widget=forms.RadioSelect,
        initial="week",
        error_messages={"required": _("Kies hoe lang de schorsing duurt.")},
    )
    until = forms.DateField(
        label=_("Datum (bij ‘tot en met een datum’)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Het lid kan weer reageren vanaf het begin van de dag erna."),
    )
    reason = forms.CharField(
        label=_("Reden (het lid krijgt die te lezen)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef een reden; het lid krijgt die te lezen.")},
    )

    def __init__(self, *args, moderator=None, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.moderator = moderator
        self.now = now or timezone.now()

    def clean_email(self):
        email = self.cleaned_data["email"]
        member = (
            get_user_model()
            .objects.filter(email__iexact=email, is_active=True)
            .order_by("pk")
            .first()
        )
        if member is None:
            raise forms.ValidationError(_("Er is geen actief lid met dit e-mailadres."))
        if self.moderator is not None and member.pk == self.moderator.pk:
            raise forms.ValidationError(_("Je kunt jezelf niet schorsen."))
        self.member = member
        return email

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Geef een reden; het lid krijgt die te lezen."))
        return reason

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period") == "until":
            until = cleaned.get("until")
            today = timezone.localdate(self.now)
            if until is None:
                self.add_error("until", _("Kies de laatste dag van de schorsing."))
            elif until < today:
                self.add_error("until", _("Die datum is al voorbij. Kies vandaag of later."))
            elif until > today + timedelta(days=5 * 365):
                self.add_error("until", _("Een schorsing duurt hoogstens vijf jaar."))
        return cleaned

    @property
    def ends_at(self):
        period = self.cleaned_data["period"]
        if period == "day":
            return self.now + timedelta(days=1)
        if period == "week":
            return self.now + timedelta(days=7)
        if period == "month":
            return add_month(timezone.localtime(self.now))
        next_day = self.cleaned_data["until"] + timedelta(days=1)
        return timezone.make_aware(datetime.combine(next_day, time.min))

    @property
    def period_label(self):
        return dict(self.PERIODS)[self.cleaned_data["period"]]
