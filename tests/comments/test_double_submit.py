"""A double click on "Plaatsen" posts one comment: the second submit lands the member on the
comment the first one stored, with a message saying so, and nobody is notified twice. The
same text by the same member on the same page within ten minutes is that comment again."""

from datetime import timedelta

import pytest

from django.test import Client
from django.utils import timezone

from comments.models import Comment
from comments.rules import DUPLICATE_WINDOW
from tests.comments.factories import make_comment
from tests.concurrency import at_once

TEXT = "Wij kopen sinds vorig jaar samen in met twee buurgemeenten."


def write(client, page, text=TEXT, **extra):
    return client.post(f"/reacties/pagina/{page.pk}/", {"body": text, "post": "1", **extra})


def mails_to(outbox, user):
    return [message for message in outbox if message.to == [user.email]]


@pytest.mark.django_db
def test_member_double_clicking_plaatsen_gets_one_comment_and_one_notification(
    member_client, member, author_member, article, comment_settings, deliver, mailoutbox
):
    with deliver():
        first = write(member_client, article)
    with deliver():
        second = write(member_client, article)

    comment = Comment.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert second["Location"].endswith(f"#reactie-{comment.pk}")
    assert len(mails_to(mailoutbox, author_member)) == 1
    page = member_client.get(second["Location"]).content.decode()
    assert "Deze reactie had je net al geplaatst" in page


@pytest.mark.django_db
def test_double_click_on_a_reply_posts_one_reply(
    member_client, member, other_member, article, comment_settings
):
    question = make_comment(article, other_member, "Hoe regelen jullie de aanbesteding?")
    first = write(member_client, article, parent=question.pk)
    second = write(member_client, article, parent=question.pk)
    reply = Comment.objects.get(parent=question)
    assert first["Location"] == second["Location"]
    assert second["Location"].endswith(f"#reactie-{reply.pk}")


@pytest.mark.django_db
def test_double_click_on_a_held_comment_keeps_one_in_the_queue(
    member_client, member, moderator, article, strict_settings, deliver, mailoutbox
):
    with deliver():
        write(member_client, article)
        write(member_client, article)
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 1
    assert len(mails_to(mailoutbox, moderator)) == 1


@pytest.mark.django_db
def test_same_text_with_other_white_space_is_the_same_comment(
    member_client,
    member,
    other_member,
    author_member,
    article,
    comment_settings,
    deliver,
    mailoutbox,
):
    with deliver():
        first = write(member_client, article)
    question = make_comment(article, other_member, "Wie doet er nog meer mee?")
    with deliver():
        # Other line breaks and spaces, and as a reply elsewhere on the page: still the same.
        second = write(member_client, article, text="  " + TEXT.replace(" ", "\n  ", 2) + "\n")
        third = write(member_client, article, parent=question.pk)
    assert Comment.objects.filter(user=member).count() == 1
    assert first["Location"] == second["Location"] == third["Location"]
    assert len(mails_to(mailoutbox, author_member)) == 1
    assert mails_to(mailoutbox, other_member) == []


@pytest.mark.django_db
def test_same_text_later_or_on_another_page_is_a_new_comment(
    member_client, member, blog_index, article, comment_settings
):
    from tests.blog.factories import make_article

    make_comment(
        article,
        member,
        TEXT,
        created_at=timezone.now() - DUPLICATE_WINDOW - timedelta(seconds=5),
    )
    write(member_client, article)  # after the window: meant again
    write(member_client, make_article(blog_index, title="Ander artikel"))
    assert Comment.objects.filter(user=member, body=TEXT).count() == 3


@pytest.mark.django_db
def test_a_rejected_or_deleted_copy_does_not_count(
    member_client, member, article, comment_settings
):
    make_comment(article, member, TEXT, status=Comment.Status.REJECTED)
    make_comment(article, member, TEXT, deleted_at=timezone.now())
    response = write(member_client, article)
    assert response.status_code == 302
    assert Comment.objects.filter(user=member, status=Comment.Status.PUBLISHED).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_of_one_comment_post_it_once(
    member, author_member, article, comment_settings, tmp_path
):
    from vakgenoten.models import OutgoingEmail

    clients = [Client(), Client()]
    for client in clients:
        client.force_login(member)
    responses = at_once(
        [lambda client=client: write(client, article) for client in clients], tmp_path
    )
    comment = Comment.objects.get()
    assert [response.status_code for response in responses] == [302, 302]
    assert {response["Location"] for response in responses} == {
        f"{article.url}#reactie-{comment.pk}"
    }
    # One comment, so one e-mail to the article's author in the outbox.
    assert OutgoingEmail.objects.filter(to=author_member.email).count() == 1
