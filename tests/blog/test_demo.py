"""The knowledge base demo reads like a real publication and loads only once."""

import pytest

from django.core.management import call_command

from wagtail.models import Page, PageLogEntry, Revision

from blog.models import (
    ArticlePage,
    Author,
    BestPracticePage,
    BlogIndexPage,
    BlogPostPage,
    InterviewPage,
    NewsPage,
)
from members.models import User

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
        "authors": list(Author.objects.values()),
    }


def test_demo_fills_the_knowledge_base_with_every_article_type(loaded_demo, client):
    index = BlogIndexPage.objects.get()
    assert index.live and index.show_in_menus
    assert ArticlePage.objects.live().count() >= 12
    assert InterviewPage.objects.count() >= 4
    assert BestPracticePage.objects.count() >= 3
    assert BlogPostPage.objects.count() >= 3
    assert NewsPage.objects.count() >= 3
    assert Author.objects.count() >= 4
    for interview in InterviewPage.objects.all():
        block_types = {block.block_type for block in interview.body}
        assert {"question_answer", "pull_quote"} <= block_types
        assert interview.interviewees.exists()
        # Fictional addresses for the approval step, never shown on the site.
        emails = [person.email for person in interview.interviewees.all()]
        assert all(email.endswith("@example.org") for email in emails)
        assert not any(email in client.get(interview.url).content.decode() for email in emails)
    for practice in BestPracticePage.objects.all():
        assert practice.problem and practice.approach and practice.results
        assert practice.contact_name and practice.organisations.exists()

    home = client.get("/").content.decode()
    assert 'href="/kennisbank/"' in home  # in the main menu
    assert "Uitgelicht" in home
    featured = InterviewPage.objects.get(slug="eerst-het-proces-dan-de-techniek")
    assert featured.title in home


def test_demo_twice_changes_nothing_in_the_knowledge_base(loaded_demo):
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first


def test_every_demo_article_renders(loaded_demo, client):
    articles = ArticlePage.objects.live()
    assert articles.count() >= 12  # every article the demo loads, not an empty loop
    closed = articles.filter(networks__is_closed=True)
    assert closed.count() >= 2  # the closed demo network's articles (issue 23)
    for article in articles.exclude(pk__in=closed):
        response = client.get(article.url)
        assert response.status_code == 200, article.url
    # A visitor is sent to sign in; a member of the closed network reads them.
    for article in closed:
        assert client.get(article.url).status_code == 302, article.url
    client.force_login(User.objects.get(email="bram.jansen@bergambacht.example"))
    for article in closed:
        assert client.get(article.url).status_code == 200, article.url
