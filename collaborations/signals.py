"""Search shows matching collaborations beside the pages, kept in the shared cache
(``home.views.register_matches``): a collaboration saved or deleted purges it once committed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from vakgenoten.cache import purge_all_after_commit

from .models import Collaboration


@receiver(post_save, sender=Collaboration, dispatch_uid="collaborations.purge_after_saved")
@receiver(post_delete, sender=Collaboration, dispatch_uid="collaborations.purge_after_deleted")
def purge_after_collaboration_change(sender, instance, **kwargs):
    purge_all_after_commit()
