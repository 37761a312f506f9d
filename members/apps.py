from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """Members: accounts, profiles, organisations, networks and privacy."""

    name = "members"
    verbose_name = _("Leden")

    def ready(self):
        from vakgenoten.cache import read_with_member_parts

        from . import signals  # noqa: F401  (connects the receivers)
        from .inbox import unread_key
        from .privacy import register_members_data

        register_members_data()
        # The header's unread count, read with the member's own parts (members.inbox).
        read_with_member_parts(unread_key)
