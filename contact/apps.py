from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    """Reaching a member: a message from their profile, delivered by e-mail without showing
    the recipient's address; blocking, reporting and moderation with the comments' rules."""

    name = "contact"
    label = "contact"
    verbose_name = _("Berichten tussen leden")

    def ready(self):
        from members.privacy import register_personal_data
        from members.sections import register_profile_section

        from .privacy import erase_messages, export_messages
        from .sections import reach_member

        register_personal_data("berichten", export=export_messages, erase=erase_messages)
        register_profile_section("contact", reach_member, order=5)
