"""Turn a question and its answers into a draft article, in one step for an editor.

A good question with good answers is knowledge worth keeping in the knowledge base. The draft
gets the question's title, its first sentence as the intro, the question and every answer as
paragraphs credited to their writers by name (the answer that helped first, then the most
useful, then the oldest), the question's themes, and a "Met dank aan" line naming the asker
and everyone who answered. It is never published here: the editor rewrites it, and the usual
review and publication follow.
"""

import re

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.models import BestPracticePage, BlogIndexPage, BlogPostPage
from comments.formatting import plain_text

from .actions import free_slug
from .models import answers_of

# The article types a question can become, by the value the form posts.
KINDS = {
    "blog": (BlogPostPage, gettext_lazy("Blog")),
    "praktijkvoorbeeld": (BestPracticePage, gettext_lazy("Praktijkvoorbeeld")),
}
INTRO_LENGTH = 500
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def blog_index():
    return BlogIndexPage.objects.order_by("path").first()


def can_convert(user, index=None):
    """Whoever may add an article to the knowledge base (editors and authors)."""
    index = index or blog_index()
    if index is None or not getattr(user, "is_authenticated", False):
        return False
    return index.permissions_for_user(user).can_add_subpage()


def first_sentence(text):
    """The question's first sentence (of its first paragraph), for the intro."""
    paragraph = (text or "").strip().split("\n\n")[0]
    paragraph = " ".join(paragraph.split())
    sentence = SENTENCE_END.split(paragraph, maxsplit=1)[0]
    return Truncator(sentence).chars(INTRO_LENGTH)


def paragraphs_html(text):
    """Plain text as rich-text paragraphs: a blank line starts a paragraph, a newline breaks
    a line; everything escaped."""
    parts = [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in part.splitlines()) + "</p>" for part in parts
    )


def ordered_answers(page):
    """The visible answers: the accepted one first, then by useful marks, then oldest first."""
    accepted_id = page.accepted_answer_id or 0
    return list(
        answers_of([page.pk])
        .select_related("user")
        .annotate(
            useful_count=Count("useful_marks", distinct=True),
            accepted_first=Case(
                When(pk=accepted_id, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
        )
        .order_by("accepted_first", "-useful_count", "created_at", "pk")
    )


def person_name(user):
    if user is None:
        return _("een oud-lid")
    return user.get_full_name() or _("een lid van Vakgenoten")


def join_names(names):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return _("%(names)s en %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def body_blocks(page, answers):
    """The article's StreamField content: the question, each answer, the thanks."""
    asker = person_name(page.asker)
    blocks = [
        {"type": "heading", "value": {"text": _("De vraag"), "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p><b>"
            + escape(_("%(name)s vroeg:") % {"name": asker})
            + "</b></p>"
            + paragraphs_html(page.body),
        },
    ]
    if answers:
        blocks.append(
            {"type": "heading", "value": {"text": _("Wat collega’s antwoordden"), "level": "h2"}}
        )
    for answer in answers:
        if answer.pk == page.accepted_answer_id:
            credit = _("%(name)s (het antwoord dat hielp):") % {"name": person_name(answer.user)}
        else:
            credit = _("%(name)s:") % {"name": person_name(answer.user)}
        blocks.append(
            {
                "type": "paragraph",
                "value": "<p><b>"
                + escape(credit)
                + "</b></p>"
                + paragraphs_html(plain_text(answer.body_html)),
            }
        )
    people = [asker]
    for answer in answers:
        name = person_name(answer.user)
        if answer.user_id and name not in people:
            people.append(name)
    blocks.append(
        {
            "type": "paragraph",
            "value": "<p>"
            + escape(_("Met dank aan %(names)s.") % {"names": join_names(people)})
            + "</p>",
        }
    )
    return blocks


def convert_question(page, user, kind="blog"):
    """Create a draft article of type ``kind`` from ``page`` under the knowledge base, owned
    by ``user``. Returns the new page; it is not live."""
    model, _label = KINDS[kind]
    index = blog_index()
    answers = ordered_answers(page)
    blocks = body_blocks(page, answers)
    article = model(
        title=page.title,
        slug=free_slug(index, page.title),
        intro=first_sentence(page.body),
        body=blocks,
        owner=user,
        live=False,
    )
    if model is BestPracticePage:
        # The question is the problem, the answers the first version of the approach.
        article.problem = paragraphs_html(page.body)
        article.approach = "".join(
            block["value"] for block in blocks[2:] if block["type"] == "paragraph"
        )
    article.themes = list(page.themes.all())
    with transaction.atomic():
        index.add_child(instance=article)
        article.save_revision(user=user, log_action=True)
    return article
