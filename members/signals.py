"""Every member gets a profile the moment the account exists; cached pages follow what they
show of members, organisations and networks, and cached member state follows their e-mail
addresses. Each purge runs once the change is committed, whichever path made it: the admin,
the member's own forms, the shell (``docs/caching.md``)."""

from allauth.account.models import EmailAddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from vakgenoten.cache import purge_all_after_commit, purge_member_after_commit

from .directory import purge_directory_after_commit
from .models import Network, NetworkMembership, Organisation, Profile

# What cached pages show of a member beside what they wrote (member_tags.member_name):
# the name, whether the account is active ("verwijderde deelnemer"), and as the profile allows,
# the photo and the link to the profile.
SHOWN_USER_FIELDS = ("first_name", "last_name", "is_active")
SHOWN_PROFILE_FIELDS = ("visibility", "avatar", "avatar_thumbnail")


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="members.create_profile")
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Profile.objects.get_or_create(user=instance)
        purge_directory_after_commit()  # a new account, listed once its address is verified


@receiver(post_save, sender=EmailAddress, dispatch_uid="members.address_changed")
@receiver(post_delete, sender=EmailAddress, dispatch_uid="members.address_removed")
def address_changed(sender, instance, **kwargs):
    # Whether a member may comment depends on a verified address; pages keep that per member.
    purge_member_after_commit(instance.user_id)
    # And whether they are listed in the directory.
    purge_directory_after_commit()


@receiver(post_save, sender=Profile, dispatch_uid="members.directory_profile_saved")
@receiver(post_delete, sender=Profile, dispatch_uid="members.directory_profile_deleted")
@receiver(post_save, sender=NetworkMembership, dispatch_uid="members.directory_membership_saved")
@receiver(
    post_delete, sender=NetworkMembership, dispatch_uid="members.directory_membership_deleted"
)
def purge_directory_after_listed_change(sender, instance, raw=False, **kwargs):
    """A card shows a profile's role, organisation and province, and the directory filters on
    them and on approved network memberships: its kept counts and cards follow every save.
    (A profile's visibility, a name or an active state purges everything, below.)"""
    if not raw and not _deleted_along_with(kwargs, Network, get_user_model()):
        purge_directory_after_commit()


def _deleted_along_with(signal_kwargs, *models):
    """Whether a ``post_delete`` came from deleting an object of one of ``models`` (Django's
    ``origin``): a network or a member deleted purges everything once, after the commit
    (``purge_after_member_organisation_or_network_change``), which covers what each of the
    rows it takes along would purge. A network of 2,000 members asked for 4,000 purges."""
    origin = signal_kwargs.get("origin")
    if origin is None:
        return False
    return (origin.model if isinstance(origin, QuerySet) else type(origin)) in models


@receiver(post_save, sender=NetworkMembership, dispatch_uid="members.scope_membership_saved")
@receiver(post_delete, sender=NetworkMembership, dispatch_uid="members.scope_membership_deleted")
def purge_member_after_membership_change(sender, instance, raw=False, **kwargs):
    """Which closed networks a member is in is kept as the member's own part
    (``members.visibility.closed_networks_joined``): it names the cached lists they share with
    others (``blog.listing.visibility_scope``) and what search leaves out for them."""
    if not raw and not _deleted_along_with(kwargs, Network, get_user_model()):
        purge_member_after_commit(instance.user_id)


@receiver(
    m2m_changed, sender=Profile.themes.through, dispatch_uid="members.directory_profile_themes"
)
def purge_directory_after_themes_change(sender, action, **kwargs):
    """The directory filters on a profile's themes."""
    if action in ("post_add", "post_remove", "post_clear"):
        purge_directory_after_commit()


def _shown_fields_change(instance, fields, update_fields):
    """Whether saving ``instance`` changes one of ``fields`` from what the database holds.

    One query, and none for a new row (not on any page yet) or a save of other fields only
    (a login's ``last_login``)."""
    if instance._state.adding or instance.pk is None:
        return False
    if update_fields is not None and not set(update_fields) & set(fields):
        return False
    model = type(instance)
    stored = model._default_manager.filter(pk=instance.pk).values(*fields).first()
    if stored is None:
        return False
    for name in fields:
        field = model._meta.get_field(name)
        if field.get_prep_value(field.value_from_object(instance)) != stored[name]:
            return True
    return False


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="members.note_shown_user")
def note_shown_user_change(sender, instance, update_fields=None, raw=False, **kwargs):
    instance._shown_on_pages_changed = not raw and _shown_fields_change(
        instance, SHOWN_USER_FIELDS, update_fields
    )


@receiver(pre_save, sender=Profile, dispatch_uid="members.note_shown_profile")
def note_shown_profile_change(sender, instance, update_fields=None, raw=False, **kwargs):
    instance._shown_on_pages_changed = not raw and _shown_fields_change(
        instance, SHOWN_PROFILE_FIELDS, update_fields
    )


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="members.purge_shown_user")
@receiver(post_save, sender=Profile, dispatch_uid="members.purge_shown_profile")
def purge_after_shown_member_change(sender, instance, **kwargs):
    """A new name, photo or visibility shows on every cached page with the member's comments
    or articles (and in their own cached reader state): purge them all."""
    if getattr(instance, "_shown_on_pages_changed", False):
        instance._shown_on_pages_changed = False
        purge_all_after_commit()


@receiver(post_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="members.purge_deleted")
@receiver(post_save, sender=Organisation, dispatch_uid="members.purge_organisation_saved")
@receiver(post_delete, sender=Organisation, dispatch_uid="members.purge_organisation_deleted")
@receiver(post_save, sender=Network, dispatch_uid="members.purge_network_saved")
@receiver(post_delete, sender=Network, dispatch_uid="members.purge_network_deleted")
def purge_after_member_organisation_or_network_change(sender, instance, **kwargs):
    """A deleted member's name, an organisation's or a network's name show on cached pages
    (comments, authors, best practices, the agenda's filters)."""
    purge_all_after_commit()


def purge_after_networks_of_content_change(sender, action, **kwargs):
    """A page joined or left a network (an article published with other networks): who may
    see it changed, and it shows on many cached pages (related articles, listings, the home
    page), so everything is purged once the change is committed. Closing or opening a network
    purges everything through ``Network``'s own save above."""
    if action in ("post_add", "post_remove", "post_clear"):
        purge_all_after_commit()


def connect_network_content_purges():
    """One receiver per table linking content to networks (articles, events, questions)."""
    from .visibility import link_tables

    for through, _column in link_tables():
        m2m_changed.connect(
            purge_after_networks_of_content_change,
            sender=through,
            dispatch_uid=f"members.purge_networks_of_{through._meta.label_lower}",
        )


connect_network_content_purges()


@receiver(post_save, sender="members.NetworkMembership", dispatch_uid="members.managers_group")
@receiver(
    post_delete, sender="members.NetworkMembership", dispatch_uid="members.managers_group_gone"
)
def keep_network_managers_group(sender, instance, raw=False, created=False, **kwargs):
    """Whoever becomes an approved manager gets the "Netwerkbeheerders" group's admin rights;
    whoever stops managing every network loses them (``members.content_rights``).

    A membership in the member's role that is deleted or created changes nothing: the
    member manages exactly the networks they managed before. That skips five queries for
    each of the thousands of memberships a network takes along when it is deleted. Nor does
    one deleted along with its member: they are gone.
    """
    if raw or _deleted_along_with(kwargs, get_user_model()):
        return
    deleted = kwargs.get("signal") is post_delete
    if (deleted or created) and instance.role != instance.Role.MANAGER:
        return
    from .content_rights import sync_network_managers_group

    user = get_user_model().objects.filter(pk=instance.user_id).first()
    if user is not None:
        sync_network_managers_group(user)
