"""Signed-in members get the parts of an article that are the same for everybody from the
cache (the article text, other people's comments, the thread page), and still see exactly
their own page: their own comments with edit links, fresh text after every change.
"""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page

from bench import data as bench_data
from comments.actions import follow, unfollow
from comments.models import Comment
from tests.blog.factories import with_second_factor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(blog_index, members, text):
    """An article with one comment by ``members[1]``; ``members[0]`` (the reader) wrote none."""
    page = bench_data.create_articles(blog_index, 1, text)[0]
    bench_data.create_comments([page], 1, members[1:2], text)
    return page


def html_for(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_readers_writer_and_visitors_each_get_their_own_comment_actions(
    client, page_cache_on, article, members
):
    reader, writer = members[0], members[1]
    comment = Comment.objects.get(page=article)

    client.force_login(reader)
    for _ in range(2):  # rendered, then from the cache
        html = html_for(client, article.url)
        assert f"/reacties/{comment.pk}/melden/" in html
        assert f"/reacties/{comment.pk}/verwijderen/" not in html
        assert writer.get_full_name() in html

    client.force_login(writer)
    html = html_for(client, article.url)
    assert f"/reacties/{comment.pk}/verwijderen/" in html
    assert f"/reacties/{comment.pk}/melden/" not in html

    client.logout()
    client.cookies.clear()
    html = html_for(client, article.url + "?anders=1")  # past the anonymous page cache
    assert f"/reacties/{comment.pk}/melden/" not in html
    assert f"reageer={comment.pk}" not in html
    assert "Je moet lid zijn om te reageren" in html


def test_an_edited_comment_and_a_renamed_writer_show_at_once(
    client, page_cache_on, article, members, django_capture_on_commit_callbacks
):
    reader, writer = members[0], members[1]
    comment = Comment.objects.get(page=article)
    client.force_login(reader)
    html_for(client, article.url)

    with django_capture_on_commit_callbacks(execute=True):
        comment.body_html = "<p>Bijgewerkt: het loket gaat om negen uur open.</p>"
        comment.save()
    assert "Bijgewerkt: het loket gaat om negen uur open." in html_for(client, article.url)

    # Renamed through the model (members.signals purges after the commit) ...
    with django_capture_on_commit_callbacks(execute=True):
        writer.first_name, writer.last_name = "Wijnanda", "Terpstra"
        writer.save(update_fields=["first_name", "last_name"])
    assert "Wijnanda Terpstra" in html_for(client, article.url)

    # ... and by an editor in the Wagtail admin.
    editor = type(client)()
    editor.force_login(with_second_factor(UserFactory(is_staff=True, is_superuser=True)))
    url = f"/admin/users/edit/{writer.pk}/"
    form = {"email": writer.email, "first_name": "Wijnanda", "last_name": "Terpstra-Bos"}
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(url, {**form, "is_active": "on"}).status_code == 302
    assert "Wijnanda Terpstra-Bos" in html_for(client, article.url)


def test_a_new_revision_reaches_signed_in_readers(client, page_cache_on, article, members):
    client.force_login(members[0])
    assert article.intro in html_for(client, article.url)
    page = Page.objects.get(pk=article.pk).specific  # as the editor's form loads it
    page.intro = "Een nieuwe inleiding, na de evaluatie met de raad."
    page.save_revision().publish()
    assert "Een nieuwe inleiding, na de evaluatie met de raad." in html_for(client, article.url)


def test_a_reply_link_keeps_the_thread_page_the_reader_is_on(
    client, page_cache_on, article, members
):
    comment = Comment.objects.get(page=article)
    client.force_login(members[0])
    html_for(client, article.url)
    assert f"reacties=1&amp;reageer={comment.pk}" in html_for(client, article.url + "?reacties=1")


def test_the_editing_bar_is_for_editors_only(client, page_cache_on, article, members):
    editors = Group.objects.create(name="Redactie (test)")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = members[2]
    editor.groups.add(editors)

    client.force_login(members[0])
    assert "wagtail-userbar" not in html_for(client, article.url)
    client.force_login(editor)
    assert "wagtail-userbar" in html_for(client, article.url)


def test_the_editing_bar_follows_a_members_groups_and_permissions_at_once(
    client, page_cache_on, article, members, django_capture_on_commit_callbacks
):
    """Whether a member may open the admin is kept as their own part: every change to it
    purges that part once committed, from the member's side or the group's."""
    editors = Group.objects.create(name="Redactie (test)")
    access = Permission.objects.get(codename="access_admin")
    member = members[0]
    client.force_login(member)
    assert "wagtail-userbar" not in html_for(client, article.url)

    changes = [
        (lambda: member.groups.add(editors), False),  # the group has no access yet
        (lambda: editors.permissions.add(access), True),
        (lambda: editors.user_set.remove(member), False),
        (lambda: member.user_permissions.add(access), True),
        (lambda: member.user_permissions.clear(), False),
    ]
    for change, shown in changes:
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert ("wagtail-userbar" in html_for(client, article.url)) is shown

    with django_capture_on_commit_callbacks(execute=True):
        member.is_superuser = True
        member.save()
    assert "wagtail-userbar" in html_for(client, article.url)


def test_the_shared_comment_form_still_carries_each_members_own_token(
    client, page_cache_on, article, members
):
    """The empty comment form is a shared fragment; the CSRF token sits outside it."""
    tokens = []
    for member in members[2:4]:
        client.force_login(member)
        html = html_for(client, article.url)
        form = html[
            html.index("data-comment-form") : html.index("</form>", html.index("data-comment-form"))
        ]
        assert 'name="csrfmiddlewaretoken"' in form
        assert 'name="body"' in form
        assert 'rel="canonical"' in html
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1))
    assert tokens[0] != tokens[1]


def test_following_a_conversation_shows_at_once(
    client, page_cache_on, article, members, django_capture_on_commit_callbacks
):
    reader = members[0]
    client.force_login(reader)
    assert "Volg dit gesprek" in html_for(client, article.url)  # the reader's state, cached

    with django_capture_on_commit_callbacks(execute=True):
        follow(reader, article)
    html = html_for(client, article.url)
    assert "Niet meer volgen" in html
    assert "Volg dit gesprek" not in html

    with django_capture_on_commit_callbacks(execute=True):
        unfollow(reader, article)
    assert "Volg dit gesprek" in html_for(client, article.url)


def test_a_newly_verified_address_opens_the_comment_form_at_once(
    client, page_cache_on, article, members, django_capture_on_commit_callbacks
):
    reader = members[0]
    address = EmailAddress.objects.get(user=reader)
    with django_capture_on_commit_callbacks(execute=True):
        address.verified = False
        address.save()
    client.force_login(reader)
    assert "Bevestig eerst je e-mailadres" in html_for(client, article.url)

    with django_capture_on_commit_callbacks(execute=True):
        address.verified = True
        address.save()
    html = html_for(client, article.url)
    assert "Bevestig eerst je e-mailadres" not in html
    assert 'name="body"' in html


def test_a_readers_first_comment_on_the_page_shows_to_them_at_once(
    client, page_cache_on, article, members, django_capture_on_commit_callbacks
):
    reader = members[0]
    client.force_login(reader)
    html_for(client, article.url)  # cached: the reader never wrote here

    with django_capture_on_commit_callbacks(execute=True):
        comment = Comment.objects.create(
            page=article,
            user=reader,
            body="Wij wachten nog op het advies.",
            body_html="<p>Wij wachten nog op het advies.</p>",
            status=Comment.Status.PENDING,
        )
    html = html_for(client, article.url)
    assert "Wij wachten nog op het advies." in html  # their own, still awaiting moderation
    assert f"/reacties/{comment.pk}/verwijderen/" in html


def test_a_commenters_own_thread_is_kept_and_loses_its_edit_link_on_time(
    client, page_cache_on, article, members, monkeypatch
):
    """Their own comments carry a delete link, and an edit link for 15 minutes. The thread
    is kept for them alone, and the moment the edit link must go it is rendered again,
    without anything being purged."""
    writer = members[1]
    comment = Comment.objects.get(page=article)
    written = timezone.now() - timedelta(minutes=5)
    Comment.objects.filter(pk=comment.pk).update(created_at=written)
    client.force_login(writer)
    for _ in range(2):  # rendered, then the page's other shared parts settle
        assert f"/reacties/{comment.pk}/bewerken/" in html_for(client, article.url)
    with CaptureQueriesContext(connection) as context:
        html = html_for(client, article.url)
    assert f"/reacties/{comment.pk}/bewerken/" in html
    assert not [q for q in context.captured_queries if 'comments_comment"' in q["sql"]]

    later = written + timedelta(minutes=15, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html = html_for(client, article.url)
    assert f"/reacties/{comment.pk}/bewerken/" not in html
    assert f"/reacties/{comment.pk}/verwijderen/" in html
    with CaptureQueriesContext(connection) as context:
        html = html_for(client, article.url)
    assert f"/reacties/{comment.pk}/verwijderen/" in html
    assert not [q for q in context.captured_queries if 'comments_comment"' in q["sql"]]

    # Another member never gets the writer's links from that cache.
    client.force_login(members[2])
    html = html_for(client, article.url)
    assert f"/reacties/{comment.pk}/verwijderen/" not in html
    assert f"/reacties/{comment.pk}/melden/" in html
