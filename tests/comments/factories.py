"""Short names for the comments tests: ``make_comment(page, user, text, status=...)``."""

from comments.models import Comment
from tests.factories import CommentFactory, with_second_factor

__all__ = ["make_comment", "with_second_factor"]


def make_comment(page, user, text=None, status=Comment.Status.PUBLISHED, parent=None, **fields):
    """A comment stored directly (no rules, no notifications), for arranging a scene."""
    if text:
        fields["body"] = text
    if fields.get("created_at") is None:
        fields.pop("created_at", None)
    return CommentFactory(page=page, user=user, status=status, parent=parent, **fields)
