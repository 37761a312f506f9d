"""The knowledge base and article pages take the same number of queries at any size."""

import pytest

from blog.models import InterviewPage, NewsPage
from taxonomy.models import Theme
from tests.blog.factories import make_article, make_author, make_image

pytestmark = pytest.mark.django_db

LISTING_MAX_QUERIES = 22
ARTICLE_MAX_QUERIES = 30


def fill(blog_index, count):
    themes = list(Theme.objects.all()[:3])
    image = make_image()
    authors = [make_author(), make_author()]
    for number in range(count):
        make_article(
            blog_index,
            InterviewPage if number % 2 else NewsPage,
            themes=themes,
            tags=["wmo", f"tag-{number}"],
            authors=authors,
            hero_image=image if number % 3 else None,
            hero_image_alt="Een vlak",
        )


@pytest.mark.parametrize("count", [5, 30])
def test_knowledge_base_query_count_does_not_grow(
    client, blog_index, count, django_assert_max_num_queries
):
    fill(blog_index, count)
    client.get(blog_index.url)  # renditions are made on the first view, as in production
    with django_assert_max_num_queries(LISTING_MAX_QUERIES):
        response = client.get(blog_index.url, {"thema": "sociaal-domein"})
    assert response.status_code == 200
    with django_assert_max_num_queries(LISTING_MAX_QUERIES):
        client.get(blog_index.url, {"page": 2})


@pytest.mark.parametrize("count", [5, 30])
def test_home_page_featured_articles_query_count_does_not_grow(
    client, home_page, blog_index, count, django_assert_max_num_queries
):
    fill(blog_index, count)
    client.get("/")
    with django_assert_max_num_queries(LISTING_MAX_QUERIES):
        client.get("/")


@pytest.mark.parametrize("size", [1, 8])
def test_article_page_query_count_does_not_grow_with_tags_authors_and_related(
    client, blog_index, size, django_assert_max_num_queries
):
    themes = list(Theme.objects.all()[:size])
    related = [
        make_article(blog_index, themes=themes, hero_image=make_image(), hero_image_alt="x")
        for _ in range(size)
    ]
    authors = [make_author(photo=make_image()) for _ in range(size)]
    article = make_article(
        blog_index,
        InterviewPage,
        themes=themes,
        tags=[f"trefwoord-{n}" for n in range(size)],
        authors=authors,
        hero_image=make_image(),
        hero_image_alt="Een vlak",
    )
    article.related_article_links = [
        article.related_article_links.model(article=page) for page in related[:3]
    ]
    article.save_revision().publish()
    client.get(article.url)
    with django_assert_max_num_queries(ARTICLE_MAX_QUERIES):
        response = client.get(article.url)
    assert response.status_code == 200
