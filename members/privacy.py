"""Personal data (AVG/GDPR): one registry for the export ("Mijn gegevens") and for deletion.

Every app that stores data about a member registers it in its ``AppConfig.ready()``::

    from members.privacy import register_personal_data

    def export_comments(user):
        return [
            {"pagina": c.page.title, "geplaatst_op": c.created_at, "tekst": c.body}
            for c in Comment.objects.filter(author=user)
        ]

    def erase_comments(user, keep_comments):
        if keep_comments:  # shown as "verwijderde deelnemer" from now on
            Comment.objects.filter(author=user).update(author=None)
        else:
            Comment.objects.filter(author=user).delete()

    register_personal_data("reacties", export=export_comments, erase=erase_comments)

- ``export(user)`` returns something ``DjangoJSONEncoder`` can write (dicts, lists, strings,
  numbers, dates); it appears in the download under ``name``. Never export secrets.
- ``erase(user, keep_comments)`` removes or anonymises the app's data. It runs inside the
  deletion transaction, *before* the user row is deleted, so it can still find the member's
  rows (and a foreign key to the user that must survive needs ``on_delete=SET_NULL``). When an
  eraser raises, nothing is deleted and the member sees an error.

The members app registers its own data the same way (account, e-mail addresses, profile,
networks, notification preferences, sessions, two-factor status, queued e-mail, requests for
missing organisations).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession

from django.contrib.auth import logout
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PersonalData:
    name: str
    export: Callable[[Any], Any] | None = None
    erase: Callable[[Any, bool], None] | None = None


_registry: dict[str, PersonalData] = {}


def register_personal_data(name, export=None, erase=None):
    """Add (or replace) the export and eraser of one kind of personal data."""
    if export is None and erase is None:
        raise ValueError(f"Personal data {name!r} needs an export, an eraser or both.")
    for function in (export, erase):
        if function is not None and not callable(function):
            raise TypeError(f"The export and erase of {name!r} must be callables.")
    _registry[name] = PersonalData(name=name, export=export, erase=erase)


def unregister_personal_data(name):
    """Remove a registration (tests use this to clean up after themselves)."""
    _registry.pop(name, None)


def registered_names():
    return list(_registry)


def export_personal_data(user):
    """Everything the platform holds about ``user``, as a JSON-serialisable dict."""
    data = {
        "over_deze_export": {
            "platform": "Vakgenoten",
            "gemaakt_op": timezone.now(),
            "toelichting": (
                "Alle gegevens die Vakgenoten over je bewaart. Wachtwoorden en geheime sleutels "
                "staan er niet in: die bewaren we alleen versleuteld."
            ),
        }
    }
    for entry in _registry.values():
        if entry.export is not None:
            data[entry.name] = entry.export(user)
    return data


def export_json(user):
    import json

    return json.dumps(
        export_personal_data(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False
    )


def erase_personal_data(user, keep_comments):
    for entry in _registry.values():
        if entry.erase is not None:
            entry.erase(user, keep_comments)


def end_all_sessions(user):
    """End every session of ``user`` on every device (allauth keeps a list of them)."""
    for session in UserSession.objects.filter(user=user):
        session.end()


def delete_account(request, user, keep_comments):
    """Delete ``user`` and their personal data; comments go or stay anonymous, as chosen."""
    from .models import Profile

    profile = Profile.objects.filter(user=user).first()
    photos = [] if profile is None else [profile.avatar, profile.avatar_thumbnail]
    stored = [(photo.storage, photo.name) for photo in photos if photo]
    with transaction.atomic():
        erase_personal_data(user, keep_comments=keep_comments)
        end_all_sessions(user)
        user.delete()
        if stored:  # files are not part of the transaction: remove them once it is done
            transaction.on_commit(lambda: _delete_files(stored))
        # Cached pages that showed the name are purged by members.signals.
    logout(request)


def _delete_files(storage_names):
    for storage, name in storage_names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not delete %s after an account deletion", name, exc_info=True)


# --- The members app's own personal data --------------------------------------------------


def _export_account(user):
    return {
        "e-mailadres": user.email,
        "voornaam": user.first_name,
        "achternaam": user.last_name,
        "lid_sinds": user.date_joined,
        "laatst_ingelogd": user.last_login,
        "redacteur_of_beheerder": user.is_staff or user.is_superuser,
        "groepen": list(user.groups.values_list("name", flat=True)),
    }


def _export_email_addresses(user):
    return [
        {"e-mailadres": address.email, "bevestigd": address.verified, "hoofdadres": address.primary}
        for address in EmailAddress.objects.filter(user=user).order_by("pk")
    ]


def _export_profile(user):
    from .models import Profile

    profile = Profile.objects.filter(user=user).select_related("organisation").first()
    if profile is None:
        return None
    return {
        "organisatie": profile.organisation.name if profile.organisation else "",
        "functie": profile.role,
        "provincie": profile.get_province_display() if profile.province else "",
        "themas": list(profile.themes.values_list("name", flat=True)),
        "over_mij": profile.bio,
        "website": profile.website,
        "linkedin": profile.linkedin,
        "zichtbaarheid": profile.get_visibility_display(),
        "foto": profile.avatar.url if profile.avatar else "",
        "bijgewerkt_op": profile.updated_at,
    }


def _export_networks(user):
    from .models import NetworkMembership

    return [
        {
            "netwerk": membership.network.name,
            "status": membership.get_status_display(),
            "rol": membership.get_role_display(),
            "aangevraagd_op": membership.created_at,
            "goedgekeurd_op": membership.decided_at,
            "krijgt_berichten_van_de_beheerders": membership.receives_messages,
        }
        for membership in NetworkMembership.objects.filter(user=user).select_related("network")
    ]


def _export_notification_preferences(user):
    from .models import NotificationPreferences

    preferences = NotificationPreferences.for_user(user)
    return {str(kind.label): getattr(preferences, kind.value) for kind in preferences.Kind}


def _export_notifications(user):
    """What appeared under "Meldingen" (kept for NOTIFICATION_RETENTION_DAYS)."""
    from .models import Notification

    return [
        {
            "soort": notification.get_kind_display(),
            "door": notification.actor.get_full_name() if notification.actor else "",
            "onderwerp": notification.subject,
            "fragment": notification.excerpt,
            "toelichting": notification.detail,
            "adres": notification.url,
            "gemaakt_op": notification.created_at,
            "gelezen_op": notification.read_at,
        }
        for notification in Notification.objects.filter(recipient=user)
        .select_related("actor")
        .order_by("created_at", "pk")
    ]


def _export_sessions(user):
    return [
        {
            "ingelogd_op": session.created_at,
            "laatst_gezien": session.last_seen_at,
            "ip-adres": session.ip,
            "browser": session.user_agent,
        }
        for session in UserSession.objects.filter(user=user).order_by("created_at")
    ]


def _export_mfa(user):
    """Whether two-factor authentication is on, and since when; never the secrets."""
    return [
        {
            "soort": authenticator.get_type_display(),
            "ingesteld_op": authenticator.created_at,
            "laatst_gebruikt": authenticator.last_used_at,
        }
        for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
    ]


def _addresses(user):
    addresses = set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    addresses.add(user.email)
    return addresses


def _export_outbox(user):
    from vakgenoten.models import OutgoingEmail

    return [
        {
            "onderwerp": message.subject,
            "aangemaakt_op": message.created_at,
            "status": message.get_status_display(),
        }
        for message in OutgoingEmail.objects.filter(to__in=_addresses(user)).order_by("created_at")
    ]


def _erase_outbox(user, keep_comments):
    from vakgenoten.models import OutgoingEmail

    OutgoingEmail.objects.filter(to__in=_addresses(user)).delete()


def _export_follows(user):
    """What the member follows (private to them): kind, name and since when."""
    from .models import Follow

    kinds = {
        "theme": "thema",
        "member": "lid",
        "network": "netwerk",
        "organisation": "organisatie",
    }
    rows = (
        Follow.objects.filter(user=user)
        .select_related("theme", "member", "network", "organisation")
        .order_by("created_at", "pk")
    )
    exported = []
    for row in rows:
        field = next(field for field in Follow.TARGETS if getattr(row, f"{field}_id") is not None)
        target = getattr(row, field)
        name = target.get_full_name() if field == "member" else target.name
        exported.append({"soort": kinds[field], "naam": name, "volgt_sinds": row.created_at})
    return exported


def _export_organisation_requests(user):
    """The organisations the member asked to add, and what the editors decided."""
    from .models import OrganisationRequest

    return [
        {
            "naam": item.name,
            "website": item.website,
            "aangevraagd_op": item.created,
            "status": item.get_status_display(),
            "afgehandeld_op": item.handled_at,
            "reden": item.reason,
            "toegevoegde_organisatie": item.organisation.name if item.organisation else "",
        }
        for item in OrganisationRequest.objects.filter(requested_by=user)
        .select_related("organisation")
        .order_by("created", "pk")
    ]


def _erase_organisation_requests(user, keep_comments):
    """Waiting requests go (there is nobody left to tell); decided ones stay without a name."""
    from .models import OrganisationRequest

    mine = OrganisationRequest.objects.filter(requested_by=user)
    mine.filter(status=OrganisationRequest.Status.WAITING).delete()
    mine.update(requested_by=None)


def _export_network_mail(user):
    """What the member wrote to a network's members, and whom they invited, as a manager."""
    from .models import NetworkInvite, NetworkMessage

    return {
        "berichten": [
            {
                "netwerk": message.network.name,
                "onderwerp": message.subject,
                "tekst": message.body,
                "bezorging": message.get_delivery_display(),
                "geschreven_op": message.created_at,
            }
            for message in NetworkMessage.objects.filter(sender=user).select_related("network")
        ],
        "uitnodigingen": [
            {
                "netwerk": invite.network.name,
                "e-mailadres": invite.email,
                "verstuurd_op": invite.created_at,
                "aangenomen_op": invite.accepted_at,
            }
            for invite in NetworkInvite.objects.filter(invited_by=user).select_related("network")
        ],
    }


def register_members_data():
    """Called from MembersConfig.ready(): the members app's own part of the registry."""
    register_personal_data("account", export=_export_account)
    register_personal_data("e-mailadressen", export=_export_email_addresses)
    register_personal_data("profiel", export=_export_profile)
    register_personal_data("netwerken", export=_export_networks)
    register_personal_data("netwerkberichten-en-uitnodigingen", export=_export_network_mail)
    register_personal_data("meldingen", export=_export_notification_preferences)
    register_personal_data("meldingen-op-de-site", export=_export_notifications)
    register_personal_data("sessies", export=_export_sessions)
    register_personal_data("tweestapsverificatie", export=_export_mfa)
    register_personal_data("e-mails", export=_export_outbox, erase=_erase_outbox)
    register_personal_data("volgt", export=_export_follows)
    register_personal_data(
        "organisatie-aanvragen",
        export=_export_organisation_requests,
        erase=_erase_organisation_requests,
    )
