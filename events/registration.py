"""Registering, cancelling and moving up from the waiting list, safe under concurrent requests.

How the capacity is kept: a registered row holds a seat number from 1 to the capacity and the
database allows each seat once per event (``events_one_person_per_seat``). A registration takes
the lowest free seat inside a transaction; on PostgreSQL the event row is locked first
(``SELECT … FOR UPDATE``), so registrations for one event queue up instead of racing. Should two
requests still pick the same seat (a database without row locks), the second insert fails on
the unique constraint and is retried with the next free seat, or lands on the waiting list.
"""

from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import inbox
from members.models import Notification
from vakgenoten.cache import purge_page_and_listings

from .emails import queue_promotion_notice, queue_registration_confirmation
from .models import (
    EventPage,
    EventSession,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    SessionChoice,
)
from .sessions import forget_seats

MAX_ATTEMPTS = 5


class RegistrationRefused(Exception):
    """Registration is not possible; ``message`` says why, in Dutch."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class Outcome:
    registration: Registration
    created: bool


def _lock_event(event_id):
    """Lock the event row on databases that can; SQLite serialises writers on its own."""
    queryset = EventPage.objects.filter(pk=event_id)
    if connection.features.has_select_for_update:
        queryset = queryset.select_for_update(of=("self",))
    return queryset.get()


def _refresh_cached_pages(event):
    """Seat counts show on the event, the agenda and the home page: refresh their cached copies."""
    transaction.on_commit(lambda: purge_page_and_listings(event))


def lowest_free_seat(taken, capacity):
    """The lowest seat number from 1 not in ``taken``, or None when all ``capacity`` seats are
    taken (no maximum when ``capacity`` is None). For the event's seats and a session's."""
    limit = capacity if capacity is not None else len(taken) + 1
    for seat in range(1, limit + 1):
        if seat not in taken:
            return seat
    return None


def _free_seat(event):
    """The lowest seat number not taken, or None when the event is full."""
    taken = set(
        Registration.objects.filter(event_id=event.pk, seat__isnull=False).values_list(
            "seat", flat=True
        )
    )
    return lowest_free_seat(taken, event.capacity)


def register(
    event,
    *,
    user=None,
    guest_name="",
    guest_email="",
    guest_organisation="",
    remark="",
    added_by=None,
    notify=True,
    answers=None,
    sessions=None,
):
    """Give ``user`` (or a guest) a seat, or a place on the waiting list when it is full.

    ``answers`` ({question_id: text}) are stored with the registration; ``sessions``
    ([session_id, ...], at most one per time slot) each get a seat when the registration does
    (see ``take_sessions``). Raises RegistrationRefused when the member already has an active
    registration or a chosen session is full; then nothing is stored.
    The confirmation e-mail is queued in the same transaction and sent after it commits.
    """
    for _attempt in range(MAX_ATTEMPTS):
        try:
            with transaction.atomic():
                locked = _lock_event(event.pk)
                if user is not None and (
                    Registration.objects.filter(event_id=locked.pk, user=user)
                    .exclude(status=Registration.Status.CANCELLED)
                    .exists()
                ):
                    raise RegistrationRefused(_("Je bent al aangemeld voor dit evenement."))
                if (
                    user is None
                    and guest_email
                    and Registration.objects.filter(
                        event_id=locked.pk, user__isnull=True, guest_email__iexact=guest_email
                    )
                    .exclude(status=Registration.Status.CANCELLED)
                    .exists()
                ):
                    raise RegistrationRefused(_("Deze gast is al aangemeld voor dit evenement."))
                seat = _free_seat(locked)
                registration = Registration.objects.create(
                    event=locked,
                    user=user,
                    guest_name=guest_name if user is None else "",
                    guest_email=guest_email if user is None else "",
                    guest_organisation=guest_organisation if user is None else "",
                    remark=remark,
                    added_by=added_by,
                    seat=seat,
                    status=(
                        Registration.Status.REGISTERED
                        if seat is not None
                        else Registration.Status.WAITING
                    ),
                )
                store_answers(registration, answers)
                if seat is not None and sessions:
                    take_sessions(registration, sessions)
                if notify:
                    queue_registration_confirmation(registration)
                _refresh_cached_pages(locked)
                return Outcome(registration, True)
        except RegistrationRefused:
            forget_seats(event)  # the page shows the form again: with the seats as they are now
            raise
        except IntegrityError:
            # Someone took the same seat, or registered the same member, a moment earlier.
            if user is not None and (
                Registration.objects.filter(event_id=event.pk, user=user)
                .exclude(status=Registration.Status.CANCELLED)
                .exists()
            ):
                raise RegistrationRefused(_("Je bent al aangemeld voor dit evenement.")) from None
            continue
    raise RegistrationRefused(
        _("Het is nu erg druk met aanmeldingen. Probeer het over een minuut opnieuw.")
    )


def cancel(registration, *, notify=True):
    """Cancel a registration; a freed seat goes to the first member on the waiting list."""
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            return current
        had_seat = current.status == Registration.Status.REGISTERED
        current.status = Registration.Status.CANCELLED
        current.seat = None
        current.save(update_fields=["status", "seat", "updated_at"])
        SessionChoice.objects.filter(registration=current).delete()  # free the session seats
        _refresh_cached_pages(event)
        if had_seat:
            fill_free_seats(event, notify=notify, locked=True)
    registration.status = current.status
    registration.seat = None
    return current


def fill_free_seats(event, *, notify=True, locked=False):
    """Move waiting members up, first come first served, while there are free seats.

    Used after a cancellation and when an organiser raises the capacity. Returns the
    registrations that moved up; each gets an e-mail after the transaction commits.
    """
    promoted = []
    with transaction.atomic():
        if not locked:
            event = _lock_event(event.pk)
        waiting = list(
            Registration.objects.filter(event_id=event.pk, status=Registration.Status.WAITING)
            .order_by("created_at", "pk")
            .select_for_update()
        )
        for registration in waiting:
            seat = _free_seat(event)
            if seat is None:
                break
            registration.seat = seat
            registration.status = Registration.Status.REGISTERED
            registration.save(update_fields=["seat", "status", "updated_at"])
            promoted.append(registration)
            _notify_seat(event, registration)
            if notify:
                queue_promotion_notice(registration)
    return promoted


def _notify_seat(event, registration):
    """The member who moved up sees it under "Meldingen" too (a guest has no account)."""
    if registration.user_id is None:
        return
    inbox.notify(
        registration.user,
        Notification.Kind.SEAT,
        f"seat-{registration.pk}-{registration.updated_at.timestamp():.0f}",
        subject=event.title,
        url=event.url or "",
    )


def claim_reminder(registration_id, now=None):
    """Mark a reminder as sent, once: True for the one caller that gets to send it."""
    updated = Registration.objects.filter(
        pk=registration_id,
        status=Registration.Status.REGISTERED,
        reminder_sent_at__isnull=True,
    ).update(reminder_sent_at=now or timezone.now())
    return updated == 1


# --- Registration questions and sessions -------------------------------------------------------
#
# Answers are stored with the registration, whatever its status. Sessions hold seats of their
# own, kept as the event's are: the database allows each seat once per session
# (``events_one_person_per_session_seat``) and one session per time slot per registration
# (``events_one_session_per_slot``); the bound (the session's capacity) is checked in code while
# the event row is locked. A registration on the waiting list holds no sessions: a session seat
# is only taken with an event seat. When a member moves up from the waiting list, they choose
# their sessions on the event page (the promotion e-mail says so).


def store_answers(registration, answers):
    """Save ``{question_id: text}`` for the questions of the registration's event."""
    if not answers:
        return
    questions = set(
        RegistrationQuestion.objects.filter(
            event_id=registration.event_id, pk__in=[int(pk) for pk in answers]
        ).values_list("pk", flat=True)
    )
    RegistrationAnswer.objects.bulk_create(
        [
            RegistrationAnswer(registration=registration, question_id=int(pk), value=str(value))
            for pk, value in answers.items()
            if int(pk) in questions and str(value).strip()
        ]
    )


def take_sessions(registration, session_ids, *, keep=()):
    """Give the registration a seat in each chosen session; call with the event row locked.

    ``keep``: sessions the registration already holds (changing one's choice), whose seats it
    keeps. Raises RegistrationRefused naming a session that is full, or when two chosen
    sessions fall in the same time slot. Choices for other events are ignored.
    """
    wanted = [int(pk) for pk in session_ids]
    sessions = list(
        EventSession.objects.filter(event_id=registration.event_id, pk__in=wanted).order_by(
            "starts_at", "sort_order"
        )
    )
    starts = [session.starts_at for session in sessions]
    if len(set(starts)) < len(starts):
        raise RegistrationRefused(_("Kies per ronde één sessie."))
    taken = {}
    for session_id, seat in SessionChoice.objects.filter(
        session_id__in=[session.pk for session in sessions]
    ).values_list("session_id", "seat"):
        taken.setdefault(session_id, set()).add(seat)
    choices = []
    for session in sessions:
        if session.pk in keep:
            continue
        seat = lowest_free_seat(taken.get(session.pk, set()), session.capacity)
        if seat is None:
            raise RegistrationRefused(
                _(
                    "De sessie “%(session)s” is vol. Kies een andere sessie of geen sessie in "
                    "die ronde; wat je hebt ingevuld staat er nog."
                )
                % {"session": session.title}
            )
        choices.append(
            SessionChoice(
                registration=registration, session=session, slot=session.starts_at, seat=seat
            )
        )
    SessionChoice.objects.bulk_create(choices)
    return choices


def change_sessions(registration, session_ids):
    """A registered member changes their sessions: keep what stays, free what goes, take what
    is new, all or nothing, under the event's lock. Returns the registration's choices."""
    for _attempt in range(MAX_ATTEMPTS):
        try:
            with transaction.atomic():
                event = _lock_event(registration.event_id)
                current = Registration.objects.get(pk=registration.pk)
                if current.status != Registration.Status.REGISTERED:
                    raise RegistrationRefused(_("Alleen wie een plaats heeft, kan sessies kiezen."))
                wanted = {int(pk) for pk in session_ids}
                held = set(
                    SessionChoice.objects.filter(registration=current).values_list(
                        "session_id", flat=True
                    )
                )
                SessionChoice.objects.filter(registration=current).exclude(
                    session_id__in=wanted
                ).delete()
                take_sessions(current, wanted, keep=held & wanted)
                _refresh_cached_pages(event)
                return list(
                    SessionChoice.objects.filter(registration=current).select_related("session")
                )
        except RegistrationRefused:
            forget_seats(registration.event)
            raise
        except IntegrityError:
            continue  # a seat was taken a moment earlier: count again
    raise RegistrationRefused(
        _("Het is nu erg druk met aanmeldingen. Probeer het over een minuut opnieuw.")
    )
