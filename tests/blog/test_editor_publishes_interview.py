"""An editor creates an interview with Q&A and a pull quote in the admin and publishes it."""

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import InterviewPage
from tests.blog.factories import make_author

pytestmark = pytest.mark.django_db


def test_editor_creates_and_publishes_an_interview_in_the_admin(admin_client, blog_index):
    from taxonomy.models import Theme

    author = make_author("Linda Hoekstra", role="journalist")
    theme = Theme.objects.get(slug="sociaal-domein")
    url = reverse("wagtailadmin_pages:add", args=("blog", "interviewpage", blog_index.pk))
    assert admin_client.get(url).status_code == 200

    data = nested_form_data(
        {
            "title": "Het wijkteam komt naar je toe",
            "slug": "het-wijkteam-komt-naar-je-toe",
            "intro": "Een teamleider Wmo vertelt hoe haar team inwoners thuis opzoekt.",
            "hero_image_alt": "",
            "hero_caption": "",
            "publication_date": "2026-03-02",
            "tags": "wmo, wijkteam",
            "article_authors": inline_formset([{"author": author.pk}]),
            "interviewees": inline_formset(
                [
                    {
                        "name": "Fatima El Amrani",
                        "role": "teamleider Wmo",
                        "organisation": "Oosterdijk",
                    }
                ]
            ),
            "related_article_links": inline_formset([]),
            "body": streamfield(
                [
                    (
                        "question_answer",
                        {
                            "question": "Waarom gaan jullie op huisbezoek?",
                            "answer": rich_text("<p>Omdat mensen niet naar het loket komen.</p>"),
                        },
                    ),
                    (
                        "pull_quote",
                        {"quote": "We wachten niet op een aanvraag.", "attribution": "Fatima"},
                    ),
                ]
            ),
            "action-publish": "action-publish",
        }
    )
    data["themes"] = [theme.pk]  # a multiple choice: a list, not nested form data
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""

    interview = InterviewPage.objects.get(slug="het-wijkteam-komt-naar-je-toe")
    assert interview.live
    assert [link.author for link in interview.article_authors.all()] == [author]
    assert interview.interviewees.get().name == "Fatima El Amrani"
    assert list(interview.themes.all()) == [theme]

    html = admin_client.get(interview.url).content.decode()
    assert "Waarom gaan jullie op huisbezoek?" in html
    assert "Omdat mensen niet naar het loket komen." in html
    assert "We wachten niet op een aanvraag." in html
    assert "Fatima El Amrani" in html
