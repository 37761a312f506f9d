"""Every member gets a profile the moment the account exists; cached member state follows
their e-mail addresses."""

from allauth.account.models import EmailAddress

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from vakgenoten.cache import purge_member


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="members.create_profile")
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .models import Profile

        Profile.objects.get_or_create(user=instance)


@receiver(post_save, sender=EmailAddress, dispatch_uid="members.address_changed")
@receiver(post_delete, sender=EmailAddress, dispatch_uid="members.address_removed")
def address_changed(sender, instance, **kwargs):
    # Whether a member may comment depends on a verified address; pages keep that per member.
    transaction.on_commit(lambda: purge_member(instance.user_id))
