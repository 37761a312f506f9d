"""The event page with sessions and questions is valid HTML in each state of the form.

The sweep in tests/accessibility checks the demo congress once; this checks the states it does
not reach: a refused registration (a full session, required questions), the form, the
registered member's answers and session form, and "mijn evenementen" with sessions.
"""

from pathlib import Path

import pytest

from events.forms import RegistrationForm
from tests.accessibility.test_html_validity import check_folder, readable
from tests.events.test_registration_questions import name, questions  # noqa: F401 (fixture)
from tests.events.test_sessions import register_url, rounds, take  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_every_state_of_the_session_and_question_form_is_valid_html(
    member_client,
    member,
    event,
    rounds,  # noqa: F811
    questions,  # noqa: F811
    tmp_path,
):
    take(event, rounds["b"], 2)
    first = RegistrationForm(event=event).slots[0].key
    pages = {"form": member_client.get(event.url)}
    pages["refused"] = member_client.post(
        register_url(event), {first: str(rounds["b"].pk), "remark": "Vegetarisch"}
    )
    member_client.post(
        register_url(event),
        {
            first: str(rounds["a"].pk),
            name(questions["workshop"]): "Archiveren",
            name(questions["transit"]): "Ja",
        },
    )
    pages["registered"] = member_client.get(event.url)
    pages["my-events"] = member_client.get("/mijn-evenementen/")
    for label, response in pages.items():
        Path(tmp_path / f"{label}.html").write_text(response.content.decode())
    messages = check_folder(tmp_path)
    assert not messages, readable(messages)
