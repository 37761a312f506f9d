"""A member follows a theme and a colleague, with JavaScript (the button turns over in place and
says so to screen readers) and without (the page comes back with the message), finds both on
"Wat ik volg" and stops following one; a visitor is sent to the login and back."""

import re

import pytest
from playwright.sync_api import expect

from members.models import Follow
from tests.browser.conftest import PageProblems
from tests.browser.helpers import PASSWORD, sign_in_with_cookie
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

THEME = "Sociaal domein"


@pytest.fixture
def knowledge_base():
    from blog import demo as blog_demo
    from home import demo as home_demo
    from vakgenoten import demo

    home = demo.load()
    home_demo.load_shared()
    return blog_demo.load(home)


@pytest.fixture
def people(knowledge_base):
    member = UserFactory(first_name="Noor", last_name="Hendriks")
    colleague = UserFactory(first_name="Lotte", last_name="Peeters", profile__visibility="public")
    return member, colleague


@pytest.fixture
def no_script_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    page.problems = PageProblems(page)
    yield page
    context.close()


def theme_path(knowledge_base):
    return f"{knowledge_base.url}?thema=sociaal-domein"


def test_member_follows_a_theme_and_a_colleague_with_javascript(
    page, live_server, people, knowledge_base
):
    member, colleague = people
    sign_in_with_cookie(page, live_server, member)

    page.goto(theme_path(knowledge_base))
    button = page.get_by_role("button", name=f"Volgen (het thema {THEME})")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    status = page.locator("[data-follow-status]")
    expect(status).to_have_text(f"Je volgt nu het thema {THEME}. Alleen jij ziet wat je volgt.")
    expect(status).to_have_attribute("role", "status")
    expect(page.locator(".messages .notice")).to_have_count(0)  # no reload: no flash message
    assert Follow.objects.filter(user=member, theme__slug="sociaal-domein").exists()

    page.goto(colleague.get_absolute_url())
    button = page.get_by_role("button", name="Volgen (Lotte Peeters)")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    button.click()  # and stop again, in place
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(page.locator("[data-follow-status]")).to_have_text("Je volgt Lotte Peeters niet meer.")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")

    page.goto("/mijn-account/volgen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat ik volg")
    expect(page.get_by_role("heading", name="Thema's")).to_be_visible()
    expect(page.get_by_role("link", name="Lotte Peeters")).to_be_visible()
    page.get_by_role("button", name="Niet meer volgen (Lotte Peeters)").click()
    expect(page.get_by_text("Je volgt Lotte Peeters niet meer.")).to_be_visible()
    expect(page.get_by_role("link", name="Lotte Peeters")).to_have_count(0)
    assert list(Follow.objects.filter(user=member).values_list("theme__name", flat=True)) == [THEME]
    page.problems.assert_none()


def test_member_follows_a_theme_and_a_colleague_without_javascript(
    no_script_page, live_server, people, knowledge_base
):
    page = no_script_page
    member, colleague = people
    sign_in_with_cookie(page, live_server, member)

    path = theme_path(knowledge_base)
    page.goto(path)
    page.get_by_role("button", name=f"Volgen (het thema {THEME})").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.get_by_text(f"Je volgt nu het thema {THEME}.")).to_be_visible()
    expect(page.get_by_role("button", name=f"Volgen (het thema {THEME})")).to_have_attribute(
        "aria-pressed", "true"
    )

    page.goto(colleague.get_absolute_url())
    page.get_by_role("button", name="Volgen (Lotte Peeters)").click()
    expect(page).to_have_url(re.compile(re.escape(colleague.get_absolute_url()) + "$"))
    expect(page.get_by_text("Je volgt nu Lotte Peeters.")).to_be_visible()

    page.goto("/mijn-account/volgen/")
    page.get_by_role("button", name=f"Niet meer volgen ({THEME})").click()
    expect(page.get_by_text(f"Je volgt het thema {THEME} niet meer.")).to_be_visible()
    assert list(Follow.objects.filter(user=member).values_list("member", flat=True)) == [
        colleague.pk
    ]
    page.problems.assert_none()


def test_visitor_logs_in_to_follow_and_comes_back(page, people, knowledge_base):
    member, _colleague = people
    path = theme_path(knowledge_base)
    page.goto(path)
    page.get_by_role("link", name=f"Log in om te volgen (het thema {THEME})").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    page.get_by_label("E-mailadres").fill(member.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    page.get_by_role("button", name=f"Volgen (het thema {THEME})").click()
    expect(page.locator("[data-follow-status]")).to_contain_text("Je volgt nu het thema")
    page.problems.assert_none()
