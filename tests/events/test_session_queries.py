"""An event page with sessions and questions takes the same number of queries at any size.

Two sizes: 2 sessions in 1 round and 1 question, against 20 sessions in 10 rounds and
10 questions with their choices and answers. Measured for a registered member (who also sees
their answers and the form to change sessions) and for an anonymous reader on a cache miss.
"""

from datetime import timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventSession, RegistrationQuestion
from events.registration import register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Sessions, their seats, questions; for a registered member also their answers and choices.
ADDED_QUERIES = 5


def fill(event, rounds, per_round, questions, member):
    sessions = []
    for number in range(rounds):
        starts_at = event.start + timedelta(minutes=30 * number)
        for track in range(per_round):
            sessions.append(
                EventSession.objects.create(
                    event=event,
                    title=f"Sessie {number}-{track}",
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(minutes=25),
                    room=f"Zaal {track}",
                    capacity=5,
                )
            )
    asked = [
        RegistrationQuestion.objects.create(
            event=event,
            label=f"Vraag {number}",
            kind=RegistrationQuestion.Kind.CHOICE,
            choices="Een\nTwee\nDrie",
        )
        for number in range(questions)
    ]
    for _ in range(3):
        register(event, user=UserFactory(), sessions=[sessions[0].pk], notify=False)
    first_of_each_round = sessions[::per_round]
    register(
        event,
        user=member,
        sessions=[session.pk for session in first_of_each_round],
        answers={question.pk: "Twee" for question in asked},
        notify=False,
    )


def count(client, url, miss):
    url = f"{url}?miss={miss}"
    client.get(url + "&warm=1")
    client.get(url + "&warm=2")
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "registered"])
def test_event_page_queries_do_not_grow_with_sessions_and_questions(
    client, make_event, member, signed_in
):
    plain = make_event(capacity=100, slug="zonder-sessies")
    register(plain, user=member, notify=False)
    small = make_event(capacity=100, slug="klein")
    large = make_event(capacity=100, slug="groot")
    fill(small, rounds=1, per_round=2, questions=1, member=member)
    fill(large, rounds=10, per_round=2, questions=10, member=member)
    if signed_in:
        client.force_login(member)
    baseline = count(client, plain.url, 0)
    few = count(client, small.url, 1)
    many = count(client, large.url, 2)
    assert few == many
    assert few <= baseline + ADDED_QUERIES
    html = client.get(large.url + "?miss=3").content.decode()
    assert "Sessie 9-1" in html
    if signed_in:
        assert "Vraag 9" in html
