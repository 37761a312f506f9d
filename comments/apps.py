from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Comments: members discuss pages under their own name; editors moderate."""

    name = "comments"
    label = "comments"
    verbose_name = _("Reacties")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from members.privacy import register_personal_data
        from members.sections import register_profile_section
        from vakgenoten.baseline import register_baseline

        from . import preferences, signals
        from .groups import ensure_moderators
        from .models import Comment, CommentBan, CommentClosure, ConversationSubscription
        from .privacy import erase_comments, export_comments
        from .sections import recent_comments

        for signal in (post_save, post_delete):
            signal.connect(signals.comment_changed, sender=Comment)
            signal.connect(signals.closure_changed, sender=CommentClosure)
            signal.connect(signals.subscription_changed, sender=ConversationSubscription)
            signal.connect(signals.ban_changed, sender=CommentBan)
        register_baseline(ensure_moderators)
        register_personal_data("reacties", export=export_comments, erase=erase_comments)
        register_profile_section("comments", recent_comments, order=20)
        preferences.register()
