"""Keep the anonymous page cache right: a page shows its comments, listings show counts and
the home page shows the latest comments, so a change to a comment refreshes those pages."""

from django.db import transaction

from vakgenoten.cache import purge_member_after_commit, purge_page_and_listings


def _purge_later(page_id):
    def purge():
        from wagtail.models import Page

        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            purge_page_and_listings(page)

    transaction.on_commit(purge)


def comment_changed(sender, instance, **kwargs):
    _purge_later(instance.page_id)


def closure_changed(sender, instance, **kwargs):
    _purge_later(instance.page_id)


def subscription_changed(sender, instance, **kwargs):
    # Only the follower sees "Je volgt dit gesprek": their own cached reader state.
    purge_member_after_commit(instance.user_id)


def ban_changed(sender, instance, **kwargs):
    # Whether a member may comment is part of their cached reader state.
    purge_member_after_commit(instance.user_id)
