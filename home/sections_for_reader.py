"""The home page's sections for one reader: a closed network's articles, events, questions
and the comments under them show only to that network's approved members.

``HomePage`` (site layer) calls each function with ``request.user``; visitors get the list
every anonymous visitor gets, which is what the page cache keeps. The filter is the one rule,
``members.visibility``; nothing here decides who may see what.
"""

from blog.listing import featured_articles
from comments.models import Comment
from comments.threads import latest_comments
from events.listing import upcoming_events
from members.visibility import visible
from questions.listing import open_questions
from questions.models import QuestionPage

FEATURED_ARTICLES = 3
UPCOMING_EVENTS = 3
OPEN_QUESTIONS = 3
LATEST_COMMENTS = 5
# Questions and comments come as lists from their apps; a few more than shown are read and
# narrowed in one query each, so the number of queries stays the same. Should more than this
# many of the newest be hidden from the reader, the section shows fewer.
WINDOW = 4


def visible_featured_articles(reader):
    return featured_articles(limit=FEATURED_ARTICLES, viewer=reader)


def visible_events(reader):
    return visible(upcoming_events(), reader)[:UPCOMING_EVENTS]


def _narrowed(items, model, reader, limit, outer="pk"):
    """``items`` (model instances) without those ``reader`` may not see, at most ``limit``."""
    if not items:
        return []
    ids = {item.pk for item in items}
    allowed = set(
        visible(model.objects.filter(pk__in=ids), reader, outer=outer).values_list("pk", flat=True)
    )
    return [item for item in items if item.pk in allowed][:limit]


def visible_questions(reader):
    questions = open_questions(limit=OPEN_QUESTIONS * WINDOW)
    return _narrowed(questions, QuestionPage, reader, OPEN_QUESTIONS)


def visible_comments(reader):
    comments = latest_comments(limit=LATEST_COMMENTS * WINDOW)
    return _narrowed(comments, Comment, reader, LATEST_COMMENTS, outer="page_id")
