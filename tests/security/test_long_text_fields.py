"""Long free-text fields hold exactly what the server accepts: the browser stops at the same
number of characters (``maxlength``), so a member never sends a text that is refused or, past
the 5 MB request limit, lost with a bare "Bad Request"; and a text the browser let through is
never refused as too long because the browser sends each line break as two characters.
"""

import re

import pytest

from comments.forms import CommentForm, ReportForm
from comments.models import MAX_COMMENT_LENGTH
from events.forms import REMARK_MAX_LENGTH, ManualRegistrationForm, RegistrationForm
from members.forms import ProfileForm
from members.models import Profile
from vakgenoten.forms import ProblemReportForm


def profile_form(data=None):
    from tests.factories import UserFactory

    user = UserFactory()
    profile, _ = Profile.objects.get_or_create(user=user)
    return ProfileForm(data, instance=profile, user=user)


FIELDS = [
    pytest.param(CommentForm, "body", MAX_COMMENT_LENGTH, id="comment"),
    pytest.param(ReportForm, "explanation", 1000, id="comment-report"),
    pytest.param(ProblemReportForm, "message", 5000, id="problem-report"),
    pytest.param(RegistrationForm, "remark", REMARK_MAX_LENGTH, id="event-registration"),
    pytest.param(ManualRegistrationForm, "remark", REMARK_MAX_LENGTH, id="manual-registration"),
    pytest.param(profile_form, "bio", Profile.BIO_MAX_LENGTH, id="profile-bio"),
]


def as_the_browser_sends(length):
    """A text of ``length`` characters as the browser counts them, line breaks sent as CR LF."""
    line = "Een regel tekst van een lid."
    lines, count = [], 0
    while count + len(line) + 1 <= length:
        lines.append(line)
        count += len(line) + 1
    lines.append("x" * (length - count))
    return "\r\n".join(lines)


@pytest.mark.django_db
@pytest.mark.parametrize(("make_form", "name", "limit"), FIELDS)
def test_textarea_stops_the_browser_at_the_servers_limit(make_form, name, limit):
    html = str(make_form()[name])
    assert html.startswith("<textarea")
    assert re.search(rf'maxlength="{limit}"', html)


@pytest.mark.django_db
@pytest.mark.parametrize(("make_form", "name", "limit"), FIELDS)
def test_text_the_browser_let_through_is_accepted(make_form, name, limit):
    text = as_the_browser_sends(limit)
    assert "\r\n" in text
    assert len(text.replace("\r\n", "\n")) == limit
    form = make_form({name: text})
    form.is_valid()
    assert name not in form.errors


@pytest.mark.django_db
@pytest.mark.parametrize(("make_form", "name", "limit"), FIELDS)
def test_longer_text_is_refused_in_dutch_and_kept(make_form, name, limit):
    text = "a" * (limit + 1)
    form = make_form({name: text})
    assert not form.is_valid()
    [message] = form.errors[name]
    assert str(limit) in message and str(limit + 1) in message
    assert "tekens" in message or "karakters" in message
    assert text in str(form[name])
