"""A refused bulk decision keeps what the moderator chose, and destructive decisions ask first.

"Afwijzen" without a reason used to come back with every tick cleared and the action reset to
"Goedkeuren": one careless second click approved what was meant to be rejected.
"""

import re

import pytest

from comments.models import Comment, ModerationDecision
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db

QUEUE = "/admin/reacties/"


def ticked(html):
    """The ids of the ticked comment checkboxes in the queue."""
    return {
        int(value)
        for value, attrs in re.findall(
            r'<input type="checkbox" name="comments" value="(\d+)"([^>]*)>', html
        )
        if "checked" in attrs
    }


def chosen_action(html):
    return re.findall(r'<option value="(\w+)" selected>', html)


@pytest.fixture
def waiting(article, member, comment_settings):
    return [make_comment(article, member, f"Wacht {n}", status="pending") for n in range(4)]


def test_reject_without_reason_keeps_every_tick_and_the_action(moderator_client, waiting):
    chosen = [waiting[0].pk, waiting[2].pk, waiting[3].pk]
    response = moderator_client.post(
        f"{QUEUE}?status=pending", {"action": "reject", "comments": chosen, "reason": "  "}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geef een reden bij het afwijzen; het lid krijgt die te lezen." in html
    assert ticked(html) == set(chosen)
    assert chosen_action(html) == ["reject"]
    assert 'aria-invalid="true"' in html
    # Nothing happened, and the filter of the queue is kept in the form's address.
    assert set(Comment.objects.values_list("status", flat=True)) == {"pending"}
    assert ModerationDecision.objects.count() == 0
    assert 'action="/admin/reacties/?status=pending"' in html


def test_resubmitting_the_refused_form_with_a_reason_rejects_exactly_the_ticked(
    moderator_client, waiting
):
    chosen = [waiting[1].pk, waiting[2].pk]
    moderator_client.post(QUEUE, {"action": "reject", "comments": chosen, "reason": ""})
    # The browser resubmits what the page shows: the same ticks and action, now a reason.
    response = moderator_client.post(
        QUEUE, {"action": "reject", "comments": chosen, "reason": "Persoonlijke aanval"}
    )
    assert "weet je het zeker?" in response.content.decode()
    moderator_client.post(
        QUEUE,
        {"action": "reject", "comments": chosen, "reason": "Persoonlijke aanval", "confirm": "1"},
    )
    statuses = {c.pk: Comment.objects.get(pk=c.pk).status for c in waiting}
    assert statuses == {
        waiting[0].pk: "pending",
        waiting[1].pk: "rejected",
        waiting[2].pk: "rejected",
        waiting[3].pk: "pending",
    }


def test_nothing_ticked_comes_back_with_the_action_and_reason(moderator_client, waiting):
    html = moderator_client.post(
        QUEUE, {"action": "spam", "reason": "Reclame voor een cursus"}
    ).content.decode()
    assert "Kies eerst één of meer reacties." in html
    assert chosen_action(html) == ["spam"]
    assert "Reclame voor een cursus</textarea>" in html
    assert ticked(html) == set()


def test_nonsense_in_the_selection_does_not_break_the_queue(moderator_client, waiting):
    response = moderator_client.post(
        QUEUE, {"action": "reject", "comments": ["abc", waiting[0].pk], "reason": ""}
    )
    assert response.status_code == 200
    assert ticked(response.content.decode()) == {waiting[0].pk}


def test_reject_asks_for_confirmation_and_changes_nothing_until_confirmed(
    moderator_client, waiting, deliver, mailoutbox
):
    chosen = [waiting[0].pk, waiting[1].pk]
    with deliver():
        response = moderator_client.post(
            QUEUE,
            {
                "action": "reject",
                "comments": chosen,
                "reason": "Buiten de huisregels",
                "next": QUEUE,
            },
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Afwijzen: weet je het zeker?" in html
    assert "Wacht 0" in html and "Wacht 1" in html and "Wacht 2" not in html
    assert "Buiten de huisregels" in html
    assert "Ja, afwijzen" in html
    assert set(Comment.objects.values_list("status", flat=True)) == {"pending"}
    assert mailoutbox == []

    with deliver():
        response = moderator_client.post(
            QUEUE,
            {
                "action": "reject",
                "comments": chosen,
                "reason": "Buiten de huisregels",
                "next": QUEUE,
                "confirm": "1",
            },
        )
    assert response.status_code == 302
    assert Comment.objects.filter(status="rejected").count() == 2
    assert len(mailoutbox) == 2


def test_back_from_the_confirmation_shows_the_same_choice(moderator_client, waiting):
    chosen = [waiting[3].pk]
    html = moderator_client.post(
        QUEUE,
        {"action": "spam", "comments": chosen, "reason": "Reclame", "back": "1"},
    ).content.decode()
    assert ticked(html) == set(chosen)
    assert chosen_action(html) == ["spam"]
    assert Comment.objects.filter(status="spam").count() == 0


def test_approving_needs_no_confirmation(moderator_client, waiting):
    response = moderator_client.post(QUEUE, {"action": "approve", "comments": [waiting[0].pk]})
    assert response.status_code == 302
    assert Comment.objects.get(pk=waiting[0].pk).status == "published"


def test_detail_view_asks_before_rejecting_and_keeps_the_choice_when_refused(
    moderator_client, waiting
):
    comment = waiting[0]
    url = f"{QUEUE}{comment.pk}/"
    html = moderator_client.post(url, {"action": "reject", "reason": ""}).content.decode()
    assert "Geef een reden bij het afwijzen" in html
    assert chosen_action(html) == ["reject"]
    html = moderator_client.post(url, {"action": "reject", "reason": "Kwetsend"}).content.decode()
    assert "Afwijzen: weet je het zeker?" in html
    comment.refresh_from_db()
    assert comment.status == "pending"
    response = moderator_client.post(
        url, {"action": "reject", "reason": "Kwetsend", "confirm": "1"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "rejected"


@pytest.mark.parametrize("odd", ["²", "٣", "99999999999999999999999999", "-1", "\x00"])
def test_odd_values_in_the_selection_or_the_ban_form_never_break_a_page(
    moderator_client, waiting, odd
):
    # A NUL byte gets the site's Dutch 400 page before any view runs; the rest reach the view.
    expected = 400 if "\x00" in odd else 200
    response = moderator_client.post(
        QUEUE, {"action": "reject", "comments": [odd, waiting[0].pk], "reason": ""}
    )
    assert response.status_code == 200
    assert ticked(response.content.decode()) == {waiting[0].pk}
    response = moderator_client.get("/admin/reacties/schorsingen/nieuw/", {"reactie": odd})
    assert response.status_code == expected
    response = moderator_client.post(
        "/admin/reacties/schorsingen/nieuw/",
        {"email": odd, "comment": odd, "period": odd, "until": odd, "reason": odd},
    )
    assert response.status_code == 200
