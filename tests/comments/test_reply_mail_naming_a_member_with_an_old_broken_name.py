"""A reply notification names its writer; a line break stored in that name (before names were
checked) no longer keeps the e-mail from being sent."""

import pytest

from comments.actions import post_comment
from members.models import User
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db


def test_member_hears_about_a_reply_by_someone_whose_stored_name_holds_a_line_break(
    member, other_member, article, comment_settings, deliver, mailoutbox
):
    User.objects.filter(pk=other_member.pk).update(first_name="Fatima\r\nBcc: x@example.org")
    other_member.refresh_from_db()
    top = make_comment(article, member, "Mijn vraag")

    with deliver():
        post_comment(other_member, article, "Mijn antwoord", parent=top)

    [message] = [m for m in mailoutbox if m.to == [member.email]]
    assert "antwoordde op je reactie" in message.subject
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.bcc == []
