"""'Berichten' in the Wagtail admin menu for moderators, with the number waiting."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from comments.admin_views import can_moderate
from vakgenoten.admin_menu import QueueMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_message_moderation_urls():
    urls = [
        path("", admin_views.QueueView.as_view(), name="queue"),
        path("<int:pk>/besluit/", admin_views.DecideView.as_view(), name="decide"),
        path("<int:pk>/schorsen/", admin_views.BanSenderView.as_view(), name="ban"),
    ]
    return [path("berichten/", include((urls, "contact_admin")))]


@hooks.register("register_admin_menu_item")
def register_messages_menu():
    return QueueMenuItem(
        _("Berichten"),
        reverse("contact_admin:queue"),
        shown_to=can_moderate,
        waiting=lambda user: admin_views.waiting_count(),
        name="berichten",
        icon_name="mail",
        order=260,
    )
