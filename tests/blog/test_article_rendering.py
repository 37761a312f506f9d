"""Every article type renders with every body block, without third-party content."""

import pytest

from blog.models import BestPracticePage, BlogPostPage, InterviewPage, NewsPage
from tests.blog.factories import make_article, make_author, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_block(blog_index):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    document = get_document_model()(title="Plan van aanpak")
    document.file.save("plan.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    image = make_image("Werksessie")
    return [
        {"type": "heading", "value": {"text": "Waarom we begonnen", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Een alinea over <b>samenwerking</b>.</p>"},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": False, "alt_text": "Mensen aan tafel"},
                "caption": "De eerste werksessie",
                "attribution": "Gemeente Lindenholt",
            },
        },
        {"type": "quote", "value": {"quote": "Samen kom je verder.", "attribution": "Wethouder"}},
        {
            "type": "pull_quote",
            "value": {"quote": "Eerst het proces, dan de techniek.", "attribution": "Joost"},
        },
        {
            "type": "question_answer",
            "value": {"question": "Hoe begon het?", "answer": "<p>Met een lege muur.</p>"},
        },
        {
            "type": "embed",
            "value": {
                "url": "https://www.youtube.com/watch?v=abc123",
                "title": "Terugblik op de ledendag",
                "provider": "",
                "description": "Vier minuten hoogtepunten.",
                "kind": "video",
            },
        },
        {"type": "document", "value": {"document": document.pk, "title": ""}},
        {
            "type": "call_to_action",
            "value": {
                "title": "Doe mee",
                "text": "Deel je eigen voorbeeld.",
                "link_page": blog_index.pk,
                "link_url": "",
                "button_text": "Naar de kennisbank",
            },
        },
        {
            "type": "table",
            "value": {
                "data": [["Jaar", "Aanvragen"], ["2025", "465"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Aanvragen per jaar",
            },
        },
    ]


def assert_every_block_rendered(html):
    assert 'id="waarom-we-begonnen"' in html
    assert "<b>samenwerking</b>" in html
    assert 'alt="Mensen aan tafel"' in html and "De eerste werksessie" in html
    assert "Samen kom je verder." in html
    assert 'class="pull-quote"' in html and "Eerst het proces, dan de techniek." in html
    assert 'class="qa__question">Hoe begon het?' in html
    # The embed is a link card: a link to the provider, no iframe or script from it.
    assert 'href="https://www.youtube.com/watch?v=abc123"' in html
    assert "op youtube.com" in html
    assert "<iframe" not in html
    assert "Download: Plan van aanpak" in html
    assert "Naar de kennisbank" in html
    assert "<caption" in html and "Aanvragen per jaar" in html
    assert " style=" not in html


@pytest.mark.parametrize("model", [BlogPostPage, InterviewPage, BestPracticePage, NewsPage])
def test_reader_sees_every_block_in_each_article_type(client, blog_index, every_block, model):
    author = make_author(
        "Marieke van Dijk", role="adjunct-directeur", bio="Marieke schrijft over organiseren."
    )
    article = make_article(
        blog_index,
        model,
        title="Een artikel met alles",
        body=every_block,
        authors=[author],
        hero_image=make_image(),
        hero_image_alt="Een blauw vlak",
    )
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_every_block_rendered(html)
    assert "Een artikel met alles" in html
    assert 'alt="Een blauw vlak"' in html
    assert "Marieke van Dijk" in html and "Marieke schrijft over organiseren." in html
    assert "Weergaven:" in html


def test_interview_shows_who_was_interviewed(client, blog_index):
    article = make_article(blog_index, InterviewPage)
    html = client.get(article.url).content.decode()
    assert "In gesprek met" in html and "Geïnterviewde" in html


def test_best_practice_shows_problem_approach_results_and_contact(client, blog_index):
    from members.models import Organisation

    article = make_article(
        blog_index,
        BestPracticePage,
        problem="<p>Te veel losse loketten.</p>",
        approach="<p>Eén team voor drie gemeenten.</p>",
        results="<p>Antwoord binnen vijf dagen.</p>",
        status=BestPracticePage.Status.SCALED,
        contact_name="Mirjam Visser",
        contact_role="coördinator",
        contact_email="mirjam@lindenholt.example",
    )
    article.organisations.set([Organisation.objects.get(slug="gemeente-lindenholt")])
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    for text in (
        "Te veel losse loketten.",
        "Eén team voor drie gemeenten.",
        "Antwoord binnen vijf dagen.",
        "Opgeschaald",
        "Gemeente Lindenholt",
        "Mirjam Visser",
    ):
        assert text in html
    # The e-mail address is shown only when the editor deliberately switches it on.
    assert "mirjam@lindenholt.example" not in html
    article.show_contact_details = True
    article.save_revision().publish()
    assert "mirjam@lindenholt.example" in client.get(article.url).content.decode()


def test_hero_image_without_alt_text_is_refused(blog_index):
    from django.core.exceptions import ValidationError

    page = NewsPage(title="Zonder alt", slug="zonder-alt", intro="Intro", hero_image=make_image())
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "hero_image_alt" in error.value.message_dict


def test_reading_time_follows_the_length_of_the_text(blog_index):
    words = " ".join(["woord"] * 950)  # plus the intro: just under 1000 words
    article = make_article(blog_index, body=[{"type": "paragraph", "value": f"<p>{words}</p>"}])
    assert article.reading_time == 5


def test_author_page_lists_their_articles(client, blog_index):
    author = make_author("Hans Kuipers", role="lector")
    mine = make_article(blog_index, title="Van Hans", authors=[author])
    make_article(blog_index, title="Van iemand anders")
    response = client.get(f"{blog_index.url}auteur/{author.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hans Kuipers" in html and mine.title in html and "Van iemand anders" not in html
    assert client.get(f"{blog_index.url}auteur/bestaat-niet/").status_code == 404
