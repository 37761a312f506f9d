"""Keep the anonymous page cache exact: purge what a change touches, nothing more."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cache import (
    purge_all,
    purge_all_after_commit,
    purge_member_after_commit,
    purge_page_and_listings,
)

logger = logging.getLogger(__name__)


def in_main_menu(page):
    """Children of a site root appear in the navigation of every page."""
    return page.depth <= 3


@receiver(page_published)
@receiver(page_unpublished)
def purge_changed_page(sender, instance, **kwargs):
    purge_page_and_listings(instance)
    if in_main_menu(instance) or instance.numchild:
        # In the menu of every page, or in the breadcrumbs of the pages below it.
        purge_all()


@receiver(post_page_move)
@receiver(page_slug_changed)
def purge_moved_page(sender, instance, **kwargs):
    purge_all()  # URLs changed: links to it may be on any page


@receiver(post_delete)
def purge_deleted_page(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.depth > 1:
        purge_all()


@receiver(post_save)
def purge_converted_alias(sender, instance, update_fields=None, **kwargs):
    from wagtail.models import Page

    # An alias made a page of its own no longer takes its source's view restrictions, nor do
    # the pages below it (``vakgenoten.view_restrictions``); Wagtail sends no publish for it.
    if update_fields and "alias_of_id" in update_fields and isinstance(instance, Page):
        purge_all()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def purge_after_privacy_change(sender, instance, **kwargs):
    # A page made private (and every page below it) must leave the visitors' cache at once;
    # listings and search on every page may show it, so everything goes. And again once the
    # change is committed: a request served in between reads the page as still public (the
    # change is not committed yet) and would keep that under the new generation.
    purge_all()
    purge_all_after_commit()


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def purge_after_site_change(sender, instance, **kwargs):
    purge_all()  # sites are looked up from the cache (vakgenoten.cache.CachedSiteMiddleware)


@receiver(post_save)
def purge_after_site_setting(sender, instance, **kwargs):
    if isinstance(instance, BaseSiteSetting):
        purge_all()  # footer, contact details, statutory page links


# Saved by every sign-in (Django's ``update_last_login``) and shown on no kept page or part:
# a save of these alone purges nothing, so members can sign in while Redis is away.
UNSHOWN_USER_FIELDS = frozenset({"last_login"})


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="vakgenoten.purge_saved_member")
def purge_member_after_account_change(sender, instance, raw=False, update_fields=None, **kwargs):
    # Whether they may open the admin (the editing bar) is kept as the member's own part: an
    # account made staff, superuser or inactive gets the new answer on the next request.
    if raw or (update_fields is not None and update_fields <= UNSHOWN_USER_FIELDS):
        return
    purge_member_after_commit(instance.pk)


@receiver(m2m_changed, sender=get_user_model().groups.through)
@receiver(m2m_changed, sender=get_user_model().user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def purge_members_after_permission_change(sender, instance, action, reverse, pk_set, **kwargs):
    """A member's groups or permissions changed (from either side): their kept answer to "may
    they open the admin" goes; a group's own permissions concern all its members at once."""
    if not action.startswith("post_"):
        return
    if sender is Group.permissions.through or (reverse and pk_set is None):
        purge_all_after_commit()
    elif reverse:
        for user_id in pk_set:
            purge_member_after_commit(user_id)
    else:
        purge_member_after_commit(instance.pk)


@receiver(post_migrate, dispatch_uid="vakgenoten.create_cache_table")
def create_security_store(sender, app_config, using="default", **kwargs):
    # The security store (settings CACHES["default"]) is a table of Django's database cache.
    # migrate makes it, so no deploy can forget: createcachetable leaves an existing one alone.
    if app_config.label == "vakgenoten":
        call_command("createcachetable", database=using, verbosity=0)


@receiver(post_migrate, dispatch_uid="vakgenoten.purge_after_migrate")
def purge_after_migrate(sender, app_config, **kwargs):
    # Every deploy runs migrate. With a shared cache (Redis) that outlives the old release,
    # nothing it rendered or pickled (templates, static file names, model fields) may be
    # served after it: every cached page and part is keyed by the site-wide generation.
    if app_config.label != "vakgenoten":
        return
    try:
        purge_all()
    except Exception:  # a migrate run where the cache server is not reachable
        logger.warning(
            "migrate: the cache could not be purged; purge it before serving this release.",
            exc_info=True,
        )
