"""What a member follows, and what that means for their feed and digest.

The one place that turns a member's follows into interests: "Voor jou" and the digest (in the
roof) read :class:`Interests`, follow buttons call :func:`follow` and :func:`unfollow`. A member
who follows nothing yet gets a sensible start from their profile: their organisation, the
networks they are an approved member of and the themes they chose. What a member follows is
private: nothing here is ever shown to anyone but that member.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from taxonomy.models import Theme

from .models import Follow, Network, NetworkMembership, Organisation, Profile, User

TARGET_FIELDS = {Theme: "theme", User: "member", Network: "network", Organisation: "organisation"}


def target_field(target):
    """The Follow field that holds ``target`` ("theme", "member", ...); ValueError otherwise."""
    for model, field in TARGET_FIELDS.items():
        if isinstance(target, model):
            return field
    raise ValueError(f"Members cannot follow a {type(target).__name__}.")


def follow(user, target):
    """Let ``user`` follow ``target``; following twice or following oneself changes nothing.

    Returns True when a new follow was stored.
    """
    field = target_field(target)
    if field == "member" and target.pk == user.pk:
        return False
    try:
        with transaction.atomic():
            _, created = Follow.objects.get_or_create(user=user, **{field: target})
    except IntegrityError:  # a simultaneous request stored the same follow first
        return False
    return created


def unfollow(user, target):
    """Stop following ``target``. Returns True when there was something to stop."""
    deleted, _ = Follow.objects.filter(user=user, **{target_field(target): target}).delete()
    return bool(deleted)


def is_following(user, target):
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(user=user, **{target_field(target): target}).exists()


@dataclass(frozen=True)
class Interests:
    """The ids of what one member follows, by kind.

    ``from_profile`` is True when the member follows nothing yet and the ids come from their
    profile instead (organisation, approved networks, chosen themes).
    """

    theme_ids: frozenset = frozenset()
    member_ids: frozenset = frozenset()
    network_ids: frozenset = frozenset()
    organisation_ids: frozenset = frozenset()
    from_profile: bool = False

    def __bool__(self):
        return bool(self.theme_ids or self.member_ids or self.network_ids or self.organisation_ids)

    @classmethod
    def for_user(cls, user):
        """One member's interests: one query, three more for a member who follows nothing."""
        return interests_for_users([user.pk])[user.pk]


def interests_for_users(user_ids):
    """Interests for many members at once, in a constant number of queries (for the digest).

    Returns a dict from user id to :class:`Interests`; every id asked for is in it.
    """
    user_ids = list(user_ids)
    followed = defaultdict(lambda: defaultdict(set))
    rows = Follow.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "theme_id", "member_id", "network_id", "organisation_id"
    )
    for user_id, theme_id, member_id, network_id, organisation_id in rows:
        kinds = followed[user_id]
        for name, value in (
            ("theme_ids", theme_id),
            ("member_ids", member_id),
            ("network_ids", network_id),
            ("organisation_ids", organisation_id),
        ):
            if value is not None:
                kinds[name].add(value)

    newcomers = [user_id for user_id in user_ids if user_id not in followed]
    if newcomers:
        for user_id, organisation_id in Profile.objects.filter(
            user_id__in=newcomers, organisation__isnull=False
        ).values_list("user_id", "organisation_id"):
            followed[user_id]["organisation_ids"].add(organisation_id)
        for user_id, network_id in (
            NetworkMembership.objects.approved()
            .filter(user_id__in=newcomers)
            .values_list("user_id", "network_id")
        ):
            followed[user_id]["network_ids"].add(network_id)
        for user_id, theme_id in Profile.themes.through.objects.filter(
            profile_id__in=newcomers
        ).values_list("profile_id", "theme_id"):
            followed[user_id]["theme_ids"].add(theme_id)

    newcomer_set = set(newcomers)
    return {
        user_id: Interests(
            **{name: frozenset(ids) for name, ids in followed.get(user_id, {}).items()},
            from_profile=user_id in newcomer_set,
        )
        for user_id in user_ids
    }
