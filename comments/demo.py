"""Demo discussions: members talk under a few articles, one comment waits for the editors and
one has been reported, so the moderation queue has something to show.

Idempotent: a comment is looked up by page, writer and text, and nothing that exists is saved
again. Writers are the members app's demo members (looked up by e-mail); any that are missing
are created once, with a verified address.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page

from members.models import Notification

from .formatting import render_markdown
from .models import Comment, CommentReport, ConversationSubscription
from .site_notifications import notify_published

WRITERS = {
    "anouk.devries@lindenholt.example": ("Anouk", "de Vries"),
    "joost.bakker@westerveen.example": ("Joost", "Bakker"),
    "fatima.elamrani@oosterdijk.example": ("Fatima", "El Amrani"),
    "bram.jansen@bergambacht.example": ("Bram", "Jansen"),
    "mirjam.visser@hoogeland-noord.example": ("Mirjam", "Visser"),
    "ruben.vandijk@noorderkwartier.example": ("Ruben", "van Dijk"),
}

# (article slug, [(key, writer e-mail, reply to key or None, hours after publication, text)])
DISCUSSIONS = [
    (
        "eerst-het-proces-dan-de-techniek",
        [
            (
                "proces-1",
                "anouk.devries@lindenholt.example",
                None,
                5,
                "Herkenbaar. Wij kochten eerst een zaaksysteem en gingen daarna pas kijken hoe "
                "we eigenlijk werkten. Dat heeft ons een jaar gekost.\n\nHoe lang duurde het "
                "bij jullie voordat alle teams hun proces hadden beschreven?",
            ),
            (
                "proces-2",
                "joost.bakker@westerveen.example",
                "proces-1",
                9,
                "Bij ons ongeveer vier maanden. Het hielp dat we **per team één "
                "procesbeschrijver** hadden die er echt tijd voor kreeg.",
            ),
            (
                "proces-3",
                "fatima.elamrani@oosterdijk.example",
                "proces-1",
                26,
                "Wij gebruikten de standaardprocessen van de koepel als start. Dan hoef je niet "
                "met een leeg vel te beginnen.",
            ),
            (
                "proces-4",
                "bram.jansen@bergambacht.example",
                None,
                30,
                "Mooi voorbeeld. Ik mis wel de rol van de medewerkers aan het loket. Die weten "
                "vaak het beste waar een proces vastloopt.",
            ),
        ],
    ),
    (
        "het-wmo-loket-is-geen-loket-meer",
        [
            (
                "wmo-1",
                "mirjam.visser@hoogeland-noord.example",
                None,
                3,
                "Wij werken sinds vorig jaar ook met keukentafelgesprekken zonder vast loket. "
                "Wat wij leerden:\n\n- plan de gesprekken in blokken per wijk\n- neem een "
                "collega van schuldhulp mee als dat nodig is\n- leg afspraken direct vast",
            ),
            (
                "wmo-2",
                "ruben.vandijk@noorderkwartier.example",
                "wmo-1",
                20,
                "Goede tips. Hoe regelen jullie het vastleggen als je bij iemand thuis bent? "
                "Werken jullie met een tablet?",
            ),
            (
                "wmo-3",
                "mirjam.visser@hoogeland-noord.example",
                "wmo-1",
                24,
                "Ja, met een tablet en een eenvoudig formulier. Het verslag gaat pas naar de "
                "inwoner als die het gelezen heeft.",
            ),
        ],
    ),
    (
        "informatieveiligheid-begint-bij-de-koffieautomaat",
        [
            (
                "iv-1",
                "joost.bakker@westerveen.example",
                None,
                4,
                "De korte filmpjes van de Informatiebeveiligingsdienst werken bij ons goed in "
                "het teamoverleg. Vijf minuten per keer, meer hoeft niet.",
            ),
            (
                "iv-2",
                "anouk.devries@lindenholt.example",
                "iv-1",
                7,
                "Eens. En maak het persoonlijk: de meeste collega's willen vooral weten hoe ze "
                "hun eigen gegevens thuis beter beschermen.",
            ),
        ],
    ),
    (
        "een-keer-ontwikkelen-niet-340-keer",
        [
            (
                "cg-1",
                "bram.jansen@bergambacht.example",
                None,
                6,
                "Common Ground klinkt goed, maar kleine gemeenten hebben de capaciteit niet om "
                "mee te bouwen. Hoe zorgen we dat wij niet achteraan aansluiten?",
            ),
            (
                "cg-2",
                "fatima.elamrani@oosterdijk.example",
                "cg-1",
                12,
                "Door het samen te doen. Wij doen mee via ons samenwerkingsverband: één "
                "projectleider voor vijf gemeenten.",
            ),
        ],
    ),
]

# Waits for the editors: a first comment with more links than the rules allow.
PENDING = (
    "een-keer-ontwikkelen-niet-340-keer",
    "ruben.vandijk@noorderkwartier.example",
    30,
    "Voor wie verder wil lezen: https://componenten.example, https://standaarden.example en "
    "https://architectuur.example. Alle drie de moeite waard.",
    ["Bevat 3 links (meer dan 2)."],
)

# Reported by a member: the queue shows it under "Alleen gemelde reacties".
REPORTED = (
    "cg-1",
    "mirjam.visser@hoogeland-noord.example",
    CommentReport.Reason.OFF_TOPIC,
    "Deze vraag gaat eigenlijk over financiering, niet over dit artikel.",
)


def writer(email):
    """The demo member with this e-mail address, created once when the members demo lacks it."""
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    from allauth.account.models import EmailAddress

    first_name, last_name = WRITERS[email]
    user = User(email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _comment(page, user, text, parent, at, status=Comment.Status.PUBLISHED, reasons=()):
    existing = Comment.objects.filter(page=page, user=user, body=text).first()
    if existing is not None:
        return existing
    comment = Comment.objects.create(
        page=page,
        user=user,
        parent=parent,
        body=text,
        body_html=render_markdown(text),
        status=status,
        hold_reasons=list(reasons),
        created_at=at,
        published_at=at if status == Comment.Status.PUBLISHED else None,
    )
    ConversationSubscription.objects.get_or_create(user=user, page=page)
    return comment


def _published_at(page):
    """When the conversation started: the article's publication, at least two days ago so
    that every demo comment lies in the past."""
    two_days_ago = timezone.now() - timedelta(days=2)
    return min(page.first_published_at or two_days_ago, two_days_ago)


def load(home_page=None):
    """The demo conversations under the demo articles (found by slug; missing ones are skipped)."""
    by_key = {}
    for slug, comments in DISCUSSIONS:
        page = Page.objects.filter(slug=slug).first()
        if page is None:
            continue
        start = _published_at(page)
        for key, email, reply_to, hours, text in comments:
            parent = by_key.get(reply_to)
            by_key[key] = _comment(
                page, writer(email), text, parent, start + timedelta(hours=hours)
            )

    slug, email, hours, text, reasons = PENDING
    page = Page.objects.filter(slug=slug).first()
    if page is not None:
        _comment(
            page,
            writer(email),
            text,
            None,
            _published_at(page) + timedelta(hours=hours),
            status=Comment.Status.PENDING,
            reasons=reasons,
        )

    # The replies reached their members under "Meldingen" too, when they were written.
    for comment in by_key.values():
        if comment.parent_id and comment.status == Comment.Status.PUBLISHED:
            notify_published(comment)
            Notification.objects.filter(key__startswith=f"comment-{comment.pk}-").update(
                created_at=comment.published_at or comment.created_at
            )

    key, email, reason, explanation = REPORTED
    if key in by_key:
        CommentReport.objects.get_or_create(
            comment=by_key[key],
            reporter=writer(email),
            defaults={"reason": reason, "explanation": explanation},
        )


# A ban that ended weeks ago, so "Schorsingen → Eerdere schorsingen" has an example. No demo
# member is suspended now: every demo account can try the comment form.
PAST_BAN = (
    "ruben.vandijk@noorderkwartier.example",
    "Drie reacties achter elkaar met dezelfde reclame voor een cursus.",
)
_load_conversations = load


def load(home_page=None):
    """The demo conversations, then the example of a past ban (once)."""
    from .models import CommentBan

    _load_conversations(home_page)
    email, reason = PAST_BAN
    ended = timezone.now() - timedelta(days=21)
    CommentBan.objects.get_or_create(
        user=writer(email),
        reason=reason,
        defaults={"starts_at": ended - timedelta(days=7), "ends_at": ended},
    )
