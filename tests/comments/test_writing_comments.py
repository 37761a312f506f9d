"""A member previews a comment, then posts it; others see why they cannot and how to join."""

from urllib.parse import quote

import pytest

from comments.models import MAX_COMMENT_LENGTH, Comment, ConversationSubscription
from tests.comments.factories import make_comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def write_url(page):
    return f"/reacties/pagina/{page.pk}/"


def test_visitor_is_told_to_become_a_member_with_links_back(client, article, comment_settings):
    response = client.get(article.url)
    html = response.content.decode()
    assert "Je moet lid zijn om te reageren" in html
    back = quote(article.url + "#reageren", safe="")
    assert f"/accounts/signup/?next={back}" in html
    assert f"/accounts/login/?next={back}" in html
    assert "<textarea" not in html


def test_visitor_posting_is_sent_to_login(client, article, comment_settings):
    response = client.post(write_url(article), {"body": "Hallo", "post": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not Comment.objects.exists()


def test_form_first_button_is_preview(member_client, article, comment_settings):
    html = member_client.get(article.url).content.decode()
    form = html[html.index("data-comment-form") :]
    first_button = form[form.index("<button") : form.index("</button>")]
    assert "Voorbeeld bekijken" in first_button
    assert 'name="post"' not in form[: form.index("</form>")]


def test_member_sees_preview_before_comment_is_posted(
    member_client, member, article, comment_settings
):
    text = "Wij doen dit **al twee jaar** samen met [Lindenholt](https://lindenholt.example)."
    response = member_client.post(write_url(article), {"body": text, "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Voorbeeld van je reactie" in html
    assert "<strong>al twee jaar</strong>" in html
    assert 'rel="nofollow ugc noopener"' in html
    assert "Plaatsen" in html
    assert "al twee jaar" in html[html.index("<textarea") :]  # the text is in the form again
    assert not Comment.objects.exists()

    response = member_client.post(write_url(article), {"body": text, "post": "1"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#reactie-{comment.pk}")
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.body == text
    assert "<strong>al twee jaar</strong>" in comment.body_html
    assert comment.user == member


def test_comment_shows_name_and_date_but_never_the_email(client, article, member, comment_settings):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    # A public profile: visitors see the name (tests/comments/test_members_only_names.py
    # covers a members-only one).
    member.profile.visibility = "public"
    member.profile.save()
    moment = datetime(2013, 4, 20, 12, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
    make_comment(article, member, "Goed stuk!", created_at=moment)
    html = client.get(article.url).content.decode()
    assert "Reactie van" in html
    assert member.get_full_name() in html
    assert "20 april 2013 om 12.12" in html
    assert member.email not in html


def test_commenting_subscribes_you_to_the_conversation(
    member_client, member, article, comment_settings
):
    member_client.post(write_url(article), {"body": "Eens!", "post": "1"})
    assert ConversationSubscription.objects.get(user=member, page=article).active


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Je reactie is leeg"),
        ("   \n  ", "Je reactie is leeg"),
        ("x" * (MAX_COMMENT_LENGTH + 1), "het maximum is 5000"),
    ],
)
def test_empty_or_too_long_comment_gets_a_dutch_message(
    member_client, article, comment_settings, body, message
):
    response = member_client.post(write_url(article), {"body": body, "post": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert not Comment.objects.exists()
    if body.strip():
        assert body in html  # the text stays in the form


def test_member_without_verified_email_cannot_comment(client, article, comment_settings):
    user = UserFactory(verified=False)
    client.force_login(user)
    html = client.get(article.url).content.decode()
    assert "Bevestig eerst je e-mailadres" in html
    response = client.post(write_url(article), {"body": "Mijn mening", "post": "1"})
    assert "Bevestig eerst je e-mailadres" in response.content.decode()
    assert "Mijn mening" in response.content.decode()
    assert not Comment.objects.exists()


def test_member_without_full_name_cannot_comment(client, article, comment_settings):
    user = UserFactory(last_name="")
    client.force_login(user)
    response = client.post(write_url(article), {"body": "Anoniem", "post": "1"})
    assert "voor- en achternaam" in response.content.decode()
    assert not Comment.objects.exists()


def test_reply_to_a_reply_attaches_to_the_top_level_comment(
    member_client, article, other_member, comment_settings
):
    top = make_comment(article, other_member, "Hoe regelen jullie de inkoop?")
    reply = make_comment(article, other_member, "Aanvulling", parent=top)
    member_client.post(
        write_url(article), {"body": "Via een centrale inkoper.", "parent": reply.pk, "post": "1"}
    )
    answer = Comment.objects.get(body="Via een centrale inkoper.")
    assert answer.parent == top


def test_reply_link_shows_whom_you_answer_without_javascript(
    member_client, article, other_member, comment_settings
):
    top = make_comment(article, other_member, "Vraag")
    html = member_client.get(f"{article.url}?reageer={top.pk}").content.decode()
    assert f"Je antwoordt op de reactie van {other_member.get_full_name()}" in html
    assert f'name="parent" value="{top.pk}"' in html


def test_replies_are_shown_under_their_comment(
    client, article, member, other_member, comment_settings
):
    top = make_comment(article, member, "Eerste")
    make_comment(article, other_member, "Antwoord op eerste", parent=top)
    html = client.get(article.url).content.decode()
    assert "comment-list--replies" in html
    assert html.index("Eerste") < html.index("Antwoord op eerste")
    assert "2 reacties" in html


def test_comments_work_on_every_article_type_and_on_event_pages(
    member_client, blog_index, comment_settings
):
    from blog.models import BestPracticePage, InterviewPage, NewsPage
    from tests.blog.factories import make_article

    pages = [
        make_article(blog_index, model=model)
        for model in (InterviewPage, NewsPage, BestPracticePage)
    ]
    for page in pages:
        member_client.post(write_url(page), {"body": f"Reactie op {page.title}", "post": "1"})
        html = member_client.get(page.url).content.decode()
        assert f"Reactie op {page.title}" in html
    assert Comment.objects.count() == 3


def test_comments_on_an_event_page(member_client, home_page, comment_settings):
    from tests.comments.pages import make_event

    event = make_event(home_page)
    member_client.post(write_url(event), {"body": "Ik kom ook!", "post": "1"})
    html = member_client.get(event.url).content.decode()
    assert "Ik kom ook!" in html
    assert "Volg dit gesprek" in html or "Niet meer volgen" in html


def test_own_pending_comment_is_visible_only_to_its_writer(
    client, member, other_member, article, strict_settings
):
    client.force_login(member)
    client.post(write_url(article), {"body": "Mijn eerste reactie", "post": "1"})
    assert Comment.objects.get().status == Comment.Status.PENDING
    html = client.get(article.url).content.decode()
    assert "Mijn eerste reactie" in html
    assert "wacht op goedkeuring" in html
    client.force_login(other_member)
    assert "Mijn eerste reactie" not in client.get(article.url).content.decode()
