"""Replies and mentions under "Meldingen": who is told, when, with a link in the comment."""

import pytest

from comments.actions import edit_comment, moderate, post_comment
from comments.mentions import render_comment, resolve_mentions
from comments.models import Comment
from members.inbox import unread_count
from members.models import MemberBlock, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    """The writer, with a name no other member in these tests has."""
    return UserFactory(first_name="Koen", last_name="Smit")


def notifications_of(user, kind=None):
    queryset = Notification.objects.filter(recipient=user)
    if kind:
        queryset = queryset.filter(kind=kind)
    return list(queryset)


def test_a_reply_notifies_the_member_answered(
    member, other_member, article, comment_settings, deliver
):
    with deliver():
        first = post_comment(member, article, "Wij kopen samen in met drie buurgemeenten.")
    with deliver():
        reply = post_comment(other_member, article, "Hoe regelen jullie dat?", parent=first)
    [notification] = notifications_of(member)
    assert notification.kind == Notification.Kind.REPLY
    assert notification.actor == other_member
    assert notification.subject == article.title
    assert notification.excerpt == "Hoe regelen jullie dat?"
    assert notification.url == f"/reacties/{reply.pk}/"
    assert notifications_of(other_member) == []  # nobody hears of their own comment
    assert unread_count(member) == 1


def test_replying_to_yourself_notifies_nobody(member, article, comment_settings, deliver):
    with deliver():
        first = post_comment(member, article, "Eerste gedachte.")
    with deliver():
        post_comment(member, article, "En nog iets.", parent=first)
    assert notifications_of(member) == []


def test_a_mention_becomes_a_link_and_a_notification(
    member, other_member, article, comment_settings, deliver
):
    with deliver():
        comment = post_comment(
            member, article, "Goed punt. @Fatima El Amrani, heb jij hier ervaring mee?"
        )
    path = f"/leden/{other_member.pk}/"
    assert f'<a href="{path}" class="mention"' in comment.body_html
    assert ">@Fatima El Amrani</a>, heb jij" in comment.body_html
    assert comment.body.startswith("Goed punt. @Fatima El Amrani,")  # the source stays plain
    [notification] = notifications_of(other_member)
    assert notification.kind == Notification.Kind.MENTION
    assert notification.actor == member
    assert notification.url == f"/reacties/{comment.pk}/"


def test_a_member_mentioned_twice_is_told_once(
    member, other_member, article, comment_settings, deliver
):
    with deliver():
        post_comment(member, article, "@Fatima El Amrani en nog eens @Fatima El Amrani.")
    assert len(notifications_of(other_member)) == 1


def test_the_longest_name_wins(member, article, comment_settings):
    short = UserFactory(first_name="Anne", last_name="Marie")
    long = UserFactory(first_name="Anne", last_name="Marie de Vries")
    html = render_comment("Vraag het @Anne Marie de Vries maar.", article)
    assert f'href="/leden/{long.pk}/"' in html
    assert f'href="/leden/{short.pk}/"' not in html
    html = render_comment("Vraag het @Anne Marie maar.", article)
    assert f'href="/leden/{short.pk}/"' in html


def test_a_shared_name_links_only_the_one_taking_part(member, article, comment_settings, deliver):
    first = UserFactory(first_name="Sanne", last_name="Visser")
    second = UserFactory(first_name="Sanne", last_name="Visser")
    html = render_comment("@Sanne Visser, wat denk jij?", article)
    assert "mention" not in html  # two members of that name, neither in the conversation
    with deliver():
        taking_part = post_comment(second, article, "Ik doe ook mee.")
    html = render_comment("@Sanne Visser, wat denk jij?", article)
    assert f'href="/leden/{second.pk}/"' in html
    assert f'href="/leden/{first.pk}/"' not in html
    assert resolve_mentions("@Sanne Visser", article, taking_part)["Sanne Visser"] == second


def test_only_listed_members_are_linked(member, article, comment_settings):
    UserFactory(first_name="Joost", last_name="Bakker", is_active=False)
    UserFactory(first_name="Mirjam", last_name="Visser", verified=False)
    html = render_comment("@Joost Bakker en @Mirjam Visser", article)
    assert "mention" not in html


def test_an_email_address_is_no_mention(member, other_member, article, comment_settings):
    html = render_comment("Mail fatima@El Amrani.example", article)
    assert "mention" not in html


def test_a_mention_inside_a_link_stays_the_link(member, other_member, article, comment_settings):
    html = render_comment("[@Fatima El Amrani](https://example.org/fatima)", article)
    assert "mention" not in html
    assert 'href="https://example.org/fatima"' in html


def test_a_held_comment_notifies_only_once_published(
    member, other_member, moderator, article, strict_settings, deliver
):
    with deliver():
        comment = post_comment(member, article, "Wat vind jij, @Fatima El Amrani?")
    assert comment.status == Comment.Status.PENDING
    assert notifications_of(other_member) == []
    with deliver():
        moderate(comment, Comment.Status.PUBLISHED, moderator=moderator)
    assert [n.kind for n in notifications_of(other_member)] == [Notification.Kind.MENTION]
    with deliver():  # the task running again (a retry) stores nothing new
        from comments import tasks

        tasks.comment_published.enqueue(comment.pk)
    assert len(notifications_of(other_member)) == 1


def test_a_blocked_member_cannot_notify(member, other_member, article, comment_settings, deliver):
    MemberBlock.objects.create(blocker=other_member, blocked=member)
    with deliver():
        first = post_comment(other_member, article, "Mijn ervaring.")
    with deliver():
        post_comment(member, article, "@Fatima El Amrani klopt niet.", parent=first)
    assert notifications_of(other_member) == []


def test_replied_and_mentioned_gets_one_notification(
    member, other_member, article, comment_settings, deliver
):
    with deliver():
        first = post_comment(other_member, article, "Mijn ervaring.")
    with deliver():
        post_comment(member, article, "Dank je, @Fatima El Amrani!", parent=first)
    assert [n.kind for n in notifications_of(other_member)] == [Notification.Kind.REPLY]


def test_an_edit_that_adds_a_mention_notifies_once(
    member, other_member, article, comment_settings, deliver
):
    with deliver():
        comment = post_comment(member, article, "Wie weet hier meer van?")
    with deliver():
        edit_comment(comment, member, "Wie weet hier meer van? @Fatima El Amrani misschien.")
    with deliver():
        edit_comment(comment, member, "Wie weet hier meer van? Vast @Fatima El Amrani.")
    assert len(notifications_of(other_member, Notification.Kind.MENTION)) == 1


def test_the_preview_shows_the_mention_link(
    client, member, other_member, article, comment_settings
):
    client.force_login(member)
    response = client.post(f"/reacties/pagina/{article.pk}/", {"body": "Hoi @Fatima El Amrani."})
    assert response.status_code == 200
    assert f'href="/leden/{other_member.pk}/"' in response.content.decode()
    assert notifications_of(other_member) == []
