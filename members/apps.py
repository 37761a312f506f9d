from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """Members: accounts, profiles, organisations, networks and privacy."""

    name = "members"
    verbose_name = _("Leden")

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
        from .privacy import register_members_data

        register_members_data()
