"""Builders for the comments tests: articles to comment on, comments in any state."""

import itertools

from django.utils import timezone

from comments.formatting import render_markdown
from comments.models import Comment

_counter = itertools.count(1)


def make_comment(page, user, text=None, status=Comment.Status.PUBLISHED, parent=None, **fields):
    """A comment stored directly (no rules, no notifications), for arranging a scene."""
    text = text or f"Reactie nummer {next(_counter)} over de aanpak in onze gemeente."
    now = fields.pop("created_at", None) or timezone.now()
    return Comment.objects.create(
        page=page,
        user=user,
        parent=parent,
        body=text,
        body_html=render_markdown(text),
        status=status,
        created_at=now,
        published_at=now if status == Comment.Status.PUBLISHED else None,
        **fields,
    )


def with_second_factor(user):
    """Give ``user`` an authenticator app: the admin opens only with a second factor."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user
