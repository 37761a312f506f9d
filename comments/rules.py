"""The moderation rules: who may comment where, what is refused, and what waits for an editor.

``check_can_comment`` answers "may this member comment on this page at all" (refusals are
shown with a Dutch explanation, the text stays in the form). ``decide_status`` says whether a
comment that may be posted is published at once or held, and why.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from members.decorators import COMPLETE_PROFILE, LOGIN, VERIFY_EMAIL
from members.decorators import participation_problem as members_participation_problem

from .formatting import count_links
from .models import Comment, CommentBan, CommentClosure, CommentSettings, TrustedCommenter


class CommentRefused(Exception):
    """The comment may not be posted; ``message`` tells the member why, in Dutch.

    ``title`` is set when no change to the text helps (the page is closed, the member is
    suspended): the form page then shows the explanation instead of the form.
    """

    def __init__(self, message, title=""):
        super().__init__(message)
        self.message = message
        self.title = title


class DuplicateComment(CommentRefused):
    """The member posted this text on this page moments ago; ``comment`` is that comment."""

    def __init__(self, comment):
        super().__init__(
            _(
                "Deze reactie had je net al geplaatst; we hebben haar niet nog een keer "
                "geplaatst. Hier staat ze."
            )
        )
        self.comment = comment


@dataclass
class Decision:
    status: str
    reasons: list = field(default_factory=list)

    @property
    def held(self):
        return self.status == Comment.Status.PENDING


def settings_for(page=None, request=None):
    """The site's comment settings (cached on the request when there is one)."""
    if request is not None:
        return CommentSettings.for_request(request)
    site = page.get_site() if page is not None else None
    if site is None:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
    return CommentSettings.for_site(site)


def page_closure(page):
    """The editors' closure of ``page``'s conversation, or None."""
    return CommentClosure.objects.filter(page_id=page.pk).first()


_LOOK_UP = object()


def closed_reason(page, comment_settings, now=None, closure=_LOOK_UP):
    """Why comments on ``page`` are closed, or "" when they are open. Pass ``closure`` when
    it is known already (the comments section reads it from the cache)."""
    if closure is _LOOK_UP:
        closure = page_closure(page)
    if closure is not None:
        if closure.reason:
            return _("De redactie heeft de reacties op deze pagina gesloten: %(reason)s") % {
                "reason": closure.reason
            }
        return _("De redactie heeft de reacties op deze pagina gesloten.")
    days = comment_settings.close_after_days
    if days and page.first_published_at:
        now = now or timezone.now()
        if now - page.first_published_at > timedelta(days=days):
            return ngettext(
                "Op deze pagina kun je niet meer reageren: ze is ouder dan %(days)s dag.",
                "Op deze pagina kun je niet meer reageren: ze is ouder dan %(days)s dagen.",
                days,
            ) % {"days": days}
    return ""


PARTICIPATION_SENTENCES = {
    LOGIN: gettext_lazy("Je moet lid zijn om te reageren."),
    VERIFY_EMAIL: gettext_lazy("Bevestig eerst je e-mailadres; daarna kun je reageren."),
    COMPLETE_PROFILE: gettext_lazy(
        "Vul eerst je voor- en achternaam in bij je profiel; je reageert onder je naam."
    ),
}


def participation_problem(user, verified=None):
    """Why ``user`` cannot comment yet ("" when they can): signed in, a verified e-mail
    address and a first and last name (the members app's rule)."""
    return members_participation_problem(user, PARTICIPATION_SENTENCES, verified=verified)


def is_trusted(user):
    return TrustedCommenter.objects.filter(user_id=user.pk).exists()


def check_rate_limit(user, comment_settings, now=None):
    if not comment_settings.rate_limit_count:
        return
    now = now or timezone.now()
    since = now - timedelta(minutes=comment_settings.rate_limit_minutes)
    recent = Comment.objects.filter(user_id=user.pk, created_at__gte=since).count()
    if recent >= comment_settings.rate_limit_count:
        minutes = comment_settings.rate_limit_minutes
        period = ngettext("de afgelopen minuut", "de afgelopen %(minutes)s minuten", minutes) % {
            "minutes": minutes
        }
        comments = ngettext("%(count)s reactie", "%(count)s reacties", recent) % {"count": recent}
        raise CommentRefused(
            _(
                "Je hebt %(period)s al %(comments)s geplaatst. "
                "Wacht even en probeer het daarna opnieuw; je tekst staat nog in het formulier."
            )
            % {"period": period, "comments": comments}
        )


# The same text by the same member on the same page within this time is the first one again
# (a double click, a resent form, a second tab).
DUPLICATE_WINDOW = timedelta(minutes=10)


def normalised(text):
    """The text with every run of white space as one space: what counts as "the same"."""
    return " ".join((text or "").split())


def earlier_copy(user, page, text, now=None):
    """The comment ``user`` posted on ``page`` within the last minutes with the same text
    (white space aside), or None. Only the member's few recent comments on the page are read."""
    now = now or timezone.now()
    wanted = normalised(text)
    recent = (
        Comment.objects.filter(
            user_id=user.pk,
            page_id=page.pk,
            created_at__gte=now - DUPLICATE_WINDOW,
            status__in=[Comment.Status.PUBLISHED, Comment.Status.PENDING],
            deleted_at__isnull=True,
        )
        .only("pk", "body", "page_id", "parent_id", "created_at", "status")
        .order_by("-created_at", "-pk")
    )
    return next((comment for comment in recent if normalised(comment.body) == wanted), None)


def active_ban(user, now=None):
    """The ban that keeps ``user`` from commenting now (the one that lasts longest), or None.
    A ban is in force until ``ends_at``: nothing is kept that could outlive it."""
    if not getattr(user, "is_authenticated", False):
        return None
    return CommentBan.objects.active(now).filter(user_id=user.pk).order_by("-ends_at").first()


def local_datetime(value):
    """ "20 april 2026 om 12.00", in the site's time zone."""
    local = timezone.localtime(value)
    return _("%(date)s om %(time)s") % {
        "date": format_date(local, "j F Y"),
        "time": format_date(local, "G.i"),
    }


def ban_message(ends_at, reason):
    """ "Je kunt tot 20 april 2026 om 12.00 niet reageren: <reden>"."""
    return _("Je kunt tot %(until)s niet reageren: %(reason)s") % {
        "until": local_datetime(ends_at),
        "reason": reason,
    }


def check_not_banned(user, now=None):
    ban = active_ban(user, now)
    if ban is not None:
        raise CommentRefused(
            ban_message(ban.ends_at, ban.reason), title=_("Je bent tijdelijk geschorst")
        )


def check_can_comment(user, page, comment_settings, now=None):
    """Raise CommentRefused when ``user`` may not post a new comment on ``page`` now."""
    problem = participation_problem(user)
    if problem:
        raise CommentRefused(problem)
    reason = closed_reason(page, comment_settings, now)
    if reason:
        raise CommentRefused(reason, title=_("Reageren is gesloten"))
    check_not_banned(user, now)
    check_rate_limit(user, comment_settings, now)


def blocked_words_in(text, comment_settings):
    """The blocked words that occur in ``text`` (as a word or at the start of a word)."""
    found = []
    folded = (text or "").casefold()
    for word in comment_settings.blocked_word_list():
        if re.search(r"(?<!\w)" + re.escape(word.casefold()), folded):
            found.append(word)
    return found


def content_hold_reasons(text, comment_settings):
    """Reasons in the text itself to hold a comment: too many links, a blocked word."""
    reasons = []
    links = count_links(text)
    if links > comment_settings.max_links:
        reasons.append(
            ngettext(
                "Bevat %(count)s link (meer dan %(max)s).",
                "Bevat %(count)s links (meer dan %(max)s).",
                links,
            )
            % {"count": links, "max": comment_settings.max_links}
        )
    words = blocked_words_in(text, comment_settings)
    if words:
        reasons.append(_("Bevat een geblokkeerd woord: %(words)s.") % {"words": ", ".join(words)})
    return reasons


def still_new(user, comment_settings, accepted_elsewhere=0):
    """Whether ``user`` is still among their first posts, which wait for a moderator: fewer
    published comments, plus ``accepted_elsewhere`` (posts of another kind a moderator let
    through, e.g. member messages), than the settings' "eerste reacties vasthouden"."""
    if not comment_settings.hold_first_comments:
        return False
    published = Comment.objects.filter(user_id=user.pk, status=Comment.Status.PUBLISHED).count()
    return published + accepted_elsewhere < comment_settings.hold_first_comments


def decide_status(user, text, comment_settings):
    """Publish at once, or hold for an editor, and the reasons for holding."""
    if is_trusted(user):
        return Decision(Comment.Status.PUBLISHED)
    reasons = content_hold_reasons(text, comment_settings)
    if still_new(user, comment_settings):
        reasons.append(
            ngettext(
                "De eerste reactie van dit lid.",
                "Een van de eerste %(count)s reacties van dit lid.",
                comment_settings.hold_first_comments,
            )
            % {"count": comment_settings.hold_first_comments}
        )
    if reasons:
        return Decision(Comment.Status.PENDING, reasons)
    return Decision(Comment.Status.PUBLISHED)
