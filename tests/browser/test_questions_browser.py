"""A member asks her colleagues a question (preview first, a mistake explained in Dutch and her
text kept), a colleague answers under it, and she marks the answer that helped; another member
marks it useful. Under the strict CSP, without console errors."""

import pytest
from playwright.sync_api import expect

from questions.models import QuestionPage, UsefulMark
from tests.browser.helpers import sign_in_with_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def people(transactional_db):
    from wagtail.models import Site

    from comments.models import CommentSettings
    from home import demo as home_demo
    from tests.factories import UserFactory
    from tests.factories.questions import QuestionIndexPageFactory
    from vakgenoten import demo

    home = demo.load()
    home_demo.load_shared()
    QuestionIndexPageFactory(parent=home)
    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hold_first_comments = 0
    settings.save()
    asker = UserFactory(first_name="Mirjam", last_name="Visser")
    helper = UserFactory(first_name="Joost", last_name="Bakker")
    reader = UserFactory(first_name="Sanne", last_name="Jansen")
    return asker, helper, reader


def test_ask_answer_and_mark_the_answer_that_helped(page, browser, live_server, people):
    asker, helper, reader = people
    sign_in_with_cookie(page, live_server, asker)
    page.goto(f"{live_server.url}/vragen/")
    page.get_by_role("link", name="Stel een vraag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel een vraag")

    text = "Wij zoeken een manier om **bezwaren** sneller af te handelen. Wie heeft tips?"
    page.get_by_label("Toelichting").fill(text)
    page.get_by_label("Sociaal domein").check()
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(page.get_by_text("Je vraag heeft nog geen titel.").first).to_be_visible()
    expect(page.get_by_label("Toelichting")).to_have_value(text)

    page.get_by_label("Je vraag in één zin").fill("Hoe handelen jullie bezwaren snel af?")
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorbeeld van je vraag")
    expect(page.locator(".question--preview strong")).to_have_text("bezwaren")
    page.get_by_role("button", name="Plaatsen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hoe handelen jullie bezwaren snel af?"
    )
    expect(page.get_by_role("heading", name="Antwoorden")).to_be_visible()
    question = QuestionPage.objects.get()
    page.problems.assert_none()

    answer_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    other = answer_context.new_page()
    sign_in_with_cookie(other, live_server, helper)
    other.goto(question.url)
    other.get_by_label("Je reactie").fill("Wij bellen elke bezwaarmaker binnen een week op.")
    other.get_by_role("button", name="Voorbeeld bekijken").click()
    other.get_by_role("button", name="Plaatsen").click()
    expect(other.get_by_role("heading", name="1 antwoord")).to_be_visible()
    answer_context.close()

    page.goto(question.url)
    page.get_by_role("button", name="Dit antwoord hielp (antwoord van Joost Bakker)").click()
    expect(page.get_by_role("heading", name="Het antwoord dat hielp")).to_be_visible()
    expect(page.locator(".question__accepted")).to_contain_text("binnen een week op")
    question.refresh_from_db()
    assert question.accepted_answer.user == helper

    reader_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    third = reader_context.new_page()
    sign_in_with_cookie(third, live_server, reader)
    third.goto(question.url)
    third.get_by_role("button", name="Nuttig (antwoord van Joost Bakker)").click()
    expect(third.get_by_text("1 lid vond dit nuttig")).to_be_visible()
    reader_context.close()
    assert UsefulMark.objects.filter(user=reader).count() == 1

    page.goto(f"{live_server.url}/vragen/?status=beantwoord")
    expect(page.get_by_role("link", name="Hoe handelen jullie bezwaren snel af?")).to_be_visible()
    page.problems.assert_none()
