"""Keep cached pages right when an author changes: their names show on articles, listings,
search and the home page, so saving or deleting one purges every cached page and part once the
change is committed, whichever path made it (``docs/caching.md``); so does a search promotion.
An adoption ("Wij doen dit ook") purges its practice example and the listings above it, and
counts on the page."""

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.contrib.search_promotions.models import SearchPromotion

from vakgenoten.cache import purge_all_after_commit, purge_page_and_listings

from .models import Adoption, ArticlePage, Author, BlogIndexPage


@receiver(post_save, sender=Author, dispatch_uid="blog.purge_after_author_saved")
@receiver(post_delete, sender=Author, dispatch_uid="blog.purge_after_author_deleted")
def purge_after_author_change(sender, instance, **kwargs):
    purge_all_after_commit()


@receiver(post_save, sender=SearchPromotion, dispatch_uid="blog.purge_after_promotion_saved")
@receiver(post_delete, sender=SearchPromotion, dispatch_uid="blog.purge_after_promotion_deleted")
def purge_after_search_promotion_change(sender, instance, **kwargs):
    """Search reads which searches have promotions from the cache (``blog.search``)."""
    purge_all_after_commit()


@receiver(post_save, sender=Adoption, dispatch_uid="blog.purge_after_adoption_saved")
@receiver(post_delete, sender=Adoption, dispatch_uid="blog.purge_after_adoption_deleted")
def purge_after_adoption_change(sender, instance, **kwargs):
    """A practice example shows who took it over, and the knowledge base's cards how often:
    refresh the page and the pages above it once the change is committed."""
    page_id = instance.page_id

    def purge():
        from wagtail.models import Page

        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            purge_page_and_listings(page)

    transaction.on_commit(purge)


@receiver(post_save, sender=Adoption, dispatch_uid="blog.count_adoption_added")
def count_adoption_added(sender, instance, created, raw=False, **kwargs):
    """Keep ``ArticlePage.adoption_count`` with the adoptions, in the same transaction: an
    added one counts once (a changed status or note does not count)."""
    if created and not raw:
        ArticlePage.objects.filter(pk=instance.page_id).update(
            adoption_count=F("adoption_count") + 1
        )


@receiver(post_delete, sender=Adoption, dispatch_uid="blog.count_adoption_removed")
def count_adoption_removed(sender, instance, **kwargs):
    """A withdrawn adoption, or one removed with its organisation, counts off."""
    ArticlePage.objects.filter(pk=instance.page_id, adoption_count__gt=0).update(
        adoption_count=F("adoption_count") - 1
    )


@receiver(post_save, sender=BlogIndexPage, dispatch_uid="blog.managers_on_new_knowledge_base")
def give_network_managers_the_knowledge_base(sender, instance, created, raw=False, **kwargs):
    """A new knowledge base gets the network managers' page rights at once
    (``blog.permissions``)."""
    if created and not raw:
        from members.content_rights import setup_network_managers_group

        setup_network_managers_group(instance)
