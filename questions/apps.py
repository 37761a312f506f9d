from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    """Questions members ask their colleagues; the answers are comments under the question,
    so they share the comments' real names, holds, reports, bans and moderation."""

    name = "questions"
    label = "questions"
    verbose_name = _("Vragen")

    def ready(self):
        from members.privacy import register_personal_data
        from members.sections import (
            register_network_section,
            register_organisation_section,
            register_profile_section,
        )

        from .privacy import erase_questions, export_questions
        from .sections import network_questions, organisation_questions, recent_questions

        register_personal_data("vragen", export=export_questions, erase=erase_questions)
        register_profile_section("questions", recent_questions, order=15)
        register_network_section("questions", network_questions, order=30)
        register_organisation_section("questions", organisation_questions, order=30)
