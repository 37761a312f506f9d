"""Keep cached pages right when a theme changes: theme names show on articles, events, listings,
search and profiles, so saving or deleting one purges every cached page and part once the change
is committed, whichever path made it (``docs/caching.md``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from vakgenoten.cache import purge_all_after_commit

from .models import Theme


@receiver(post_save, sender=Theme, dispatch_uid="taxonomy.purge_after_theme_saved")
@receiver(post_delete, sender=Theme, dispatch_uid="taxonomy.purge_after_theme_deleted")
def purge_after_theme_change(sender, instance, **kwargs):
    purge_all_after_commit()
