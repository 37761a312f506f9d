"""A closed page says why (with the editors' reason when there is one) instead of offering the
form, and a POST to it gets the same explanation with the text kept, not "Er ging iets mis"."""

from datetime import timedelta

import pytest

from django.utils import timezone

from comments.models import Comment, CommentClosure

pytestmark = pytest.mark.django_db


def post(client, page, **data):
    return client.post(f"/reacties/pagina/{page.pk}/", {"body": "Nog één ding", **data})


def test_closed_page_shows_the_reason_and_no_form(member_client, article, comment_settings):
    CommentClosure.objects.create(page=article, reason="Het gesprek is afgerond.")
    html = member_client.get(article.url).content.decode()
    assert "Reageren is gesloten" in html
    assert "De redactie heeft de reacties op deze pagina gesloten: Het gesprek is afgerond." in html
    assert "<textarea" not in html


def test_closed_without_a_reason_still_explains(member_client, article, comment_settings):
    CommentClosure.objects.create(page=article)
    html = member_client.get(article.url).content.decode()
    assert "De redactie heeft de reacties op deze pagina gesloten." in html
    assert "<textarea" not in html


@pytest.mark.parametrize("step", ["preview", "post"])
def test_post_to_a_closed_page_explains_and_keeps_the_text(
    member_client, article, comment_settings, step
):
    CommentClosure.objects.create(page=article, reason="Het gesprek is afgerond.")
    response = post(member_client, article, **{step: "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Reageren is gesloten" in html
    assert "Het gesprek is afgerond." in html
    assert "Er ging iets mis" not in html
    assert "Nog één ding</textarea>" in html and "readonly" in html
    assert 'name="post"' not in html
    assert Comment.objects.count() == 0


def test_page_closed_by_age_explains_at_the_form_and_on_post(
    member_client, article, comment_settings
):
    comment_settings.close_after_days = 30
    comment_settings.save()
    type(article).objects.filter(pk=article.pk).update(
        first_published_at=timezone.now() - timedelta(days=31)
    )
    html = member_client.get(article.url).content.decode()
    assert "ouder dan 30 dagen" in html and "<textarea" not in html
    html = post(member_client, article, post="1").content.decode()
    assert "ouder dan 30 dagen" in html and "Er ging iets mis" not in html
