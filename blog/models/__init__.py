"""Publishing models, re-exported so that ``from blog.models import …`` keeps working."""

from .adoptions import Adoption
from .approval import IntervieweeApproval, IntervieweeApprovalTask
from .authors import Author
from .pages import (
    ARTICLE_TYPES,
    ARTICLE_TYPES_BY_SLUG,
    ArticleAuthor,
    ArticlePage,
    ArticlePageTag,
    ArticleType,
    BestPracticeDocument,
    BestPracticePage,
    BlogIndexPage,
    BlogPostPage,
    Interviewee,
    InterviewPage,
    NewsPage,
    RelatedArticle,
    article_type_for_content_type,
)
from .search import SearchEntry
from .stats import ArticleDayViews, ArticleViewCount, ZeroResultSearch

__all__ = [
    "Adoption",
    "ARTICLE_TYPES",
    "ARTICLE_TYPES_BY_SLUG",
    "ArticleAuthor",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleType",
    "ArticleDayViews",
    "ArticleViewCount",
    "Author",
    "BestPracticeDocument",
    "BestPracticePage",
    "BlogIndexPage",
    "BlogPostPage",
    "Interviewee",
    "IntervieweeApproval",
    "IntervieweeApprovalTask",
    "InterviewPage",
    "NewsPage",
    "RelatedArticle",
    "SearchEntry",
    "ZeroResultSearch",
    "article_type_for_content_type",
]
