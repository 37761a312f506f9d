"""The bench seeder builds a valid, searchable site, and a second run adds to the first.

``bench/seed.py`` writes pages as rows (COPY on PostgreSQL) and the search rows in SQL, so
nothing of Wagtail's own bookkeeping checks the result: the tree, the counts and search are
checked here, at a tiny size, on whichever database the tests run.
"""

import pytest

from django.db import connection

from wagtail.models import Page

from bench import data as bench_data
from blog.models import ArticlePage, SearchEntry
from comments.models import Comment
from events.models import EventPage, Registration
from members.models import Profile, User

pytestmark = pytest.mark.django_db

SIZES = {"articles": 12, "comments_per_article": 2, "members": 6, "events": 5}


def seed(**extra):
    return bench_data.seed(**SIZES, busy_article_comments=7, log=lambda line: None, **extra)


def tree_problems():
    bad_alpha, bad_path, orphans, bad_depth, bad_numchild = Page.find_problems()
    return {
        "bad_alpha": bad_alpha,
        "bad_path": bad_path,
        "orphans": orphans,
        "bad_depth": bad_depth,
        "bad_numchild": bad_numchild,
    }


def test_seed_builds_rows_a_valid_tree_and_search_twice(client, site_tree):
    _home, blog_index, agenda = site_tree
    before = {
        "articles": ArticlePage.objects.count(),
        "events": EventPage.objects.count(),
        "users": User.objects.count(),
        "comments": Comment.objects.count(),
    }

    first = seed()
    second = seed()  # the bench's second size goes on top of the first

    assert ArticlePage.objects.count() == before["articles"] + 24
    assert EventPage.objects.count() == before["events"] + 10
    assert User.objects.count() == before["users"] + 12
    assert Profile.objects.filter(user__email__startswith="bench").count() == 12
    assert Profile.objects.filter(
        user__email__startswith="bench", visibility=Profile.Visibility.PUBLIC
    ).exists()
    # 2 a page, and the busy article of each run 5 more: 7 in all.
    assert Comment.objects.count() == before["comments"] + 2 * (12 * 2 + 5)
    assert Comment.objects.filter(page_id=first["busy_article_id"]).count() == 7
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert not Comment.objects.exclude(status=Comment.Status.PUBLISHED).exists()
    # Each event ten seats taken, or as many as there are members (6).
    registered = Registration.objects.filter(status=Registration.Status.REGISTERED)
    assert registered.count() == 2 * 5 * 6
    assert first["busy_article_id"] != second["busy_article_id"]

    assert tree_problems() == {key: [] for key in tree_problems()}
    blog_index.refresh_from_db()
    assert blog_index.numchild == blog_index.get_children().count()
    article = ArticlePage.objects.get(pk=second["busy_article_id"])
    assert article.url_path == f"{blog_index.url_path}{article.slug}/"
    assert article.live and article.publication_date

    found = ArticlePage.objects.filter(title__icontains="schuldhulp").first()
    assert found is not None
    response = client.get("/zoeken/", {"q": "schuldhulp"})
    assert response.status_code == 200
    assert found.url_path.split("/")[-2] in response.content.decode()
    if connection.vendor == "postgresql":
        # The text for the snippet, as the site writes it (blog.search_index.search_entry).
        from blog.search_index import page_text

        text = SearchEntry.objects.get(page_id=found.pk).text
        assert text == " ".join(page_text(found.specific).split())
        # The words of its structured data, as ArticlePage.save counts them.
        assert found.specific.word_count == found.specific.count_words() > 0
    assert found.specific.words == found.specific.count_words()
