"""Short names for the publishing factories (``tests/factories/blog.py``), as the blog, comments
and security tests call them: ``make_article(index, InterviewPage, title=...)``."""

import json

from blog.models import NewsPage
from tests.factories import (
    ARTICLE_FACTORIES,
    AuthorFactory,
    ImageFactory,
    ThemeFactory,
    with_second_factor,
)

__all__ = ["make_article", "make_author", "make_image", "make_theme", "with_second_factor"]


def make_image(title=None, size=(320, 180), colour="#0f5465"):
    fields = {"title": title} if title else {}
    return ImageFactory(size=size, colour=colour, **fields)


def make_theme(name=None):
    return ThemeFactory(name=name) if name else ThemeFactory()


def make_author(name=None, **fields):
    if name:
        fields["name"] = name
    return AuthorFactory(**fields)


def make_article(
    index,
    model=NewsPage,
    title=None,
    themes=(),
    tags=(),
    authors=(),
    body=None,
    publish=True,
    **fields,
):
    """An article of type ``model`` under ``index``, published unless ``publish=False`` (then
    it has a draft revision only)."""
    if title:
        fields["title"] = title
    return ARTICLE_FACTORIES[model](
        parent=index,
        themes=list(themes),
        tags=list(tags),
        authors=list(authors),
        body=json.dumps(body or []),
        draft=not publish,
        **fields,
    )
