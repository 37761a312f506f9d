"""Publishing models, re-exported so that ``from blog.models import …`` keeps working."""

from .authors import Author
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
    "ZeroResultSearch",
]
