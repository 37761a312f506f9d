"""What members and moderators do with questions, each in one transaction.

Views and the admin call these. A question is stored as a page under the questions index: a
published question is live at once (a revision is published, so the page cache, search and
every ``page_published`` listener see it as they see an editor's page); a held one is a draft
page that a moderator publishes with :func:`publish_question`.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.actions.unpublish_page import UnpublishPageAction

from comments.actions import _one_post_at_a_time, follow
from comments.models import MAX_COMMENT_LENGTH, Comment
from comments.rules import settings_for

from .models import MAX_TITLE_LENGTH, QuestionIndexPage, QuestionPage, UsefulMark
from .rules import QuestionRefused, check_can_ask, decide

SLUG_LENGTH = 60
# Addresses under /vragen/ that are not questions (questions.urls, the feeds, reports by id).
RESERVED_SLUGS = {"stellen", "antwoord", "feed", "thema", "melden"}


def question_index():
    """The one questions index (``/vragen/``), or None before it is made."""
    return QuestionIndexPage.objects.live().first()


def clean_title(title):
    title = " ".join((title or "").split())
    if not title:
        raise QuestionRefused(_("Je vraag heeft nog geen titel. Vat je vraag in één zin samen."))
    if len(title) > MAX_TITLE_LENGTH:
        raise QuestionRefused(
            _("De titel is %(length)s tekens lang; het maximum is %(max)s. Maak hem korter.")
            % {"length": len(title), "max": MAX_TITLE_LENGTH}
        )
    return title


def clean_body(text):
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise QuestionRefused(
            _("Je toelichting is leeg. Vertel wat je zoekt en wat je al hebt geprobeerd.")
        )
    if len(text) > MAX_COMMENT_LENGTH:
        raise QuestionRefused(
            _("Je toelichting is %(length)s tekens lang; het maximum is %(max)s. Maak haar korter.")
            % {"length": len(text), "max": MAX_COMMENT_LENGTH}
        )
    return text


def free_slug(index, title):
    """A slug for ``title`` that no sibling under ``index`` has yet."""
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "vraag"
    if base in RESERVED_SLUGS or base.isdigit():
        base = f"vraag-{base}"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def ask_question(user, title, body, themes=(), organisation=None, network=None, request=None):
    """Store a new question, live or held by the comments' rules. Raises QuestionRefused.

    The asker follows the conversation under their question, so each answer reaches them the
    way a reply to their comment does.
    """
    index = question_index()
    if index is None:
        raise QuestionRefused(_("Er is nog geen plek voor vragen op deze site."))
    title = clean_title(title)
    body = clean_body(body)
    comment_settings = settings_for(index, request)
    now = timezone.now()
    with transaction.atomic():
        _one_post_at_a_time(user)
        check_can_ask(user, comment_settings, now)
        status, reasons = decide(user, f"{title}\n{body}", comment_settings)
        page = QuestionPage(
            title=title,
            slug=free_slug(index, title),
            body=body,
            asker=user,
            owner=user,
            organisation=organisation,
            status=status,
            hold_reasons=reasons,
            asked_at=now,
            live=False,
        )
        index.add_child(instance=page)
        page.themes.set(list(themes))
        # Asked in a network: the question belongs to it (a closed one keeps it for its members).
        page.networks.set([network] if network is not None else [])
        # The themes are a parental relation: saved with the page itself too, not only in the
        # revision, so a held question keeps them when a moderator publishes it.
        page.save()
        revision = page.save_revision(user=user, log_action=True)
        if status == QuestionPage.Status.PUBLISHED:
            revision.publish(user=user, skip_permission_checks=True)
            page.refresh_from_db()
        else:
            from .moderation import announce_held

            announce_held(page)
        follow(user, page)
    return page


def publish_question(page, moderator):
    """A moderator lets a held question through: it goes live as the asker wrote it."""
    with transaction.atomic():
        page.status = QuestionPage.Status.PUBLISHED
        page.hold_reasons = []
        page.save(update_fields=["status", "hold_reasons"])
        page.save_revision(user=moderator).publish(user=moderator, skip_permission_checks=True)
    return page


def reject_question(page, moderator, reason=""):
    """A moderator refuses a held (or published) question: it stays, offline, for the record."""
    with transaction.atomic():
        if page.live:
            UnpublishPageAction(page, user=moderator).execute(skip_permission_checks=True)
        page.status = QuestionPage.Status.REJECTED
        page.rejection_reason = reason
        page.save(update_fields=["status", "rejection_reason"])
    return page


def can_accept(user, page):
    """The asker, or whoever may edit the page (an editor), marks the answer that helped."""
    if not getattr(user, "is_authenticated", False):
        return False
    if page.asker_id == user.pk:
        return True
    return page.permissions_for_user(user).can_edit()


def is_answer_of(comment, page):
    return (
        comment.page_id == page.pk
        and comment.parent_id is None
        and comment.status == Comment.Status.PUBLISHED
        and comment.deleted_at is None
    )


def accept_answer(page, comment, user):
    """Mark ``comment`` as the answer that helped (None clears the mark)."""
    if comment is not None and not is_answer_of(comment, page):
        raise QuestionRefused(_("Dat is geen antwoord op deze vraag."))
    now = timezone.now()
    QuestionPage.objects.filter(pk=page.pk).update(
        accepted_answer=comment,
        accepted_by=user if comment is not None else None,
        accepted_at=now if comment is not None else None,
    )
    page.accepted_answer = comment
    page.accepted_by = user if comment is not None else None
    page.accepted_at = now if comment is not None else None
    return page


def mark_useful(comment, user):
    """``user`` finds ``comment`` useful; a second mark by the same member changes nothing.
    Members do not mark their own answers."""
    if comment.user_id == user.pk:
        raise QuestionRefused(_("Je eigen antwoord kun je niet als nuttig markeren."))
    return UsefulMark.objects.get_or_create(answer=comment, user=user)[1]


def unmark_useful(comment, user):
    UsefulMark.objects.filter(answer=comment, user=user).delete()
