"""How a comment's writer is shown: name and avatar, fetched without a query per comment.

The members app shows a member with its ``member_name`` and ``avatar`` template tags; both
read ``user.profile``, so the writer is fetched with
``select_related("user__profile")`` (the avatar thumbnail is a file on the profile: no query).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist


def _has_profile():
    try:
        get_user_model()._meta.get_field("profile")
    except FieldDoesNotExist:
        return False
    return True


def writer_related(prefix="user"):
    """The select_related paths that load a writer and what their avatar needs."""
    return (prefix, f"{prefix}__profile") if _has_profile() else (prefix,)
