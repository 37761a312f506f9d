"""Editors can only put each page type where it belongs in the tree."""

import pytest

from blog.models import (
    ArticlePage,
    BestPracticePage,
    BlogIndexPage,
    BlogPostPage,
    InterviewPage,
    NewsPage,
)
from vakgenoten.models import StandardPage

pytestmark = pytest.mark.django_db

ARTICLE_TYPES = [BlogPostPage, InterviewPage, BestPracticePage, NewsPage]


@pytest.mark.parametrize("model", ARTICLE_TYPES)
def test_articles_of_every_type_go_under_the_knowledge_base(blog_index, home_page, model):
    assert model.can_create_at(blog_index)
    assert not model.can_create_at(home_page)


def test_the_shared_article_base_cannot_be_created_on_its_own(blog_index):
    assert not ArticlePage.can_create_at(blog_index)
    assert ArticlePage not in BlogIndexPage.creatable_subpage_models()


def test_the_knowledge_base_sits_under_the_home_page_once(blog_index, home_page):
    about = StandardPage.objects.get(slug="over-vakgenoten")
    assert not BlogIndexPage.can_create_at(about)
    # max_count = 1: with one knowledge base in place, no second one can be added.
    assert not BlogIndexPage.can_create_at(home_page)


def test_knowledge_base_offers_exactly_the_four_article_types(blog_index):
    assert set(BlogIndexPage.creatable_subpage_models()) == set(ARTICLE_TYPES)


def test_nothing_can_be_added_below_an_article(blog_index):
    from tests.blog.factories import make_article

    article = make_article(blog_index, InterviewPage)
    assert article.specific_class.creatable_subpage_models() == []
