"""Forms for registering (members) and for adding a registration by hand (organisers)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.forms import WagtailAdminPageForm

from members.content_rights import NetworkChoicesFormMixin
from vakgenoten.text import validate_name, validate_single_line
from vakgenoten.widgets import Textarea

REMARK_MAX_LENGTH = 500


class ChoiceRadioSelect(forms.RadioSelect):
    """Radio buttons of which some can be shown but not chosen (a full session).

    The error summary links to the first button: Django's radio group has no id of its own.
    """

    def __init__(self, *args, disabled_values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.disabled_values = {str(value) for value in disabled_values}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(value) in self.disabled_values:
            option["attrs"]["disabled"] = True
        return option

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, 0 if index is None else index)


YES = "Ja"
NO = "Nee"
ANSWER_MAX_LENGTH = 1000
QUESTION_PREFIX = "vraag_"


def session_option_label(session):
    """What a member reads beside a session's radio button: title, room, seats."""
    parts = [session.title]
    if session.room:
        parts.append(f"({session.room})")
    text = " ".join(parts)
    if session.seats_left is None:
        return text
    if session.is_full:
        return _("%(session)s — vol") % {"session": text}
    return ngettext(
        "%(session)s — nog %(count)d plaats",
        "%(session)s — nog %(count)d plaatsen",
        session.seats_left,
    ) % {"session": text, "count": session.seats_left}


class RegistrationForm(forms.Form):
    """One step: the event's sessions per time slot, its questions and an optional remark.

    The session and question fields come from the event (``event=``): one radio group per time
    slot (sessions that start together) and one field per registration question. ``extras()``
    hands what was chosen to ``events.registration.register``; a guest's form subclasses this.
    """

    ask_questions = True

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
        self.slots = []
        self.questions = []
        if event is not None:
            remark = self.fields.pop("remark")
            self.add_session_fields()
            if self.ask_questions:
                self.add_question_fields()
            self.fields["remark"] = remark  # the remark stays last, as before

    # --- Sessions -----------------------------------------------------------------------------

    def add_session_fields(self):
        from .sessions import event_slots

        self.slots = [slot for slot in event_slots(self.event) if slot.sessions[0].pk]
        for slot in self.slots:
            self.fields[slot.key] = self.session_field(slot)

    def session_field(self, slot):
        choices = [("", _("Geen sessie in deze ronde"))]
        choices += [(str(session.pk), session_option_label(session)) for session in slot.sessions]
        full = [session.pk for session in slot.sessions if session.is_full]
        return forms.ChoiceField(
            label=_("Kies je sessie voor %(slot)s") % {"slot": slot.label},
            choices=choices,
            required=False,
            initial="",
            widget=ChoiceRadioSelect(disabled_values=full),
            error_messages={"invalid_choice": _("Kies een van de sessies in deze ronde.")},
        )

    def session_fields(self):
        """The bound fields of the time slots, in time order (for the template)."""
        return [self[slot.key] for slot in self.slots]

    # --- Questions ----------------------------------------------------------------------------

    def add_question_fields(self):
        self.questions = [question for question in self.event.questions.all() if question.pk]
        for question in self.questions:
            self.fields[f"{QUESTION_PREFIX}{question.pk}"] = self.question_field(question)

    def question_field(self, question):
        from .models import RegistrationQuestion

        common = {
            "label": question.label,
            "required": question.required,
            "help_text": question.help_text,
        }
        if question.kind == RegistrationQuestion.Kind.TEXT:
            return forms.CharField(
                max_length=ANSWER_MAX_LENGTH,
                widget=forms.TextInput(attrs={"maxlength": ANSWER_MAX_LENGTH}),
                error_messages={
                    "required": _("Vul een antwoord in op de vraag “%(question)s”.")
                    % {"question": question.label},
                    "max_length": _(
                        "Je antwoord is %(show_value)d tekens lang; het maximum is %(limit_value)d."
                    ),
                },
                **common,
            )
        if question.kind == RegistrationQuestion.Kind.YES_NO:
            choices = [(YES, _("Ja")), (NO, _("Nee"))]
        else:
            choices = [(choice, choice) for choice in question.choice_list]
        return forms.ChoiceField(
            choices=choices,
            widget=ChoiceRadioSelect,
            error_messages={
                "required": _("Kies een antwoord op de vraag “%(question)s”.")
                % {"question": question.label},
                "invalid_choice": _("Kies een van de antwoorden."),
            },
            **common,
        )

    def question_fields(self):
        return [self[f"{QUESTION_PREFIX}{question.pk}"] for question in self.questions]

    # --- Cleaning -----------------------------------------------------------------------------

    def clean_remark(self):
        return self.cleaned_data["remark"].strip()

    def clean(self):
        cleaned = super().clean()
        own = getattr(self, "own_sessions", set())
        for slot in self.slots:
            chosen = cleaned.get(slot.key)
            for session in slot.sessions:
                if chosen == str(session.pk) and session.is_full and session.pk not in own:
                    self.add_error(
                        slot.key,
                        _(
                            "De sessie “%(session)s” is vol. Kies een andere sessie of geen "
                            "sessie in deze ronde."
                        )
                        % {"session": session.title},
                    )
        for question in self.questions:
            name = f"{QUESTION_PREFIX}{question.pk}"
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].strip()
                if question.required and not cleaned[name]:
                    self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned

    def extras(self):
        """What ``events.registration.register`` takes besides the person and the remark:
        ``{"answers": {question_id: "text"}, "sessions": [session_id, ...]}``. Unanswered
        optional questions and slots without a session are left out."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"{QUESTION_PREFIX}{question.pk}") or ""
            if value:
                answers[question.pk] = value
        sessions = [
            int(self.cleaned_data[slot.key])
            for slot in self.slots
            if self.cleaned_data.get(slot.key)
        ]
        return {"answers": answers, "sessions": sessions}


class SessionChoiceForm(RegistrationForm):
    """A registered member changes their sessions: only the time slots, no questions.

    ``registration=`` gives the current choices as the initial values; the member's own
    seat does not count as taken, so a full session they already hold stays choosable.
    """

    ask_questions = False

    def __init__(self, *args, registration=None, **kwargs):
        self.registration = registration
        super().__init__(*args, **kwargs)
        del self.fields["remark"]
        mine = set()
        if registration is not None:
            mine = {choice.session_id for choice in registration.session_choices.all()}
        self.own_sessions = mine
        for slot in self.slots:
            field = self.fields[slot.key]
            for session in slot.sessions:
                if session.pk in mine:
                    field.initial = str(session.pk)
                    field.widget.disabled_values.discard(str(session.pk))


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


class EventPageForm(NetworkChoicesFormMixin, WagtailAdminPageForm):
    """The event editor's form: an organiser picks only their own networks and organisation.

    For whom the event's rights come only from the organisers group (``events.permissions``),
    the organiser fields become plain lists of their own networks (approved manager) and their
    own organisation, plus whatever the event already has; the server refuses anything else,
    and refuses an event that would no longer be theirs (they could not manage it after saving).
    The ``networks`` field offers only their managed networks and keeps the others the event
    has (``members.content_rights.NetworkChoicesFormMixin``); a managed network there also
    makes the event theirs.
    """

    require_managed_network = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .permissions import EventScope

        self.network_scope_class = EventScope
        self.limit_network_choices()
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
        self.clean_sessions(cleaned_data)
        self.clean_questions()
        scope = self.organiser_scope
        fields = ("organiser_network", "organiser_organisation")
        if scope is not None and not any(name in self.errors for name in fields):
            network = cleaned_data.get("organiser_network")
            organisation = cleaned_data.get("organiser_organisation")
            if network is None and organisation is None:
                return cleaned_data  # the model asks for one of the two
            own_network = network is not None and network.pk in scope.network_ids
            own_organisation = organisation is not None and organisation.pk == scope.organisation_id
            own_networks = getattr(self, "managed_networks_chosen", False)
            if not (own_network or own_organisation or own_networks):
                self.add_error(
                    "organiser_network",
                    _(
                        "Kies een netwerk waarvan je beheerder bent of je eigen organisatie als "
                        "organisator; anders kun je dit evenement niet meer beheren."
                    ),
                )
        return cleaned_data

    # --- Sessions and registration questions (the "Programma" and "Aanmelden" tabs) ----------

    def kept_child_forms(self, relation):
        """The filled-in forms of an inline panel that are not being deleted (their
        ``cleaned_data`` holds the fields that passed validation)."""
        formset = getattr(self, "formsets", {}).get(relation)
        if formset is None:
            return []
        kept = []
        for form in formset.forms:
            form.is_valid()
            if not form.has_changed() and not form.instance.pk:
                continue
            if formset.can_delete and formset._should_delete_form(form):
                continue
            kept.append(form)
        return kept

    def clean_sessions(self, cleaned_data):
        """A session ends after it starts and within the event; its seats stay at least the
        number already taken; a session members chose keeps its start (their time slot)."""
        from .models import SessionChoice

        forms_kept = self.kept_child_forms("sessions")
        saved = [form.instance.pk for form in forms_kept if form.instance.pk]
        taken, slots = {}, {}
        if saved:
            for session_id, slot in SessionChoice.objects.filter(session_id__in=saved).values_list(
                "session_id", "slot"
            ):
                taken[session_id] = taken.get(session_id, 0) + 1
                slots[session_id] = slot
        event_start, event_end = cleaned_data.get("start"), cleaned_data.get("end")
        for form in forms_kept:
            starts_at = form.cleaned_data.get("starts_at")
            ends_at = form.cleaned_data.get("ends_at")
            if starts_at and ends_at and ends_at <= starts_at:
                # Said in words instead of the database constraint's name.
                form.errors.pop(NON_FIELD_ERRORS, None)
                form.add_error("ends_at", _("Een sessie moet eindigen na haar begin."))
            elif (
                starts_at
                and ends_at
                and event_start
                and event_end
                and (starts_at < event_start or ends_at > event_end)
            ):
                form.add_error(
                    "starts_at",
                    _("Een sessie valt binnen het evenement: tussen het begin en het einde."),
                )
            count = taken.get(form.instance.pk, 0)
            if not count:
                continue
            capacity = form.cleaned_data.get("capacity")
            if capacity is not None and capacity < count:
                form.add_error(
                    "capacity",
                    _(
                        "Er hebben al %(count)d deelnemers voor deze sessie gekozen. Verlaag het "
                        "aantal plaatsen niet onder dat aantal."
                    )
                    % {"count": count},
                )
            if starts_at and starts_at != slots[form.instance.pk]:
                form.add_error(
                    "starts_at",
                    _(
                        "Er hebben al deelnemers voor deze sessie gekozen. Het begin verschuiven "
                        "kan daarom niet; maak zo nodig een nieuwe sessie."
                    ),
                )

    def clean_questions(self):
        from .models import RegistrationQuestion

        for form in self.kept_child_forms("questions"):
            if form.cleaned_data.get("kind") != RegistrationQuestion.Kind.CHOICE:
                continue
            answers = [
                line.strip()
                for line in (form.cleaned_data.get("choices") or "").splitlines()
                if line.strip()
            ]
            if len(answers) < 2:
                form.add_error(
                    "choices",
                    _("Geef bij een keuzevraag minstens twee antwoorden, elk op een eigen regel."),
                )
            elif len(set(answers)) < len(answers):
                form.add_error("choices", _("Elk antwoord mag maar één keer voorkomen."))
