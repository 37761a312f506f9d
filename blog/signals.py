"""Keep cached pages right when an author changes: their names show on articles, listings,
search and the home page, so saving or deleting one purges every cached page and part once the
change is committed, whichever path made it (``docs/caching.md``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from vakgenoten.cache import purge_all_after_commit

from .models import Author


@receiver(post_save, sender=Author, dispatch_uid="blog.purge_after_author_saved")
@receiver(post_delete, sender=Author, dispatch_uid="blog.purge_after_author_deleted")
def purge_after_author_change(sender, instance, **kwargs):
    purge_all_after_commit()
