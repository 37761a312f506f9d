"""Comments in any state, stored directly (no rules, no notifications) to arrange a scene."""

import factory

from django.utils import timezone

from comments.formatting import render_markdown
from comments.models import Comment
from tests.factories.blog import BlogPostPageFactory
from tests.factories.members import UserFactory


class CommentFactory(factory.django.DjangoModelFactory):
    """``CommentFactory(page=article, user=member, status=Comment.Status.PENDING)``"""

    class Meta:
        model = Comment

    page = factory.SubFactory(BlogPostPageFactory)
    user = factory.SubFactory(UserFactory)
    parent = None
    body = factory.Sequence(lambda n: f"Reactie nummer {n} over de aanpak in onze gemeente.")
    body_html = factory.LazyAttribute(lambda comment: render_markdown(comment.body))
    status = Comment.Status.PUBLISHED
    created_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyAttribute(
        lambda comment: comment.created_at if comment.status == Comment.Status.PUBLISHED else None
    )
