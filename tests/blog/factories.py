"""Builders for publishing tests: images, authors and published articles of every type."""

import io
import itertools
import json

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from blog.models import Author, BestPracticePage, InterviewPage, NewsPage
from taxonomy.models import Theme

_counter = itertools.count(1)


def make_image(title=None, size=(320, 180), colour="#0f5465"):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    number = next(_counter)
    return get_image_model().objects.create(
        title=title or f"Testbeeld {number}",
        file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"test-{number}.png"),
    )


def make_theme(name=None):
    number = next(_counter)
    name = name or f"Thema {number}"
    return Theme.objects.create(name=name, slug=f"thema-{number}")


def make_author(name=None, **fields):
    number = next(_counter)
    return Author.objects.create(name=name or f"Auteur {number}", slug=f"auteur-{number}", **fields)


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
    """Add an article of type ``model`` under ``index`` and publish it."""
    number = next(_counter)
    fields.setdefault("intro", f"Een korte introductie van artikel {number}.")
    if model is BestPracticePage:
        fields.setdefault("problem", "<p>Het probleem.</p>")
        fields.setdefault("approach", "<p>De aanpak.</p>")
    page = model(
        title=title or f"Artikel {number}",
        slug=f"artikel-{number}",
        body=json.dumps(body or []),
        **fields,
    )
    page.themes = list(themes)
    if tags:
        page.tags.add(*tags)
    page.article_authors = [
        page.article_authors.model(author=author, sort_order=order)
        for order, author in enumerate(authors)
    ]
    if model is InterviewPage:
        page.interviewees = [page.interviewees.model(name="Geïnterviewde", role="adviseur")]
    page.live = publish
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def with_second_factor(user):
    """Give ``user`` an authenticator app: the admin opens only with a second factor."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user
