"""A moderator suspends a member from commenting for a period, with a reason: the member is
told by e-mail, sees it at the form instead of the form, is refused when posting anyway (with
the text kept), and can comment again when the ban ends or is lifted early."""

from datetime import datetime, timedelta
from unittest import mock

import pytest

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from comments.actions import ban_member, lift_ban, post_comment
from comments.forms import add_month
from comments.groups import EDITORS_GROUP, MODERATORS_GROUP
from comments.models import Comment, CommentBan
from comments.rules import CommentRefused
from tests.comments.factories import make_comment, with_second_factor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BANS = "/admin/reacties/schorsingen/"
NEW_BAN = f"{BANS}nieuw/"


def ban_form(member, **fields):
    return {"email": member.email, "period": "week", "reason": "Herhaaldelijk op de man", **fields}


def mails_to(outbox, user):
    return [message for message in outbox if message.to == [user.email]]


def test_moderator_bans_from_a_comment_in_two_steps_and_the_member_is_mailed(
    moderator_client, moderator, member, article, comment_settings, deliver, mailoutbox
):
    comment = make_comment(article, member, "Jij snapt er niets van", status="pending")
    html = moderator_client.get("/admin/reacties/?status=pending").content.decode()
    assert f"{NEW_BAN}?reactie={comment.pk}" in html
    html = moderator_client.get(NEW_BAN, {"reactie": comment.pk}).content.decode()
    assert f'value="{member.email}"' in html
    assert "Jij snapt er niets van" in html  # the reason for the ban, in view

    with deliver():
        response = moderator_client.post(NEW_BAN, ban_form(member, comment=comment.pk))
    html = response.content.decode()
    assert "Weet je het zeker?" in html and "Ja, lid schorsen" in html
    assert CommentBan.objects.count() == 0 and mailoutbox == []

    before = timezone.now()
    with deliver():
        response = moderator_client.post(NEW_BAN, ban_form(member, comment=comment.pk, confirm="1"))
    assert response.status_code == 302
    ban = CommentBan.objects.get()
    assert ban.user == member and ban.created_by == moderator and ban.comment == comment
    assert before + timedelta(days=7) <= ban.ends_at <= timezone.now() + timedelta(days=7)
    (message,) = mails_to(mailoutbox, member)
    assert "tijdelijk niet reageren" in message.subject
    assert "Je kunt tot " in message.body and "Herhaaldelijk op de man" in message.body


def test_member_sees_the_ban_at_the_form_instead_of_the_form(
    member_client, member, moderator, article, comment_settings
):
    assert "<textarea" in member_client.get(article.url).content.decode()
    ban_member(member, moderator, timezone.now() + timedelta(days=1), "Scheldwoorden")
    html = member_client.get(article.url).content.decode()
    assert "Je bent tijdelijk geschorst" in html
    assert "Je kunt tot " in html and "niet reageren: Scheldwoorden" in html
    assert "<textarea" not in html
    assert "?reageer=" not in html  # no reply links either


def test_banned_members_post_is_refused_with_the_text_kept(
    member_client, member, moderator, article, comment_settings
):
    ban_member(member, moderator, timezone.now() + timedelta(days=1), "Scheldwoorden")
    for step in ("preview", "post"):
        response = member_client.post(
            f"/reacties/pagina/{article.pk}/", {"body": "Mijn lange verhaal", step: "1"}
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "niet reageren: Scheldwoorden" in html
        assert "Mijn lange verhaal</textarea>" in html  # kept, to copy
        assert "Er ging iets mis" not in html
        assert 'name="post"' not in html
    assert Comment.objects.count() == 0
    with pytest.raises(CommentRefused, match="Scheldwoorden"):
        post_comment(member, article, "Via een andere weg")


def test_banned_member_cannot_edit_a_comment_either(
    member_client, member, moderator, article, comment_settings
):
    comment = make_comment(article, member, "Origineel")
    ban_member(member, moderator, timezone.now() + timedelta(hours=2), "Even afkoelen")
    response = member_client.post(
        f"/reacties/{comment.pk}/bewerken/", {"body": "Nu scheldend", "post": "1"}
    )
    assert "niet reageren: Even afkoelen" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Origineel"


def later(delta):
    """Let the clock run ``delta`` ahead for the code under test (``timezone.now``)."""
    real_now = timezone.now
    return mock.patch("django.utils.timezone.now", lambda: real_now() + delta)


def test_ban_lifts_by_itself_at_its_end_even_with_the_reader_state_cached(
    settings, member_client, member, moderator, article, comment_settings
):
    settings.PAGE_CACHE_SECONDS = 600
    ban_member(member, moderator, timezone.now() + timedelta(hours=1), "Even afkoelen")
    assert "Je bent tijdelijk geschorst" in member_client.get(article.url).content.decode()
    with later(timedelta(minutes=59)):
        assert "Je bent tijdelijk geschorst" in member_client.get(article.url).content.decode()
    with later(timedelta(hours=1, seconds=1)):
        html = member_client.get(article.url).content.decode()
        assert "Je bent tijdelijk geschorst" not in html
        assert "<textarea" in html
        assert post_comment(member, article, "Weer welkom").status == Comment.Status.PUBLISHED


def test_moderator_lifts_a_ban_early_and_the_member_hears_it(
    settings,
    moderator_client,
    moderator,
    member,
    article,
    comment_settings,
    deliver,
    mailoutbox,
):
    from django.test import Client

    member_client = Client()  # the fixture's client is the moderator's here
    member_client.force_login(member)
    settings.PAGE_CACHE_SECONDS = 600
    ban = ban_member(member, moderator, timezone.now() + timedelta(days=30), "Te fel")
    assert "Je bent tijdelijk geschorst" in member_client.get(article.url).content.decode()
    html = moderator_client.get(BANS).content.decode()
    assert "Te fel" in html and f"{BANS}{ban.pk}/opheffen/" in html
    assert (
        "Schorsing nu opheffen"
        in moderator_client.get(f"{BANS}{ban.pk}/opheffen/").content.decode()
    )
    with deliver():
        response = moderator_client.post(f"{BANS}{ban.pk}/opheffen/")
    assert response.status_code == 302
    ban.refresh_from_db()
    assert ban.lifted_by == moderator and ban.lifted_at is not None
    assert "Je bent tijdelijk geschorst" not in member_client.get(article.url).content.decode()
    assert "weer reageren" in mails_to(mailoutbox, member)[-1].subject
    # The list keeps it under the past bans, with who lifted it.
    assert "Niemand is nu geschorst." in moderator_client.get(BANS).content.decode()
    past = moderator_client.get(BANS, {"toon": "eerder"}).content.decode()
    assert "Te fel" in past and f"door {moderator.get_full_name()}" in past
    assert lift_ban(ban, moderator) is False  # lifting twice changes nothing


def test_ban_until_a_date_lasts_through_that_day(moderator_client, member, comment_settings):
    last_day = timezone.localdate() + timedelta(days=3)
    moderator_client.post(
        NEW_BAN, ban_form(member, period="until", until=last_day.isoformat(), confirm="1")
    )
    ban = CommentBan.objects.get()
    assert timezone.localtime(ban.ends_at) == timezone.make_aware(
        datetime.combine(last_day + timedelta(days=1), datetime.min.time())
    )


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"reason": "  "}, "Geef een reden"),
        ({"email": "niemand@example.org"}, "Er is geen actief lid met dit e-mailadres."),
        ({"period": "until", "until": ""}, "Kies de laatste dag van de schorsing."),
        ({"period": "until", "until": "2000-01-01"}, "Die datum is al voorbij."),
        ({"period": "until", "until": "gisteren"}, "Voer een geldige datum in"),
        ({"period": "eeuwig"}, "Selecteer een geldige keuze"),
    ],
)
def test_ban_form_refuses_odd_input_and_keeps_what_was_typed(
    moderator_client, member, comment_settings, fields, error
):
    data = ban_form(member, **fields, confirm="1")
    response = moderator_client.post(NEW_BAN, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert error in html
    assert CommentBan.objects.count() == 0
    if fields.get("reason") is None:
        assert "Herhaaldelijk op de man" in html


def test_moderator_cannot_ban_themselves(moderator_client, moderator, comment_settings):
    html = moderator_client.post(NEW_BAN, ban_form(moderator, confirm="1")).content.decode()
    assert "Je kunt jezelf niet schorsen." in html


def test_a_month_is_a_calendar_month():
    moment = timezone.make_aware(datetime(2027, 1, 31, 15, 0))
    assert add_month(moment).date().isoformat() == "2027-02-28"
    assert add_month(timezone.make_aware(datetime(2027, 12, 5))).date().isoformat() == "2028-01-05"


def test_bans_are_for_redactie_and_moderatoren_only(client, member, comment_settings):
    outsider = with_second_factor(UserFactory(is_staff=True))
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(BANS).status_code in (302, 403)
    assert client.post(NEW_BAN, ban_form(member, confirm="1")).status_code in (302, 403)
    assert CommentBan.objects.count() == 0
    for name in (EDITORS_GROUP, MODERATORS_GROUP):
        user = with_second_factor(UserFactory(is_staff=True))
        user.groups.add(Group.objects.get(name=name))
        client.force_login(user)
        assert client.get(BANS).status_code == 200
        assert "Schorsingen" in client.get("/admin/").content.decode()


def test_a_moderator_who_may_see_bans_but_not_lift_them_gets_no_lift(
    client, member, moderator, comment_settings
):
    ban = ban_member(member, moderator, timezone.now() + timedelta(days=1), "Te fel")
    viewer = with_second_factor(UserFactory(is_staff=True))
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_commentban"),
    )
    client.force_login(viewer)
    assert "opheffen" not in client.get(BANS).content.decode()
    assert client.post(f"{BANS}{ban.pk}/opheffen/").status_code in (302, 403)
    ban.refresh_from_db()
    assert ban.lifted_at is None


def test_ban_list_query_count_does_not_grow(
    moderator_client, moderator, comment_settings, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    until = timezone.now() + timedelta(days=2)
    for member in UserFactory.create_batch(2):
        ban_member(member, moderator, until, "Te fel")
    moderator_client.get(BANS)
    with CaptureQueriesContext(connection) as baseline:
        moderator_client.get(BANS)
    for member in UserFactory.create_batch(20):
        ban_member(member, moderator, until, "Te fel")
    with django_assert_max_num_queries(len(baseline)):
        moderator_client.get(BANS)
