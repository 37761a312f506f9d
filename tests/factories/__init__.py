"""factory_boy factories for every app, one module per app; page factories build on
wagtail-factories. Import from here: ``from tests.factories import EventPageFactory``."""

from tests.factories.blog import (
    ARTICLE_FACTORIES,
    ArticlePageFactory,
    AuthorFactory,
    BestPracticePageFactory,
    BlogIndexPageFactory,
    BlogPostPageFactory,
    ImageFactory,
    InterviewPageFactory,
    NewsPageFactory,
    ThemeFactory,
)
from tests.factories.comments import CommentFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.members import (
    EditorFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
    network_manager,
    network_members,
    with_second_factor,
)
from tests.factories.pages import HomePageFactory, PublishedPageFactory, root_page

__all__ = [
    "ARTICLE_FACTORIES",
    "ArticlePageFactory",
    "AuthorFactory",
    "BestPracticePageFactory",
    "BlogIndexPageFactory",
    "BlogPostPageFactory",
    "CommentFactory",
    "EditorFactory",
    "EventIndexPageFactory",
    "EventPageFactory",
    "HomePageFactory",
    "ImageFactory",
    "InterviewPageFactory",
    "NetworkFactory",
    "NewsPageFactory",
    "OrganisationFactory",
    "PublishedPageFactory",
    "RegistrationFactory",
    "ThemeFactory",
    "UserFactory",
    "root_page",
    "network_manager",
    "network_members",
    "with_second_factor",
]
