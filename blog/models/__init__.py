"""Publishing models, re-exported so that ``from blog.models import …`` keeps working."""

from .pages import (
    ArticleAuthor,
    ArticlePage,
    ArticlePageTag,
    BestPracticeDocument,
    BestPracticePage,
    BlogIndexPage,
    BlogPostPage,
    Interviewee,
    InterviewPage,
    NewsPage,
    RelatedArticle,
)
from .search import SearchEntry
from .stats import ArticleViewCount, ZeroResultSearch
from .taxonomy import Author, Theme

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleViewCount",
    "Author",
    "BestPracticeDocument",
    "BestPracticePage",
    "BlogIndexPage",
    "BlogPostPage",
    "Interviewee",
    "InterviewPage",
    "NewsPage",
    "RelatedArticle",
    "SearchEntry",
    "Theme",
    "ZeroResultSearch",
]
