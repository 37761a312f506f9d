"""The organiser asks questions at registration: open, a choice, or yes/no; required or not.

The member answers them in the registration form; the answers are stored with the
registration, shown in the registration box and repeated in the confirmation e-mail.
"""

import pytest

from events.forms import RegistrationForm
from events.models import Registration, RegistrationAnswer, RegistrationQuestion
from events.registration import register
from tests.events.test_organiser_rights import event_form_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Kind = RegistrationQuestion.Kind


def register_url(event):
    return f"/evenementen/{event.pk}/aanmelden/"


@pytest.fixture
def questions(event):
    diet = RegistrationQuestion.objects.create(
        event=event,
        label="Heb je een dieetwens?",
        kind=Kind.TEXT,
        help_text="Bijvoorbeeld vegetarisch.",
        sort_order=1,
    )
    workshop = RegistrationQuestion.objects.create(
        event=event,
        label="Welke workshop heeft je voorkeur?",
        kind=Kind.CHOICE,
        choices="Archiveren\nAPI's ontwerpen\n\n",
        required=True,
        sort_order=2,
    )
    transit = RegistrationQuestion.objects.create(
        event=event, label="Kom je met het OV?", kind=Kind.YES_NO, required=True, sort_order=3
    )
    return {"diet": diet, "workshop": workshop, "transit": transit}


def name(question):
    return f"vraag_{question.pk}"


def test_form_shows_a_field_per_question(member_client, event, questions):
    html = member_client.get(event.url).content.decode()
    diet = name(questions["diet"])
    assert f'<label class="form-field__label" for="id_{diet}">' in html
    assert "Heb je een dieetwens?" in html
    assert 'id="id_vraag_{}-help"'.format(questions["diet"].pk) in html
    assert f'<input type="text" name="{name(questions["diet"])}"' in html
    # Choice and yes/no are radio groups in a fieldset with the question as legend.
    assert '<legend class="form-field__label">' in html
    assert "Welke workshop heeft je voorkeur?" in html
    assert f'name="{name(questions["workshop"])}" value="API&#x27;s ontwerpen"' in html
    assert f'name="{name(questions["transit"])}" value="Ja"' in html
    assert f'name="{name(questions["transit"])}" value="Nee"' in html
    assert html.count("(verplicht)") >= 2


def test_member_answers_and_the_answers_are_stored_and_confirmed(
    member_client, member, event, questions, mailoutbox, run_on_commit
):
    with run_on_commit():
        response = member_client.post(
            register_url(event),
            {
                name(questions["diet"]): "  Veganistisch  ",
                name(questions["workshop"]): "API's ontwerpen",
                name(questions["transit"]): "Ja",
                "remark": "",
            },
        )
    assert response.status_code == 302
    registration = Registration.objects.get(user=member, event=event)
    answers = {answer.question_id: answer.value for answer in registration.answers.all()}
    assert answers == {
        questions["diet"].pk: "Veganistisch",
        questions["workshop"].pk: "API's ontwerpen",
        questions["transit"].pk: "Ja",
    }
    body = mailoutbox[0].body
    assert "Heb je een dieetwens?: Veganistisch" in body
    assert "Kom je met het OV?: Ja" in body

    page = member_client.get(event.url).content.decode()
    assert "Je antwoorden" in page
    assert "Veganistisch" in page


def test_required_questions_are_asked_again_with_everything_kept(
    member_client, member, event, questions
):
    response = member_client.post(
        register_url(event),
        {name(questions["diet"]): "Glutenvrij", "remark": "Ik kom iets later"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een antwoord op de vraag “Welke workshop heeft je voorkeur?”." in html
    assert "Kies een antwoord op de vraag “Kom je met het OV?”." in html
    assert 'value="Glutenvrij"' in html
    assert "Ik kom iets later" in html
    # The summary links to the first radio button of the group, which has that id.
    first_radio = f"id_{name(questions['workshop'])}_0"
    assert f'href="#{first_radio}"' in html
    assert f'id="{first_radio}"' in html
    assert f'aria-describedby="id_{name(questions["workshop"])}-error"' in html
    assert not Registration.objects.filter(user=member).exists()


def test_a_required_open_question_needs_more_than_spaces(event, questions):
    questions["diet"].required = True
    questions["diet"].save()
    form = RegistrationForm(
        {
            name(questions["diet"]): "   ",
            name(questions["workshop"]): "Archiveren",
            name(questions["transit"]): "Nee",
        },
        event=event,
    )
    assert not form.is_valid()
    assert form.errors[name(questions["diet"])] == [
        "Vul een antwoord in op de vraag “Heb je een dieetwens?”."
    ]


def test_an_answer_that_is_not_offered_is_refused(event, questions):
    form = RegistrationForm(
        {name(questions["workshop"]): "Iets anders", name(questions["transit"]): "Misschien"},
        event=event,
    )
    assert not form.is_valid()
    assert form.errors[name(questions["workshop"])] == ["Kies een van de antwoorden."]
    assert form.errors[name(questions["transit"])] == ["Kies een van de antwoorden."]


def test_optional_questions_left_open_store_nothing(event, questions):
    form = RegistrationForm(
        {name(questions["workshop"]): "Archiveren", name(questions["transit"]): "Nee"},
        event=event,
    )
    assert form.is_valid(), form.errors
    assert form.extras() == {
        "answers": {questions["workshop"].pk: "Archiveren", questions["transit"].pk: "Nee"},
        "sessions": [],
    }
    registration = register(event, user=UserFactory(), **form.extras()).registration
    assert registration.answers.count() == 2


def test_answers_to_another_events_questions_are_ignored(event, other_event, questions):
    foreign = RegistrationQuestion.objects.create(event=other_event, label="Elders?")
    registration = register(
        event, user=UserFactory(), answers={foreign.pk: "Ja", questions["diet"].pk: "Geen"}
    ).registration
    assert list(RegistrationAnswer.objects.values_list("registration", "question", "value")) == [
        (registration.pk, questions["diet"].pk, "Geen")
    ]


def test_a_waiting_list_registration_keeps_its_answers(make_event, questions):
    full = make_event(capacity=1)
    question = RegistrationQuestion.objects.create(event=full, label="Dieet?")
    register(full, user=UserFactory())
    waiting = register(full, user=UserFactory(), answers={question.pk: "Vegetarisch"}).registration
    assert waiting.status == Registration.Status.WAITING
    assert waiting.answers.get().value == "Vegetarisch"


def question_form_data(**fields):
    data = {
        "questions-TOTAL_FORMS": "1",
        "questions-0-id": "",
        "questions-0-ORDER": "1",
        "questions-0-DELETE": "",
        "questions-0-label": "Welke workshop kies je?",
        "questions-0-kind": "keuze",
        "questions-0-choices": "Archiveren\nAPI's",
        "questions-0-help_text": "",
    }
    data.update({f"questions-0-{key}": value for key, value in fields.items()})
    return data


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ("Archiveren", "Geef bij een keuzevraag minstens twee antwoorden"),
        ("Archiveren\nArchiveren", "Elk antwoord mag maar één keer voorkomen."),
    ],
    ids=["one-answer", "twice-the-same"],
)
def test_organiser_cannot_save_a_choice_question_without_two_answers(
    organiser_client, agenda, network, choices, message
):
    data = event_form_data(network, **{"action-publish": "action-publish"})
    data.update(question_form_data(choices=choices))
    response = organiser_client.post(f"/admin/pages/add/events/eventpage/{agenda.pk}/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RegistrationQuestion.objects.exists()


def test_organiser_adds_a_question_in_the_registration_tab(organiser_client, agenda, network):
    data = event_form_data(network, **{"action-publish": "action-publish"})
    data.update(question_form_data(required="on"))
    response = organiser_client.post(f"/admin/pages/add/events/eventpage/{agenda.pk}/", data)
    assert response.status_code == 302
    question = RegistrationQuestion.objects.get()
    assert question.choice_list == ["Archiveren", "API's"]
    assert question.required
