"""Questions in site search and in RSS and Atom feeds, overall and per theme: only live
questions every visitor may read."""

import pytest

from wagtail.models import PageViewRestriction

from taxonomy.models import Theme
from tests.blog.factories import make_article
from tests.factories import UserFactory
from tests.questions.making import make_question, make_question_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def question_index(home_page):
    return make_question_index(home_page)


@pytest.fixture
def asker(db):
    return UserFactory(first_name="Sanne", last_name="Hendriks")


# --- Search ------------------------------------------------------------------------------------


@pytest.fixture
def questions(question_index, blog_index, asker):
    sociaal = Theme.objects.get(slug="sociaal-domein")
    samenwerking = Theme.objects.get(slug="samenwerking")
    return {
        "wmo": make_question(
            question_index,
            asker,
            title="Wie werkt met een maatwerkvoorziening zonder indicatie?",
            body="Wij willen de huishoudelijke hulp als algemene voorziening aanbieden. "
            "Wie heeft ervaring met de keukentafelgesprekken daarna?",
            themes=[sociaal],
        ),
        "held": make_question(
            question_index,
            asker,
            title="Een vraag die op de moderator wacht",
            body="Ook over keukentafelgesprekken, maar nog niet geplaatst.",
            publish=False,
        ),
        "article": make_article(
            blog_index,
            title="Keukentafelgesprekken in Lindenholt",
            intro="Hoe een wijkteam keukentafelgesprekken voert.",
            themes=[samenwerking],
        ),
    }


def result_titles(response):
    return [item.page.title for item in response.context["search"].items]


def test_reader_finds_a_question_by_a_word_in_its_text(client, questions):
    response = client.get("/zoeken/", {"q": "huishoudelijke"})
    assert result_titles(response) == ["Wie werkt met een maatwerkvoorziening zonder indicatie?"]
    html = response.content.decode()
    assert '<p class="search-results__type">Vraag' in html
    assert "<mark>huishoudelijke</mark>" in html


def test_a_held_question_is_not_found(client, questions):
    titles = result_titles(client.get("/zoeken/", {"q": "keukentafelgesprekken"}))
    assert set(titles) == {
        "Wie werkt met een maatwerkvoorziening zonder indicatie?",
        "Keukentafelgesprekken in Lindenholt",
    }


def test_reader_narrows_a_search_to_questions(client, questions):
    response = client.get("/zoeken/", {"q": "keukentafelgesprekken", "type": "vraag"})
    assert result_titles(response) == ["Wie werkt met een maatwerkvoorziening zonder indicatie?"]
    html = response.content.decode()
    assert '<option value="vraag" selected>Vragen</option>' in html
    # Questions are a type of their own, not among the other pages.
    others = client.get("/zoeken/", {"q": "keukentafelgesprekken", "type": "pagina"})
    assert result_titles(others) == []
    news = client.get("/zoeken/", {"q": "keukentafelgesprekken", "type": "nieuws"})
    assert result_titles(news) == ["Keukentafelgesprekken in Lindenholt"]


def test_reader_narrows_a_search_to_a_theme_of_questions_and_articles(client, questions):
    by_theme = client.get("/zoeken/", {"q": "keukentafelgesprekken", "thema": "sociaal-domein"})
    assert result_titles(by_theme) == ["Wie werkt met een maatwerkvoorziening zonder indicatie?"]
    by_theme = client.get("/zoeken/", {"q": "keukentafelgesprekken", "thema": "samenwerking"})
    assert result_titles(by_theme) == ["Keukentafelgesprekken in Lindenholt"]


def test_a_questions_theme_is_a_keyword(client, questions):
    """The theme's name finds the question though its text does not say it."""
    titles = result_titles(client.get("/zoeken/", {"q": "sociaal domein", "type": "vraag"}))
    assert titles == ["Wie werkt met een maatwerkvoorziening zonder indicatie?"]


def test_a_question_taken_offline_or_closed_is_no_longer_found(client, questions, asker):
    questions["wmo"].unpublish()
    assert result_titles(client.get("/zoeken/", {"q": "huishoudelijke"})) == []
    questions["wmo"].save_revision().publish()
    assert len(result_titles(client.get("/zoeken/", {"q": "huishoudelijke"}))) == 1
    PageViewRestriction.objects.create(
        page=questions["wmo"], restriction_type=PageViewRestriction.LOGIN
    )
    assert result_titles(client.get("/zoeken/", {"q": "huishoudelijke"})) == []
