"""Questions in site search and in RSS and Atom feeds, overall and per theme: only live
questions every visitor may read."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest

from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

from taxonomy.models import Theme
from tests.blog.factories import make_article
from tests.comments.factories import make_comment
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


# --- Feeds -------------------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def feed_scene(taxonomy, question_index, asker):
    sociaal = Theme.objects.get(slug="sociaal-domein")
    omgeving = Theme.objects.get(slug="omgevingswet")
    asker.profile.visibility = "public"
    asker.profile.save()
    hidden_asker = UserFactory(first_name="Koen", last_name="Smit")  # members-only profile
    now = timezone.now()
    older = make_question(
        question_index,
        asker,
        title="Wie deelt een voorbeeld van een Wmo-beleidsplan?",
        body="Wij schrijven een **nieuw** beleidsplan & zoeken voorbeelden.",
        themes=[sociaal],
    )
    Page.objects.filter(pk=older.pk).update(first_published_at=now - timedelta(days=2))
    newer = make_question(
        question_index,
        hidden_asker,
        title="Hoe toetsen jullie een omgevingsplan aan de regels?",
        themes=[omgeving],
    )
    make_comment(newer, asker, "Met een checklist van de VNG.")
    make_question(question_index, asker, title="Nog in de wachtrij", publish=False)
    closed = make_question(question_index, asker, title="Alleen voor leden", themes=[sociaal])
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    return {"older": older, "newer": newer}


def parse(content):
    return ElementTree.fromstring(content)  # noqa: S314  # nosec B314 # the site's own feed


def rss_items(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert response["Content-Language"] == "nl"
    channel = parse(response.content).find("channel")
    return channel, channel.findall("item")


def test_rss_feed_lists_live_public_questions_newest_first(client, feed_scene):
    channel, items = rss_items(client, "/vragen/feed/rss/")
    assert channel.findtext("title") == "Vakgenoten — Vragen"
    assert channel.findtext("language") == "nl"
    assert channel.findtext("link") == "http://testserver/vragen/"
    assert [item.findtext("title") for item in items] == [
        "Hoe toetsen jullie een omgevingsplan aan de regels?",
        "Wie deelt een voorbeeld van een Wmo-beleidsplan?",
    ]
    older = items[1]
    assert older.findtext("link") == "http://testserver" + feed_scene["older"].url
    assert [c.text for c in older.findall("category")] == ["Sociaal domein"]
    # The explanation as the page shows it: the Markdown rendered, the ampersand escaped.
    assert "<strong>nieuw</strong>" in older.findtext("description")
    assert "&amp;" in older.findtext("description")
    # A name only where a visitor may see it: the profile is public, or not.
    assert "Sanne Hendriks" in ElementTree.tostring(older, encoding="unicode")
    newer = ElementTree.tostring(items[0], encoding="unicode")
    assert "Koen Smit" not in newer and "Lid van Vakgenoten" in newer


def test_a_theme_has_its_own_feeds(client, feed_scene):
    channel, items = rss_items(client, "/vragen/thema/sociaal-domein/feed/rss/")
    assert channel.findtext("title") == "Vakgenoten — vragen over Sociaal domein"
    assert channel.findtext("link") == "http://testserver/vragen/?thema=sociaal-domein"
    assert [item.findtext("title") for item in items] == [
        "Wie deelt een voorbeeld van een Wmo-beleidsplan?"
    ]
    atom = client.get("/vragen/thema/omgevingswet/feed/atom/")
    assert atom.status_code == 200
    assert atom["Content-Type"].startswith("application/atom+xml")
    root = parse(atom.content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    assert root.findtext(f"{ATOM}title") == "Vakgenoten — vragen over Omgevingswet"
    assert [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")] == [
        "Hoe toetsen jullie een omgevingsplan aan de regels?"
    ]
    assert client.get("/vragen/thema/bestaat-niet/feed/rss/").status_code == 404


def test_the_atom_feed_of_all_questions(client, feed_scene):
    response = client.get("/vragen/feed/atom/")
    root = parse(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "Lid van Vakgenoten"
    assert entries[1].find(f"{ATOM}author").findtext(f"{ATOM}name") == "Sanne Hendriks"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == (
        "http://testserver/vragen/feed/atom/"
    )


def test_feeds_answer_in_dutch_when_the_interface_is_english(client, feed_scene):
    client.cookies["django_language"] = "en"
    channel, _items = rss_items(client, "/vragen/thema/omgevingswet/feed/rss/")
    assert channel.findtext("title") == "Vakgenoten — vragen over Omgevingswet"


def test_no_feed_without_a_questions_index(client, home_page):
    assert client.get("/vragen/feed/rss/").status_code == 404
