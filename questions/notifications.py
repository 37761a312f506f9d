"""Who hears about a question that waits, a decision about it, or a report, and the e-mail.

Like the comments' notifications (``comments.notifications``): each e-mail is queued in the
outbox under a key that names the event and its recipient, carries a one-click unsubscribe link,
and is only queued when the member still wants that kind of e-mail. Moderators and askers use
the same switches as for comments ("the moderation queue", "the editors' decision").
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comments.notifications import moderators
from comments.preferences import MODERATION_OUTCOME, MODERATION_QUEUE, wants
from members.notifications import unsubscribe_headers, unsubscribe_url
from vakgenoten import links
from vakgenoten.mail import queue_email

# How the footer names the kind ("Je krijgt deze e-mail omdat je meldingen ontvangt over ...").
LABELS = {
    MODERATION_OUTCOME: gettext_lazy("het besluit van de redactie over je vragen en reacties"),
    MODERATION_QUEUE: gettext_lazy("vragen en reacties die op moderatie wachten"),
}


def send(user, kind, key, subject, template, context):
    """Queue one e-mail to ``user`` unless they opted out. Returns the OutgoingEmail or None."""
    if not wants(user, kind):
        return None
    url = unsubscribe_url(user, kind)
    body = render_to_string(
        template,
        {
            **context,
            "recipient": user,
            "unsubscribe_url": url,
            "kind_unsubscribe_url": "",
            "unsubscribe_label": LABELS[kind],
        },
    )
    return queue_email(
        key=key, to=user.email, subject=subject, body=body, headers=unsubscribe_headers(url)
    )


def queue_url(tab=""):
    path = reverse("questions_admin:queue")
    if tab:
        path += "?" + urlencode({"toon": tab})
    return links.absolute_url(path)


def _context(page):
    return {
        "question": page,
        "asker_name": (page.asker.get_full_name() if page.asker_id else "")
        or _("een lid van Vakgenoten"),
    }


def notify_held(page):
    """A question waits: one e-mail per moderator (never to the asker)."""
    context = {**_context(page), "review_url": queue_url()}
    subject = _("Vraag wacht op moderatie: %(title)s") % {"title": page.title}
    for moderator in moderators():
        if moderator.pk == page.asker_id:
            continue
        send(
            moderator,
            MODERATION_QUEUE,
            f"question-{page.pk}-held-{moderator.pk}",
            subject,
            "questions/email/question_held.txt",
            context,
        )


def notify_reported(report):
    page = report.question
    context = {**_context(page), "report": report, "review_url": queue_url("gemeld")}
    subject = _("Vraag gemeld: %(title)s") % {"title": page.title}
    for moderator in moderators():
        if moderator.pk in (report.reporter_id, page.asker_id):
            continue
        send(
            moderator,
            MODERATION_QUEUE,
            f"question-report-{report.pk}-{moderator.pk}",
            subject,
            "questions/email/question_reported.txt",
            context,
        )


SUBJECTS = {
    "published": gettext_lazy("Je vraag ‘%(title)s’ staat op Vakgenoten"),
    "rejected": gettext_lazy("Je vraag ‘%(title)s’ is niet geplaatst"),
    "taken_offline": gettext_lazy("Je vraag ‘%(title)s’ staat niet meer op Vakgenoten"),
}


def notify_decision(page, decision, stamp):
    """Tell the asker what a moderator decided: published, rejected or taken offline."""
    if page.asker_id is None or decision not in SUBJECTS:
        return None
    published = decision == "published"
    return send(
        page.asker,
        MODERATION_OUTCOME,
        f"question-{page.pk}-{decision}-{stamp}",
        SUBJECTS[decision] % {"title": page.title},
        "questions/email/question_published.txt"
        if published
        else "questions/email/question_rejected.txt",
        {
            **_context(page),
            "decision": decision,
            "question_url": links.page_url(page) if published else "",
        },
    )
